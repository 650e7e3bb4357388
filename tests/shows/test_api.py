"""Shows, seasons, companies, franchises, characters and credits through the partner API."""

import pytest

from shows.models import Franchise
from tests.factories import (
    make_cast_credit,
    make_company,
    make_crew_credit,
    make_person,
    make_season,
    make_show,
    make_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def universe():
    network = make_company("Streamer")
    studio = make_company("Big Studio", kind="studio")
    franchise = Franchise.objects.create(name="Verse", slug="verse")
    parent = make_show("Parent", network=network, franchise=franchise, premise="Cops at night.")
    child = make_show("Child", network=network, franchise=franchise, spinoff_of=parent)
    other = make_show("Elsewhere", network=make_company("Cable"))
    season = make_season(child, number=1, premiere_date="2025-07-01", premiere_precision="month")
    writer = make_person("Wren Writer")
    make_cast_credit(child, person=make_person("Sam Star"), character="Det. Lee", tier="star")
    make_crew_credit(child, person=writer, job="creator", company=studio)
    make_crew_credit(other, person=writer, job="writer")
    make_story(show=child, season=season, kind="renewal")
    return locals()


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_show_detail_nests_network_universe_seasons_status_and_credits(client, universe):
    child = universe["child"]
    data = client.get(f"/api/v1/shows/{child.pk}/").json()
    assert data["network"]["name"] == "Streamer"
    assert data["franchise"]["name"] == "Verse"
    assert data["spinoff_of"]["title"] == "Parent"
    assert data["status"] == "renewed"
    assert [(s["number"], s["premiere_display"]) for s in data["seasons"]] == [(1, "July 2025")]
    assert [e["status"] for e in data["status_events"]] == ["renewed"]
    assert [(c["person"]["name"], c["role"]) for c in data["cast"]] == [
        ("Sam Star", "as Det. Lee (star)")
    ]
    assert [(c["job"], c["company"]["name"]) for c in data["crew"]] == [("creator", "Big Studio")]
    assert data["stories_url"].endswith(f"/api/v1/stories/?show={child.pk}")
    assert data["external_ids"] == {"imdb": None, "tmdb": None, "tvmaze": None, "wikidata": None}


def test_show_filters(client, universe):
    network, franchise = universe["network"], universe["franchise"]

    def titles(query):
        return [show["title"] for show in results(client, f"/api/v1/shows/?{query}")]

    assert titles(f"network={network.pk}") == ["Child", "Parent"]
    assert titles(f"franchise={franchise.pk}") == ["Child", "Parent"]
    assert titles(f"spinoff_of={universe['parent'].pk}") == ["Child"]
    assert titles("status=renewed") == ["Child"]
    assert titles("q=cops") == ["Parent"]
    assert titles("ordering=-title") == ["Parent", "Elsewhere", "Child"]
    response = client.get("/api/v1/shows/?status=thriving")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["status"]


def test_credit_filters(client, universe):
    writer, child = universe["writer"], universe["child"]

    def roles(query):
        return [
            (c["show"]["title"], c["role"]) for c in results(client, f"/api/v1/credits/?{query}")
        ]

    assert roles(f"person={writer.pk}") == [
        ("Child", "Creator for Big Studio"),
        ("Elsewhere", "Writer"),
    ]
    assert roles(f"show={child.pk}&job=creator") == [("Child", "Creator for Big Studio")]
    assert roles(f"season={universe['season'].pk}&tier=star") == [("Child", "as Det. Lee (star)")]
    assert roles("department=crew&job=writer") == [("Elsewhere", "Writer")]
    for query in ("tier=lead", "person=0", "season=%00", "page=0", "page=x"):
        assert client.get(f"/api/v1/credits/?{query}").status_code == 400, query


def test_a_season_lists_series_wide_credits_and_its_own_once_each(client, universe):
    child, first = universe["child"], universe["season"]
    second = make_season(child, number=2)
    both = make_cast_credit(child, person=make_person("Bo Both"), tier="recurring")
    both.seasons.add(first, second)
    make_cast_credit(child, person=make_person("Al Later"), tier="guest").seasons.add(second)

    listed = results(client, f"/api/v1/credits/?season={first.pk}&department=cast")

    assert [(c["person"]["name"], c["seasons"]) for c in listed] == [
        ("Sam Star", []),
        ("Bo Both", [1, 2]),
    ]


def test_reference_lists_page_with_a_count(client, universe):
    page = client.get("/api/v1/shows/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert client.get(page["next"]).json()["results"][0]["title"] == "Parent"
    assert client.get("/api/v1/shows/?page=9").status_code == 404


def test_seasons_characters_companies_franchises_and_status_events(client, universe):
    child = universe["child"]
    assert [s["number"] for s in results(client, f"/api/v1/seasons/?show={child.pk}")] == [1]
    assert [c["name"] for c in results(client, f"/api/v1/characters/?show={child.pk}")] == [
        "Det. Lee"
    ]
    assert [c["name"] for c in results(client, "/api/v1/companies/?kind=studio")] == ["Big Studio"]
    franchise = client.get(f"/api/v1/franchises/{universe['franchise'].pk}/").json()
    assert sorted(s["title"] for s in franchise["shows"]) == ["Child", "Parent"]
    network = client.get(f"/api/v1/companies/{universe['network'].pk}/").json()
    assert network["shows_url"].endswith(f"?network={universe['network'].pk}")
    events = results(client, "/api/v1/status-events/?status=renewed")
    assert [(e["show"]["title"], e["season"]["number"]) for e in events] == [("Child", 1)]
