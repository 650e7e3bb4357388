"""The issue's “done means”, against the loaded seed, with a partner key, as curl would."""

import pytest

from people.models import Person
from shows.models import Show
from tests.api_helpers import load_seed, make_key

pytestmark = pytest.mark.django_db


def test_a_partner_walks_the_ballard_story_through_the_api(
    client, django_capture_on_commit_callbacks
):
    load_seed(django_capture_on_commit_callbacks)
    _, key = make_key()

    def get(url, **headers):
        response = client.get(url, **key, **headers)
        assert response.status_code == 200, (url, response.content)
        return response

    # Stories about Ballard.
    ballard = Show.objects.get(slug="ballard")
    stories = get(f"/api/v1/stories/?show={ballard.pk}").json()["results"]
    assert [s["slug"] for s in stories] == ["ballard-renewed-season-2-prime-video"]

    # The story with its three quotes, their speakers and the titles they had.
    story = get(stories[0]["url"]).json()
    quotes = [block["quote"] for block in story["blocks"] if block["kind"] == "quote"]
    assert [[(s["name"], s["title"]) for s in q["speakers"]] for q in quotes] == [
        [("Lauren Lancaster", "Head of US SVOD TV Development and Series – Co-Productions")],
        [
            ("Michael Alaimo", "Co-showrunner and executive producer"),
            ("Kendall Sherwood", "Co-showrunner and executive producer"),
        ],
        [("Michael Connelly", "")],
    ]
    assert quotes[0]["speakers"][0]["organization"]["name"] == "Amazon MGM Studios"
    cast = next(block for block in story["blocks"] if block["kind"] == "cast_list")["credits"]
    assert len(cast) == 12
    assert (cast[0]["person"]["name"], cast[0]["character"]["name"]) == (
        "Maggie Q",
        "Renée Ballard",
    )
    crew = next(block for block in story["blocks"] if block["kind"] == "credits")["credits"]
    assert {c["job"] for c in crew} >= {"co_showrunner", "executive_producer"}

    # As ninjs.
    ninjs = get(story["ninjs_url"]).json()
    assert ninjs["uri"] == story["url"]
    assert len(ninjs["associations"]) == 3

    # Michael Connelly's credits and quotes, from his person resource.
    connelly = Person.objects.get(slug="michael-connelly")
    person = get(f"/api/v1/people/{connelly.pk}/").json()
    credits = get(person["credits_url"]).json()["results"]
    assert {(c["show"]["title"], c["job"]) for c in credits} >= {("Ballard", "executive_producer")}
    said = get(person["quotes_url"]).json()["results"]
    assert [q["text"][:34] for q in said] == ["It’s a great privilege to have my "]

    # The change feed: the story, shows and people, then nothing new from the cursor on.
    feed = get("/api/v1/changes/?page_size=100").json()
    assert ("story", story["id"], "created") in {
        (e["resource"], e["id"], e["action"]) for e in feed["results"]
    }
    assert {e["resource"] for e in feed["results"]} == {"story", "show", "person"}
    assert get(feed["next"]).json()["results"] == []

    # A repeat with If-None-Match is a 304.
    first = get(stories[0]["url"])
    repeat = client.get(stories[0]["url"], HTTP_IF_NONE_MATCH=first["ETag"], **key)
    assert repeat.status_code == 304
