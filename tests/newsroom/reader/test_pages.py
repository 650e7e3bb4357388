"""What readers, feed readers and search engines get from the published site."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.defaults import server_error

from newsroom.models import Story, StoryPerson
from newsroom.reader import structured_data
from shows.models import Company, Season, Show, StatusEvent
from tests.factories import make_person, make_season, make_show, make_story
from tests.search_results import search_results

pytestmark = pytest.mark.django_db

STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"


@pytest.fixture
def seeded():
    call_command("load_seeds", verbosity=0)


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_story_json_ld_describes_article_show_quotes_and_cast(client, seeded):
    data = json_ld(client.get(STORY_URL).content.decode())

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "‘Ballard’ renewed for Season 2 at Prime Video"
    assert data["datePublished"] == "2025-10-06T19:00:00+00:00"
    assert data["author"][0]["name"] == "Dana Whitcombe"
    assert data["about"]["@type"] == "TVSeason"
    assert data["about"]["seasonNumber"] == 2
    series = data["about"]["partOfSeries"]
    assert (series["@type"], series["name"]) == ("TVSeries", "Ballard")
    roles = {role["actor"]["name"]: role for role in series["actor"]}
    assert len(roles) == 12
    assert roles["Maggie Q"]["characterName"] == "Renée Ballard"
    assert roles["Titus Welliver"]["roleName"] == "Guest"
    quotes = data["hasPart"]
    assert [q["@type"] for q in quotes] == ["Quotation"] * 3
    assert [c["name"] for c in quotes[1]["creator"]] == ["Michael Alaimo", "Kendall Sherwood"]
    assert quotes[0]["creator"][0]["jobTitle"].startswith("Head of US SVOD TV Development")
    assert quotes[0]["creator"][0]["worksFor"]["name"] == "Amazon MGM Studios"
    assert {p["name"] for p in data["mentions"]} == {"Maggie Q", "Michael Connelly"}
    assert data["url"] == f"https://newsroom.example{STORY_URL}"


def test_json_ld_cannot_break_out_of_its_script_element(client, seeded):
    Story.objects.update(headline="</script><script>alert(1)</script>")
    html = client.get(STORY_URL).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script>"


def test_json_ld_writes_dates_and_lazy_text_as_djangos_encoder_did():
    text = structured_data.json_ld(
        {
            "dateCreated": datetime(2025, 10, 6, 19, 0, 0, 123456, tzinfo=UTC),
            "name": gettext_lazy("Newsroom"),
            "quote": "Renée & co. <said>",
        }
    )
    assert json_ld(text) == {
        "dateCreated": "2025-10-06T19:00:00.123Z",
        "name": "Newsroom",
        "quote": "Renée & co. <said>",
    }
    assert "<said>" not in text and "&" not in text.removeprefix("<script")


def test_story_page_has_social_meta_canonical_and_stays_small(client, seeded):
    response = client.get(STORY_URL)
    html = response.content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="‘Ballard’ renewed for Season 2 at Prime Video">' in html
    )
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'<link rel="canonical" href="https://newsroom.example{STORY_URL}">' in html
    assert len(response.content) <= 40 * 1024
    assert "<script src" not in html
    assert "https://" not in html.split("<body>")[1].replace("https://schema.org", "")


def test_related_stories_share_show_franchise_or_people(client, seeded):
    ballard = Show.objects.get(slug="ballard")
    bosch = Show.objects.get(slug="bosch")
    make_story("Bosch universe grows", show=bosch)
    make_story("Unrelated comedy news", show=make_show("Other Show"))
    make_story("Ballard casting news", show=ballard)
    html = client.get(STORY_URL).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Bosch universe grows" in related
    assert "Ballard casting news" in related
    assert "Unrelated comedy news" not in related


def test_related_stories_are_the_five_newest_public_ones_by_show_or_person(client):
    show, person = make_show("Night Desk"), make_person("Casey Quill")
    story = make_story("Night Desk renewed", show=show)
    now = timezone.now()

    def published(headline, hours_ago, **fields):
        related = make_story(headline, published=False, **fields)
        related.publish(at=now - timedelta(hours=hours_ago))
        return related

    for hours_ago in (2, 3, 4, 5):
        published(f"Night Desk note {hours_ago}", hours_ago, show=show)
    quoting = published("Casey Quill joins Day Desk", 1, show=make_show("Day Desk"))
    StoryPerson.objects.create(story=story, person=person)
    StoryPerson.objects.create(story=quoting, person=person)
    published("Night Desk note 9", 9, show=show)  # the sixth: one too many
    make_story("Night Desk draft", published=False, show=show)
    make_story("Night Desk scheduled", published=False, show=show).publish(
        at=now + timedelta(hours=1)
    )
    make_story("Unrelated comedy news", show=make_show("Other Show"))

    related = client.get(story.get_absolute_url()).content.decode()
    related = related.split('id="related-heading"')[1].split("</section>")[0]
    titles = re.findall(r'class="teaser-title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles == [
        "Casey Quill joins Day Desk",
        *(f"Night Desk note {hours_ago}" for hours_ago in (2, 3, 4, 5)),
    ]
    assert '<a href="/stories/casey-quill-joins-day-desk/">' in related
    assert "Day Desk · <time" in related


def test_tracker_groups_shows_and_links_the_source_story(client, seeded):
    html = client.get("/tracker/").content.decode()
    renewed = html.split('id="renewed-heading"')[1].split("</section>")[0]
    assert '<a href="/shows/ballard/">Ballard</a>' in renewed
    assert f'<a href="{STORY_URL}">October 6, 2025</a>' in renewed
    ending = html.split('id="ending-heading"')[1].split("</section>")[0]
    assert "Bosch" in ending


def test_tracker_counts_days_awaiting_a_decision_since_the_premiere(client):
    show = make_show(
        "Night Desk", network=Company.objects.create(name="N", slug="n", kind="network")
    )
    premiere = timezone.localdate() - timedelta(days=40)
    make_season(show, 1, premiere_date=premiere, premiere_precision="day")
    StatusEvent.objects.create(
        show=show, status="ordered", occurred_on=premiere - timedelta(days=300)
    )

    html = client.get("/tracker/").content.decode()
    awaiting = html.split('id="awaiting-heading"')[1].split("</section>")[0]
    assert "Night Desk" in awaiting
    assert "40 days" in awaiting


def test_tracker_filters_by_network_and_404s_on_an_unknown_one(client, seeded):
    other = Company.objects.create(name="Northstar", slug="northstar", kind="network")
    make_show("Night Desk", network=other)
    html = client.get("/tracker/", {"network": "northstar"}).content.decode()
    assert "Night Desk" in html
    assert "Ballard" not in html.split("</form>")[1]
    assert client.get("/tracker/", {"network": "no-such-network"}).status_code == 404
    assert client.get("/tracker/", {"network": "bad\x00slug"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 5000, "\x00", "'; DROP TABLE stories; --", "&&&", "(((", "ñandú 🙂"],
)
def test_search_answers_any_query_with_a_friendly_page(client, seeded, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()


def test_search_finds_stories_shows_and_people(client, seeded):
    found = search_results(client, "Ballard")
    assert [slug for slug, _ in found["stories"]] == ["ballard-renewed-season-2-prime-video"]
    assert found["shows"] == [("ballard", "Ballard")]
    people = search_results(client, "connelly")["people"]
    assert people == [("michael-connelly", "Michael Connelly")]


def test_feeds_for_everything_and_for_a_show_person_and_company(client, seeded):
    make_story("Unrelated comedy news", show=make_show("Other Show"))
    for url in ["/feeds/rss/", "/feeds/atom/"]:
        body = client.get(url).content.decode()
        assert "‘Ballard’ renewed for Season 2" in body
        assert "Unrelated comedy news" in body
    for url in [
        "/feeds/shows/ballard/rss/",
        "/feeds/people/michael-connelly/atom/",
        "/feeds/companies/prime-video/rss/",
        "/feeds/companies/hieronymus-pictures/atom/",
    ]:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)
        assert "‘Ballard’ renewed for Season 2" in body, url
        assert "Unrelated comedy news" not in body, url
    assert client.get("/feeds/shows/no-such-show/rss/").status_code == 404


def test_sitemaps_list_public_pages_and_news_only_the_last_two_days(client, seeded):
    index = client.get("/sitemap.xml").content.decode()
    for section in ["stories", "shows", "people"]:
        assert f"/sitemap-{section}.xml" in index
    assert STORY_URL in client.get("/sitemap-stories.xml").content.decode()
    assert "/people/maggie-q/" in client.get("/sitemap-people.xml").content.decode()
    assert "<url>" not in client.get("/news-sitemap.xml").content.decode()

    fresh = make_story("Fresh renewal news")
    news = client.get("/news-sitemap.xml").content.decode()
    assert fresh.get_absolute_url() in news
    assert "<news:title>Fresh renewal news</news:title>" in news
    assert STORY_URL not in news
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://newsroom.example/sitemap.xml" in robots


def test_season_page_lists_that_seasons_cast_and_status(client, seeded):
    season_1 = client.get("/shows/ballard/seasons/1/").content.decode()
    season_2 = client.get("/shows/ballard/seasons/2/").content.decode()
    assert "Titus Welliver" in season_1
    assert "Titus Welliver" not in season_2
    assert "Henrik Bastin" in season_2 and "Henrik Bastin" not in season_1
    assert "Premiere: July 2025" in season_1
    assert "Renewed" in season_2
    assert client.get("/shows/ballard/seasons/9/").status_code == 404


def test_missing_page_is_a_styled_404(client):
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_server_error_page_is_styled():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()


def test_person_page_lists_credits_quotes_and_stories(client, seeded):
    html = client.get("/people/michael-connelly/").content.decode()
    assert "Renée Ballard novels, adapted as" in html
    assert "executive producer (season 2)" in html
    assert "It’s a great privilege to have my characters" in html
    assert "Stories that quote or mention Michael Connelly" in html
    assert Season.objects.filter(show__slug="ballard").count() == 2
    assert date(2025, 10, 6).strftime("%B") in html
