"""Who may call the API how often, and what the HTTP layer promises: keys, limits, caching."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsroom.models import PartnerKey
from tests.api_helpers import key_made_in_admin, make_key
from tests.factories import make_story, make_user_in

pytestmark = pytest.mark.django_db


def test_a_live_key_is_accepted_and_its_last_use_recorded(client):
    key, headers = make_key()
    assert key.last_used_at is None
    response = client.get("/api/v1/stories/", **headers)
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_only_a_hash_of_the_key_is_stored(client):
    key, headers = make_key()
    raw_key = headers["HTTP_AUTHORIZATION"].split(" ", 1)[1]
    stored = PartnerKey.objects.filter(pk=key.pk).values().get()
    assert raw_key not in str(stored.values())
    assert stored["hashed_key"] == PartnerKey.hash(raw_key)


@pytest.mark.parametrize(
    "header", ["Api-Key nr_not-a-real-key", "Api-Key ", "Bearer something", "Api-Key \u00e9"]
)
def test_unknown_or_malformed_keys_are_401_with_a_json_body(client, header):
    response = client.get("/api/v1/stories/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Api-Key")
    assert list(response.json()["errors"]) == ["detail"]


def test_a_revoked_key_is_401_at_once(client):
    key, headers = make_key()
    assert client.get("/api/v1/shows/", **headers).status_code == 200
    key.revoke()
    response = client.get("/api/v1/shows/", **headers)
    assert response.status_code == 401
    assert response.json() == {"errors": {"detail": ["Unknown or revoked API key."]}}


def test_anonymous_callers_get_the_low_rate_then_429_with_retry_after(client, settings):
    settings.API_ANON_RATE = "2/hour"
    assert client.get("/api/v1/shows/").status_code == 200
    second = client.get("/api/v1/shows/")
    assert (second["X-RateLimit-Limit"], second["X-RateLimit-Remaining"]) == ("2", "0")
    response = client.get("/api/v1/shows/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert list(response.json()["errors"]) == ["detail"]


def test_a_keyed_partner_has_its_own_rate_apart_from_anonymous_callers(client, settings):
    settings.API_ANON_RATE = "1/hour"
    _, headers = make_key(rate="3/minute")
    _, other_headers = make_key(rate="1/minute")
    assert client.get("/api/v1/shows/").status_code == 200
    assert client.get("/api/v1/shows/").status_code == 429
    statuses = [client.get("/api/v1/shows/", **headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/shows/", **other_headers).status_code == 200


def test_get_has_etag_last_modified_and_a_repeat_is_304(client):
    story = make_story()
    url = f"/api/v1/stories/{story.pk}/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert "Authorization" in first["Vary"]
    etag, last_modified = first["ETag"], first["Last-Modified"]

    repeat = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    story.headline = "A new headline"
    story.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_keyed_responses_are_private_to_the_partner(client):
    _, headers = make_key()
    response = client.get("/api/v1/shows/", **headers)
    assert response["Cache-Control"] == "private, max-age=60"
    assert response["ETag"]


def test_errors_carry_no_validators_or_public_caching(client):
    response = client.get("/api/v1/stories/?page_size=1000")
    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_cors_allows_only_the_configured_partner_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    allowed = client.get("/api/v1/shows/", HTTP_ORIGIN="https://partner.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get("/api/v1/shows/", HTTP_ORIGIN="https://evil.example")
    assert not other.has_header("Access-Control-Allow-Origin")
    page = client.get("/", HTTP_ORIGIN="https://partner.example")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_browsable_api_only_when_debug_is_on(client, settings):
    settings.DEBUG = False
    assert client.get("/api/v1/shows/", HTTP_ACCEPT="text/html").status_code == 406
    assert client.get("/api/v1/shows/?format=api").status_code == 404
    browser = client.get("/api/v1/shows/", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert browser["Content-Type"] == "application/json"
    settings.DEBUG = True
    assert client.get("/api/v1/shows/", HTTP_ACCEPT="text/html")["Content-Type"].startswith(
        "text/html"
    )


def test_schema_documents_parameters_errors_and_the_key_scheme(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    stories = schema["paths"]["/api/v1/stories/"]["get"]
    parameters = {p["name"] for p in stories["parameters"]}
    assert {
        "show", "season", "franchise", "network", "person", "kind", "exclusive",
        "published_after", "published_before", "updated_since", "q", "ordering",
        "cursor", "page_size",
    } <= parameters  # fmt: skip
    assert {"200", "304", "400", "401", "404", "429"} <= set(stories["responses"])
    assert "Retry-After" in stories["responses"]["429"]["headers"]
    assert schema["components"]["securitySchemes"]["ApiKey"]["name"] == "Authorization"
    changes = schema["paths"]["/api/v1/changes/"]["get"]
    assert {"since", "page_size", "resource"} <= {p["name"] for p in changes["parameters"]}


def test_docs_page_serves_its_assets_locally(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html


@pytest.mark.parametrize("group", ["Editors", "Writers"])
def test_editors_and_writers_cannot_see_partner_keys(client, group):
    client.force_login(make_user_in(group))
    assert client.get("/admin/newsroom/partnerkey/").status_code == 403
    assert client.get("/admin/newsroom/partnerkey/add/").status_code == 403


def test_a_superuser_makes_a_key_and_sees_it_once(client):
    admin = User.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    raw_key = key_made_in_admin(client)
    assert raw_key.startswith("nr_")
    key = PartnerKey.objects.get(partner="Guide app")
    assert key.hashed_key == PartnerKey.hash(raw_key)
    assert (
        raw_key not in client.get(f"/admin/newsroom/partnerkey/{key.pk}/change/").content.decode()
    )
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Api-Key {raw_key}").status_code == 200

    client.post(
        "/admin/newsroom/partnerkey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_at <= timezone.now()
