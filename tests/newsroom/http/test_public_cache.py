"""Cached public pages: served without queries, revalidated by ETag, never stale after a change."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Correction, Story
from people.models import Person
from tests.factories import make_story, make_user_in

pytestmark = pytest.mark.django_db

STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"
SURFACES = [
    STORY_URL,
    "/",
    "/shows/ballard/",
    "/shows/ballard/seasons/2/",
    "/people/maggie-q/",
    "/companies/prime-video/",
    "/franchises/bosch-universe/",
    "/tracker/",
    "/feeds/rss/",
    "/feeds/shows/ballard/atom/",
    "/feeds/people/maggie-q/rss/",
    "/feeds/companies/prime-video/rss/",
    "/sitemap-stories.xml",
    "/search/?q=ballard",
]


@pytest.fixture
def seeded():
    call_command("load_seeds", verbosity=0)


@pytest.mark.parametrize("url", SURFACES)
def test_second_request_is_served_from_the_cache_without_queries(
    client, seeded, url, django_assert_num_queries
):
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_public_page_headers_suit_a_cdn_and_set_no_cookies(client, seeded):
    response = client.get(STORY_URL)
    assert response["ETag"].startswith('"')
    assert response.has_header("Last-Modified")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control
    assert "max-age=60" in cache_control
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_conditional_get_answers_304_without_queries(client, seeded, django_assert_num_queries):
    first = client.get(STORY_URL)
    with django_assert_num_queries(0):
        by_etag = client.get(STORY_URL, headers={"if-none-match": first["ETag"]})
        by_date = client.get(STORY_URL, headers={"if-modified-since": first["Last-Modified"]})
    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]


def test_stale_etag_gets_the_new_page(client, seeded):
    first = client.get(STORY_URL)
    Story.objects.get().corrections.create(text="Season 1 premiered in July.")
    response = client.get(STORY_URL, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert "Season 1 premiered in July." in response.content.decode()


HEADLINE_SURFACES = [url for url in SURFACES if url not in ("/tracker/", "/sitemap-stories.xml")]


@pytest.mark.parametrize("url", HEADLINE_SURFACES)
def test_editing_a_published_story_refreshes_every_surface(client, seeded, url):
    client.get(url)
    story = Story.objects.get()
    story.headline = "Prime Video brings back Ballard"
    story.save()
    assert "Prime Video brings back Ballard" in client.get(url).content.decode()


@pytest.mark.parametrize("url", SURFACES)
def test_unpublishing_removes_the_story_on_the_next_response(client, seeded, url):
    client.get(url)
    client.get(STORY_URL)
    story = Story.objects.get()
    story.status = Story.Status.UNPUBLISHED
    story.save()
    html = client.get(url).content.decode()
    assert "renewed for Season 2" not in html
    assert STORY_URL not in html
    assert client.get(STORY_URL).status_code == 404


def test_publishing_and_correcting_show_on_the_next_response(client, seeded):
    client.get("/")
    client.get("/feeds/rss/")
    fresh = make_story("Night Desk ordered to series")
    assert "Night Desk ordered to series" in client.get("/").content.decode()
    Correction.objects.create(story=fresh, text="The order is for ten episodes.")
    assert "The order is for ten episodes." in client.get("/feeds/rss/").content.decode()


def test_reference_data_edits_refresh_pages(client, seeded):
    client.get(STORY_URL)
    maggie = Person.objects.get(slug="maggie-q")
    maggie.name = "Maggie Q."
    maggie.save()
    assert ">Maggie Q.</a> as Renée Ballard" in client.get(STORY_URL).content.decode()


def test_editing_a_draft_keeps_the_cache(client, seeded, django_assert_num_queries):
    draft = make_story("Secret draft", published=False)
    client.get("/")
    draft.headline = "Still secret"
    draft.save()
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_scheduled_story_appears_on_time_despite_the_cache(client, seeded):
    story = make_story("Scheduled renewal", published=False)
    story.publish(at=timezone.now() + timedelta(seconds=1))
    before = client.get("/")
    assert "Scheduled renewal" not in before.content.decode()
    assert client.get("/", headers={"if-none-match": before["ETag"]}).status_code == 304

    time.sleep(1.1)

    assert "Scheduled renewal" in client.get("/").content.decode()
    # A browser or CDN asking again once its fixed lifetime is over gets the new page.
    revalidated = client.get("/", headers={"if-none-match": before["ETag"]})
    assert revalidated.status_code == 200
    assert "Scheduled renewal" in revalidated.content.decode()


def test_cache_lifetimes_do_not_tell_when_the_next_scheduled_story_goes_out(client, seeded):
    nothing_scheduled = client.get("/")["Cache-Control"]
    assert "max-age=60" in nothing_scheduled and "s-maxage=300" in nothing_scheduled
    story = make_story("Embargoed renewal", published=False)
    story.publish(at=timezone.now() + timedelta(seconds=30))
    made = client.get("/")
    stored = client.get("/")
    revalidated = client.get("/", headers={"if-none-match": made["ETag"]})
    assert revalidated.status_code == 304
    for response in (made, stored, revalidated):
        assert response["Cache-Control"] == nothing_scheduled
        assert not response.has_header("Expires")


def test_admin_pages_are_private_and_never_cached(client, seeded):
    client.force_login(make_user_in("Editors"))
    response = client.get("/admin/newsroom/story/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_not_found_pages_are_not_cached(client, seeded):
    assert client.get("/stories/not-yet/").status_code == 404
    make_story("Not yet")
    assert client.get("/stories/not-yet/").status_code == 200
