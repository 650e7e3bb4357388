"""Stored API responses carry no caller's Host, and their lifetimes tell no embargo.

Every address an API response writes (`url`, `web_url`, pagination links, the API root, ninjs
`uri` and `href`) is on SITE_URL, and the response cache keeps each host's entries apart
(newsroom/api/caching.py). Cache-Control is the same whether or not a story is scheduled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Story
from tests.api_helpers import load_seed, make_key
from tests.factories import make_story

pytestmark = pytest.mark.django_db

FOREIGN = "evil.example"
SITE = "https://newsroom.example"


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    load_seed(django_capture_on_commit_callbacks)
    make_story("Night Desk ordered to series")  # two stories: the list has a next page


@pytest.fixture(params=[["*"], ["testserver", FOREIGN]], ids=["any host", "an alias"])
def foreign_host_allowed(request, settings):
    settings.ALLOWED_HOSTS = request.param


def surfaces():
    ballard = Story.objects.get(slug="ballard-renewed-season-2-prime-video").pk
    return {
        "/api/v1/": f'"stories":"{SITE}/api/v1/stories/"',
        "/api/v1/stories/?page_size=1": f'"next":"{SITE}/api/v1/stories/?cursor=',
        f"/api/v1/stories/{ballard}/": f'"web_url":"{SITE}/stories/ballard-renewed',
        f"/api/v1/stories/{ballard}/ninjs/": f'"uri":"{SITE}/api/v1/stories/{ballard}/"',
        "/api/v1/people/?page_size=1": f'"next":"{SITE}/api/v1/people/?page=2&page_size=1"',
        "/api/v1/changes/?page_size=1": f'"next":"{SITE}/api/v1/changes/?page_size=1&since=',
    }


def test_a_foreign_host_never_reaches_a_later_caller(client, seeded, foreign_host_allowed):
    for url, written in surfaces().items():
        sent = client.get(url, HTTP_HOST=FOREIGN, HTTP_X_FORWARDED_HOST=FOREIGN)
        assert sent.status_code == 200, url
        assert FOREIGN not in sent.content.decode(), url

        for later in (client.get(url), client.get(url, HTTP_IF_NONE_MATCH=sent["ETag"])):
            assert later.status_code == 200, url
            body = later.content.decode()
            assert FOREIGN not in body, url
            assert "testserver" not in body, url
            assert written in body, url


def test_every_ninjs_address_is_on_the_site_url(client, seeded, foreign_host_allowed):
    ballard = Story.objects.get(slug="ballard-renewed-season-2-prime-video")
    url = f"/api/v1/stories/{ballard.pk}/ninjs/"
    client.get(url, HTTP_HOST=FOREIGN)
    document = client.get(url).json()
    addresses = [document["uri"], *(r["href"] for r in document["renditions"])]
    for group in ("people", "organisations", "subjects", "associations"):
        addresses += [entry["uri"] for entry in document[group]]
    assert len(addresses) > 5
    assert all(address.startswith(f"{SITE}/") for address in addresses), addresses
    assert document["renditions"][0]["href"] == f"{SITE}{ballard.get_absolute_url()}"


def test_each_host_has_its_own_stored_response_and_etag(
    client, seeded, foreign_host_allowed, django_assert_max_num_queries
):
    sent = client.get("/api/v1/stories/", HTTP_HOST=FOREIGN)
    reader = client.get("/api/v1/stories/")
    assert reader["ETag"] != sent["ETag"]
    with django_assert_max_num_queries(0):
        assert client.get("/api/v1/stories/")["ETag"] == reader["ETag"]


def test_cache_lifetimes_do_not_tell_when_the_next_scheduled_story_goes_out(client, seeded):
    _, key = make_key()
    unscheduled = [client.get("/api/v1/stories/", **headers) for headers in ({}, key)]
    scheduled = make_story("Embargoed renewal", published=False)
    scheduled.publish(at=timezone.now() + timedelta(seconds=30))
    for headers, before in zip(({}, key), unscheduled, strict=True):
        made = client.get("/api/v1/stories/", **headers)
        stored = client.get("/api/v1/stories/", **headers)
        revalidated = client.get("/api/v1/stories/", HTTP_IF_NONE_MATCH=made["ETag"], **headers)
        assert revalidated.status_code == 304
        for response in (made, stored, revalidated):
            assert response["Cache-Control"] == before["Cache-Control"]
    assert unscheduled[0]["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert unscheduled[1]["Cache-Control"] == "private, max-age=60"
