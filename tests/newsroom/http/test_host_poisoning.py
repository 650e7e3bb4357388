"""A client's Host header never reaches another reader through the page cache.

Public pages are stored once and served to everyone, so an address written from the Host
header of the request that filled the cache would be every later reader's: robots.txt pointing
crawlers at someone else's sitemap, canonical links and feeds sending readers elsewhere. Pages
write their addresses from SITE_URL, and the cache keeps each host's entries apart
(newsroom/http/public_cache.py, docs/security.md)."""

import pytest
from django.core.management import call_command

from tests.factories import make_story

pytestmark = pytest.mark.django_db

FOREIGN = "evil.example"
STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"
FRESH_URL = "/stories/night-desk-ordered-to-series/"  # the news sitemap lists two days only
# Every public surface that writes absolute addresses, and two that link by path.
SURFACES = [
    "/robots.txt",
    STORY_URL,
    "/feeds/atom/",
    "/feeds/rss/",
    "/feeds/shows/ballard/atom/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/news-sitemap.xml",
    "/shows/ballard/",
    "/people/maggie-q/",
    "/",
]
ABSOLUTE_ADDRESS = {
    "/robots.txt": "Sitemap: https://newsroom.example/sitemap.xml",
    STORY_URL: f'<link rel="canonical" href="https://newsroom.example{STORY_URL}">',
    "/feeds/atom/": '<link href="https://newsroom.example/feeds/atom/" rel="self"/>',
    "/feeds/rss/": '<atom:link href="https://newsroom.example/feeds/rss/" rel="self"/>',
    "/feeds/shows/ballard/atom/": '<link href="https://newsroom.example/shows/ballard/"',
    "/sitemap.xml": "<loc>https://newsroom.example/sitemap-stories.xml</loc>",
    "/sitemap-stories.xml": f"<loc>https://newsroom.example{STORY_URL}</loc>",
    "/news-sitemap.xml": f"<loc>https://newsroom.example{FRESH_URL}</loc>",
    "/shows/ballard/": '<link rel="canonical" href="https://newsroom.example/shows/ballard/">',
    "/people/maggie-q/": '<link rel="canonical" href="https://newsroom.example/people/maggie-q/">',
}


@pytest.fixture
def seeded():
    call_command("load_seeds", verbosity=0)


@pytest.fixture(params=[["*"], ["testserver", FOREIGN]], ids=["any host", "an alias"])
def foreign_host_allowed(request, settings):
    """ALLOWED_HOSTS that let the foreign host in: "*", or a list naming it as an alias."""
    settings.ALLOWED_HOSTS = request.param


def foreign_request(client, url):
    """What an attacker sends: a Host of their own, and X-Forwarded-Host for good measure."""
    return client.get(url, HTTP_HOST=FOREIGN, HTTP_X_FORWARDED_HOST=FOREIGN)


@pytest.mark.parametrize("url", SURFACES)
def test_a_foreign_host_never_reaches_a_later_reader(client, seeded, foreign_host_allowed, url):
    make_story("Night Desk ordered to series")  # a public change: every page is made anew

    sent = foreign_request(client, url)
    assert sent.status_code == 200
    assert FOREIGN not in sent.content.decode()

    for later in (client.get(url), client.get(url, headers={"if-none-match": sent["ETag"]})):
        assert later.status_code == 200
        page = later.content.decode()
        assert FOREIGN not in page
        assert "testserver" not in page  # the reader's own Host is not written either
        if url in ABSOLUTE_ADDRESS:
            assert ABSOLUTE_ADDRESS[url] in page


def test_story_page_structured_data_and_open_graph_are_on_the_site_url(
    client, seeded, foreign_host_allowed
):
    foreign_request(client, STORY_URL)
    page = client.get(STORY_URL).content.decode()
    assert f'<meta property="og:url" content="https://newsroom.example{STORY_URL}">' in page
    assert f'"url":"https://newsroom.example{STORY_URL}"' in page  # JSON-LD
    assert '"url":"https://newsroom.example/people/maggie-q/"' in page
    assert FOREIGN not in page


def test_each_host_has_its_own_cache_entry_and_etag(
    client, seeded, foreign_host_allowed, django_assert_max_num_queries
):
    sent = foreign_request(client, STORY_URL)
    with django_assert_max_num_queries(0):
        assert foreign_request(client, STORY_URL).content == sent.content  # its own entry
    reader = client.get(STORY_URL)  # not the entry the foreign request filled
    assert reader["ETag"] != sent["ETag"]
    with django_assert_max_num_queries(0):
        assert client.get(STORY_URL)["ETag"] == reader["ETag"]


def test_a_host_allowed_hosts_does_not_name_gets_400_even_for_a_stored_page(
    client, seeded, settings
):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/robots.txt").status_code == 200  # stored
    assert client.get("/robots.txt", HTTP_HOST=FOREIGN).status_code == 400
