"""API responses stored per publication generation: fast repeats and 304s, never stale."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from people.models import Person
from tests.api_helpers import make_key
from tests.factories import make_person, make_story

pytestmark = pytest.mark.django_db

LIST = "/api/v1/stories/"
FEED = "/api/v1/changes/"


def headlines(client, url=LIST, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return [story["headline"] for story in response.json()["results"]]


def feed(client, **params):
    response = client.get(FEED, params)
    assert response.status_code == 200, response.content
    return [(e["resource"], e["id"], e["action"]) for e in response.json()["results"]]


@pytest.fixture
def story():
    return make_story("Ballard renewed for Season 2")


def test_a_repeat_is_served_without_queries_with_the_same_body_and_etag(
    client, story, django_assert_num_queries
):
    first = client.get(f"/api/v1/stories/{story.pk}/")
    with django_assert_num_queries(0):
        repeat = client.get(f"/api/v1/stories/{story.pk}/")
    assert repeat.status_code == 200
    assert repeat.content == first.content
    assert repeat["ETag"] == first["ETag"]
    assert repeat["Content-Type"] == "application/json"


def test_a_conditional_get_is_304_without_a_query_or_with_only_the_key_lookup(
    client, story, django_assert_max_num_queries
):
    first = client.get(LIST)
    with django_assert_max_num_queries(0):
        by_etag = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag["ETag"] == first["ETag"]

    _, key = make_key()
    client.get(LIST, **key)  # records the key's first use, as one request a minute does
    with django_assert_max_num_queries(1):
        keyed = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"], **key)
    assert keyed.status_code == 304
    assert keyed["Cache-Control"] == "private, max-age=60"


def test_etag_differs_by_url_and_representation(client, story, settings):
    settings.DEBUG = True
    json = client.get(LIST)["ETag"]
    assert client.get(f"{LIST}?page_size=5")["ETag"] != json
    browsable = client.get(LIST, HTTP_ACCEPT="text/html")
    assert browsable["Content-Type"].startswith("text/html")
    assert browsable["ETag"] != json
    assert client.get(LIST)["Content-Type"] == "application/json"


def test_publishing_a_story_shows_on_the_next_request(client, story):
    assert headlines(client) == ["Ballard renewed for Season 2"]
    assert [action for *_, action in feed(client)] == ["created"]
    fresh = make_story("Night Desk ordered to series")
    assert headlines(client) == ["Night Desk ordered to series", "Ballard renewed for Season 2"]
    assert feed(client)[-1] == ("story", fresh.pk, "created")


def test_editing_a_published_story_shows_on_the_next_request(client, story):
    url = f"/api/v1/stories/{story.pk}/"
    etag = client.get(url)["ETag"]
    headlines(client)
    story.headline = "Prime Video brings back Ballard"
    story.publish()  # the admin's save of a public story
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Prime Video brings back Ballard"
    assert headlines(client) == ["Prime Video brings back Ballard"]
    assert feed(client)[-1] == ("story", story.pk, "updated")


def test_unpublishing_a_story_takes_it_down_on_the_next_request(client, story):
    url = f"/api/v1/stories/{story.pk}/"
    assert client.get(url).status_code == 200
    headlines(client)
    feed(client)
    story.unpublish()
    assert client.get(url).status_code == 404
    assert headlines(client) == []
    assert feed(client)[-1] == ("story", story.pk, "withdrawn")


def test_a_correction_shows_on_the_next_request(client, story):
    url = f"/api/v1/stories/{story.pk}/"
    assert client.get(url).json()["corrections"] == []
    feed(client)
    story.correct("Season 1 premiered in July.")
    corrections = client.get(url).json()["corrections"]
    assert [c["text"] for c in corrections] == ["Season 1 premiered in July."]
    assert feed(client)[-1] == ("story", story.pk, "corrected")


def test_editing_a_draft_keeps_the_stored_responses(client, story, django_assert_num_queries):
    draft = make_story("Secret draft", published=False)
    headlines(client)
    draft.headline = "Still secret"
    draft.save()
    with django_assert_num_queries(0):
        assert headlines(client) == ["Ballard renewed for Season 2"]


def test_a_scheduled_story_appears_at_its_time_without_a_job(client, story):
    scheduled = make_story("Scheduled renewal", published=False)
    scheduled.publish(at=timezone.now() + timedelta(seconds=1))
    assert headlines(client) == ["Ballard renewed for Season 2"]
    assert ("story", scheduled.pk, "created") not in feed(client)
    before = client.get(LIST)
    assert before["Cache-Control"] == "public, max-age=60, s-maxage=300"  # tells no schedule
    assert client.get(f"/api/v1/stories/{scheduled.pk}/").status_code == 404

    time.sleep(1.1)

    assert headlines(client) == ["Scheduled renewal", "Ballard renewed for Season 2"]
    # A cache revalidating after its fixed lifetime gets the new list, not a 304.
    revalidated = client.get(LIST, HTTP_IF_NONE_MATCH=before["ETag"])
    assert revalidated.status_code == 200
    assert revalidated.json()["results"][0]["headline"] == "Scheduled renewal"
    assert feed(client)[-1] == ("story", scheduled.pk, "created")
    assert client.get(f"/api/v1/stories/{scheduled.pk}/").status_code == 200


def test_a_feed_page_read_between_commit_and_entry_is_not_kept(
    client, django_capture_on_commit_callbacks
):
    """Show and people entries are written after the commit that starts a new generation."""
    with django_capture_on_commit_callbacks(execute=True):
        person = make_person("Maggie Q")
    page = client.get(FEED).json()
    assert [e["action"] for e in page["results"]] == ["created"]

    with django_capture_on_commit_callbacks() as callbacks:
        Person.objects.get(pk=person.pk).save()
    assert len(callbacks) == 2  # the new generation, then the feed entry
    for callback in callbacks:
        feed(client, since=page["since"])  # read, and stored, before each step
        callback()
    assert feed(client, since=page["since"]) == [("person", person.pk, "updated")]


def test_rates_count_stored_responses_and_304s(client, story, settings):
    settings.API_ANON_RATE = "3/hour"
    first = client.get(LIST)
    assert first["X-RateLimit-Remaining"] == "2"
    stored = client.get(LIST)
    assert (stored.status_code, stored["X-RateLimit-Remaining"]) == (200, "1")
    not_modified = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (not_modified.status_code, not_modified["X-RateLimit-Remaining"]) == (304, "0")
    refused = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert client.get(LIST).status_code == 429


def test_a_keyed_partner_hits_its_own_limit_on_stored_responses(client, story):
    _, key = make_key(rate="2/minute")
    client.get(LIST)  # stored by an anonymous caller
    statuses = [client.get(LIST, **key).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("header", ["Api-Key nr_not-a-real-key", "Bearer something"])
def test_a_bad_key_gets_401_not_the_stored_response(client, story, header):
    first = client.get(LIST)
    assert client.get(LIST, HTTP_AUTHORIZATION=header).status_code == 401
    conditional = client.get(LIST, HTTP_AUTHORIZATION=header, HTTP_IF_NONE_MATCH=first["ETag"])
    assert conditional.status_code == 401


def test_a_revoked_key_gets_401_not_the_stored_response(client, story):
    key, headers = make_key()
    assert client.get(LIST, **headers).status_code == 200
    key.revoke()
    assert client.get(LIST, **headers).status_code == 401


def test_stored_responses_keep_cache_control_vary_and_cors(client, story, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    client.get(LIST)
    anonymous = client.get(LIST, HTTP_ORIGIN="https://partner.example")
    assert anonymous["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert {"Accept", "Authorization", "origin"} <= {
        v.strip() for v in anonymous["Vary"].split(",")
    }
    assert anonymous["Access-Control-Allow-Origin"] == "https://partner.example"
    _, key = make_key()
    keyed = client.get(LIST, **key)
    assert keyed["Cache-Control"] == "private, max-age=60"
    assert "public" not in keyed["Cache-Control"]


def test_errors_are_never_stored_or_validated(client, story):
    for url in ("/api/v1/stories/999999/", f"{LIST}?page_size=0"):
        first = client.get(url)
        repeat = client.get(url)
        assert first.status_code == repeat.status_code >= 400
        assert not repeat.has_header("ETag")
