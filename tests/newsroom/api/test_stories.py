"""Stories and quotes through the partner API: content, publication, filters, pages, errors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Block, BlockCredit, Correction, StoryPerson
from shows.models import Franchise
from tests.factories import (
    add_block,
    make_cast_credit,
    make_company,
    make_crew_credit,
    make_person,
    make_quote,
    make_season,
    make_show,
    make_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def renewal():
    """A published renewal with a quote, a cast list, a credits list, links and a correction."""
    network = make_company("Streamer")
    show = make_show("Harbor", network=network)
    season = make_season(show, number=2)
    star = make_person("Ada Star")
    make_cast_credit(show, person=star, character="Captain Reyes", tier="star")
    boss = make_person("Bo Boss")
    quote = make_quote("We love this show.", speakers=[(boss, "Head of TV", network)], show=show)
    story = make_story("Harbor renewed", show=show, season=season, kind="renewal")
    add_block(story, Block.Kind.QUOTE, quote=quote)
    add_block(story, Block.Kind.CAST_LIST)
    StoryPerson.objects.create(story=story, person=star, relation="about")
    Correction.objects.create(story=story, text="The season number was wrong.")
    return {"story": story, "show": show, "season": season, "star": star, "boss": boss}


def test_story_detail_nests_show_season_blocks_quotes_cast_links_and_corrections(client, renewal):
    story = renewal["story"]
    data = client.get(f"/api/v1/stories/{story.pk}/").json()

    assert data["headline"] == "Harbor renewed"
    assert data["url"] == f"https://newsroom.example/api/v1/stories/{story.pk}/"
    assert data["web_url"] == f"https://newsroom.example/stories/{story.slug}/"
    assert data["show"]["title"] == "Harbor"
    assert data["season"]["number"] == 2
    assert [block["kind"] for block in data["blocks"]] == ["paragraph", "quote", "cast_list"]
    assert data["blocks"][0]["html"] == "<p>Text.</p>"
    speaker = data["blocks"][1]["quote"]["speakers"][0]
    assert speaker == {
        "type": "person",
        "id": renewal["boss"].pk,
        "name": "Bo Boss",
        "url": f"https://newsroom.example/api/v1/people/{renewal['boss'].pk}/",
        "title": "Head of TV",
        "organization": speaker["organization"],
    }
    assert speaker["organization"]["name"] == "Streamer"
    cast = data["blocks"][2]["credits"]
    assert [(c["person"]["name"], c["character"]["name"], c["tier"]) for c in cast] == [
        ("Ada Star", "Captain Reyes", "star")
    ]
    assert data["links"]["people"] == [
        {"relation": "about", "person": data["links"]["people"][0]["person"]}
    ]
    assert data["links"]["people"][0]["person"]["name"] == "Ada Star"
    assert [c["text"] for c in data["corrections"]] == ["The season number was wrong."]
    assert [e["status"] for e in data["status_events"]] == ["renewed"]


@pytest.mark.parametrize("status", ["draft", "in_review", "unpublished"])
def test_a_story_that_is_not_public_is_404_not_403(client, status):
    story = make_story(published=status == "unpublished")
    if status == "unpublished":
        story.unpublish()
    else:
        story.status = status
        story.save()
    response = client.get(f"/api/v1/stories/{story.pk}/")
    assert response.status_code == 404
    assert response.json() == {"errors": {"detail": ["No Story matches the given query."]}}
    assert client.get("/api/v1/stories/").json()["results"] == []


def test_a_scheduled_story_is_listed_only_once_its_time_has_come(client):
    story = make_story(published=False)
    story.publish(at=timezone.now() + timedelta(hours=1))
    assert client.get(f"/api/v1/stories/{story.pk}/").status_code == 404
    story.publish(at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/api/v1/stories/{story.pk}/").status_code == 200


def test_story_list_items_are_compact(client, renewal):
    item = client.get("/api/v1/stories/").json()["results"][0]
    assert set(item) == {
        "id", "url", "headline", "slug", "web_url", "dek", "kind", "exclusive",
        "show", "season", "published_at", "updated_at",
    }  # fmt: skip


@pytest.mark.parametrize("query", ["", "?format=json"])
def test_story_list_items_say_what_the_story_detail_says(client, renewal, query):
    """The list writes its items by hand; the detail through the fields they share."""
    make_story("Ünïcode “dek” story", dek="Élan — 100 % «quoted»", exclusive=True)
    make_story("No show", kind="news", publish_at=timezone.now())

    items = client.get(f"/api/v1/stories/{query}").json()["results"]

    assert len(items) == 3
    for item in items:
        detail = client.get(item["url"]).json()
        assert item == {name: detail[name] for name in item}


def headlines(client, query):
    response = client.get(f"/api/v1/stories/?{query}")
    assert response.status_code == 200, response.content
    return sorted(item["headline"] for item in response.json()["results"])


def test_a_story_detail_answers_the_filters_of_its_list(client, renewal):
    url = f"/api/v1/stories/{renewal['story'].pk}/"

    assert client.get(f"{url}?kind=renewal&kind=cancellation").json()["headline"] == (
        "Harbor renewed"
    )
    assert client.get(f"{url}?kind=cancellation").status_code == 404


def test_a_story_detail_reads_the_same_with_or_without_a_query(client, renewal):
    # Without a query, the detail and its ninjs are read by compiled queries
    # (newsroom/api/story_detail.py); with one, through the QuerySet DRF filters. Same document.
    story, show = renewal["story"], renewal["show"]
    quote = Block.objects.get(story=story, kind=Block.Kind.QUOTE).quote
    add_block(story, Block.Kind.QUOTE, quote=quote)  # one quote, twice
    season_credit = make_crew_credit(
        show, person=make_person("Cy Crew"), company=make_company("Co")
    )
    season_credit.seasons.add(renewal["season"])
    make_crew_credit(show, person=make_person("Not Chosen"))
    chosen = add_block(story, Block.Kind.CREDITS, season=renewal["season"])
    BlockCredit.objects.create(block=chosen, credit=season_credit)
    for path in (f"/api/v1/stories/{story.pk}/", f"/api/v1/stories/{story.pk}/ninjs/"):
        plain = client.get(path)
        asked = client.get(path, {"kind": "renewal"})
        assert plain.status_code == asked.status_code == 200
        assert plain.content == asked.content.replace(b"?kind=renewal", b"")
    assert (
        client.get(f"/api/v1/stories/{story.pk}/").json()["blocks"][-1]["credits"][0]["person"][
            "name"
        ]
        == "Cy Crew"
    )


def test_story_filters(client, renewal):
    franchise = Franchise.objects.create(name="Verse", slug="verse")
    other_show = make_show("Other", franchise=franchise)
    other = make_story("Other cancelled", show=other_show, kind="cancellation", exclusive=True)
    other.publish_at = timezone.now() - timedelta(days=3)
    other.save()
    show, star, boss = renewal["show"], renewal["star"], renewal["boss"]

    assert headlines(client, f"show={show.pk}") == ["Harbor renewed"]
    assert headlines(client, f"season={renewal['season'].pk}") == ["Harbor renewed"]
    assert headlines(client, f"franchise={franchise.pk}") == ["Other cancelled"]
    assert headlines(client, f"network={show.network_id}") == ["Harbor renewed"]
    assert headlines(client, f"person={boss.pk}") == ["Harbor renewed"]  # quoted
    assert headlines(client, f"person={star.pk}") == ["Harbor renewed"]  # credited, mentioned
    assert headlines(client, f"person={make_person().pk}") == []
    assert headlines(client, "kind=cancellation") == ["Other cancelled"]
    assert headlines(client, "kind=cancellation&kind=renewal") == [
        "Harbor renewed",
        "Other cancelled",
    ]
    assert headlines(client, "exclusive=true") == ["Other cancelled"]
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+", "%2B")
    assert headlines(client, f"published_after={since}") == ["Harbor renewed"]
    assert headlines(client, f"published_before={since}") == ["Other cancelled"]
    assert headlines(client, f"updated_since={since}") == ["Harbor renewed", "Other cancelled"]
    assert headlines(client, "q=harbor") == ["Harbor renewed"]
    assert headlines(client, "q=text") == ["Harbor renewed", "Other cancelled"]  # body text


def test_full_text_search_matches_words_in_other_forms_on_postgresql(client, renewal):
    from django.db import connection

    expected = ["Harbor renewed"] if connection.vendor == "postgresql" else []
    assert headlines(client, "q=renewing") == expected  # stemmed on PostgreSQL only


def test_parameters_that_name_no_filter_leave_the_list_whole(client, renewal):
    make_story("Other news", kind="news")

    assert headlines(client, "page_size=5&ordering=updated_at&utm_source=x") == [
        "Harbor renewed",
        "Other news",
    ]
    assert headlines(client, "page_size=5&utm_source=x&kind=renewal") == ["Harbor renewed"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("published_after=yesterday", "published_after"),
        ("updated_since=2025-13-01T00:00:00Z", "updated_since"),
        ("show=99999999999999999999999999", "show"),
        ("person=-1", "person"),
        ("season=abc", "season"),
        ("kind=sitcom", "kind"),
        ("exclusive=maybe", "exclusive"),
        ("q=%00", "q"),
        ("ordering=headline", "ordering"),
        ("ordering=%00", "ordering"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("cursor=bogus", "cursor"),
    ],
)
def test_invalid_story_parameters_are_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/v1/stories/?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


@pytest.mark.parametrize("path", ["/api/v1/stories/99999999999999999999999/", "/api/v1/stories/x/"])
def test_huge_or_non_numeric_ids_in_paths_are_404(client, path):
    assert client.get(path).status_code == 404


def test_cursor_pages_are_stable_when_new_stories_are_published(client):
    now = timezone.now()
    for minutes in range(5):
        story = make_story(f"Story {minutes}")
        story.publish(at=now - timedelta(minutes=10 + minutes))
    first = client.get("/api/v1/stories/?page_size=2").json()
    assert [s["headline"] for s in first["results"]] == ["Story 0", "Story 1"]
    make_story("Breaking")  # newer than every story already paged through

    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert [s["headline"] for s in second["results"] + third["results"]] == [
        "Story 2",
        "Story 3",
        "Story 4",
    ]
    assert third["next"] is None


@pytest.mark.parametrize("ordering", ["", "&ordering=published_at"])
def test_next_and_previous_links_walk_every_story_once_each_way(client, ordering):
    # Three stories share a moment: a cursor then needs an offset past the ones already read.
    now = timezone.now()
    for number, minutes in enumerate([10, 20, 20, 20, 30, 40, 50]):
        make_story(f"Story {number}").publish(at=now - timedelta(minutes=minutes))

    def walk(url, link):
        pages = []
        while url:
            page = client.get(url).json()
            pages.append([s["headline"] for s in page["results"]])
            url = page[link]
        return pages

    forwards = walk(f"/api/v1/stories/?page_size=2{ordering}", "next")
    newest_first = ["Story 0", "Story 1", "Story 2", "Story 3", "Story 4", "Story 5", "Story 6"]
    read = [headline for page in forwards for headline in page]
    assert sorted(read) == newest_first  # each once
    assert read[0] == ("Story 0" if not ordering else "Story 6")
    assert len(forwards) == 4

    last = client.get(f"/api/v1/stories/?page_size=2{ordering}").json()
    while last["next"]:
        last = client.get(last["next"]).json()
    backwards = walk(last["previous"], "previous")
    assert backwards == forwards[-2::-1]
    assert client.get(f"/api/v1/stories/?page_size=2{ordering}").json()["previous"] is None


@pytest.mark.parametrize("ordering", ["", "&ordering=published_at", "&ordering=-updated_at"])
def test_the_whole_list_pages_as_a_filtered_list_of_every_story_does(client, ordering):
    # The unfiltered list reads its pages with compiled SQL (newsroom/api/story_list.py); a
    # filter that every story passes takes the general way.
    now = timezone.now()
    for number, minutes in enumerate([10, 20, 20, 20, 30, 40, 50, 60]):
        make_story(f"Story {number}").publish(at=now - timedelta(minutes=minutes))
    make_story("Draft", published=False)
    make_story("Scheduled", published=False).publish(at=now + timedelta(hours=1))

    def pages(url):
        forwards, backwards = [], []
        while url:
            page = client.get(url).json()
            forwards.append((page["results"], bool(page["previous"]), bool(page["next"])))
            last, url = page, page["next"]
        url = last["previous"]
        while url:
            page = client.get(url).json()
            backwards.append((page["results"], bool(page["previous"]), bool(page["next"])))
            url = page["previous"]
        return forwards, backwards

    whole = pages(f"/api/v1/stories/?page_size=2{ordering}")
    everything = "&published_before=2100-01-01T00:00:00Z"
    assert whole == pages(f"/api/v1/stories/?page_size=2{ordering}{everything}")
    forwards, backwards = whole
    assert len(forwards) == 4 and len(backwards) == 3
    assert sorted(s["headline"] for page, *_ in forwards for s in page) == [
        f"Story {number}" for number in range(8)
    ]


def test_stories_can_be_ordered_from_the_whitelist(client):
    old = make_story("Old")
    old.publish(at=timezone.now() - timedelta(days=2))
    make_story("New")
    assert headlines(client, "ordering=published_at") == ["New", "Old"]
    listed = client.get("/api/v1/stories/?ordering=published_at").json()["results"]
    assert [s["headline"] for s in listed] == ["Old", "New"]


def test_quotes_are_public_only_through_a_published_story(client, renewal):
    unused = make_quote("Never printed.", speakers=[renewal["boss"]])
    draft = make_story(published=False)
    add_block(draft, Block.Kind.QUOTE, quote=unused)

    listed = client.get("/api/v1/quotes/").json()["results"]
    assert [q["text"] for q in listed] == ["We love this show."]
    assert client.get(f"/api/v1/quotes/{unused.pk}/").status_code == 404
    detail = client.get(f"/api/v1/quotes/{listed[0]['id']}/").json()
    assert [s["headline"] for s in detail["stories"]] == ["Harbor renewed"]


def test_quote_filters(client, renewal):
    boss, show = renewal["boss"], renewal["show"]
    network = show.network

    def texts(query):
        response = client.get(f"/api/v1/quotes/?{query}")
        assert response.status_code == 200, response.content
        return [q["text"] for q in response.json()["results"]]

    assert texts(f"speaker={boss.pk}") == ["We love this show."]
    assert texts(f"speaker={renewal['star'].pk}") == []
    assert texts(f"organization={network.pk}") == ["We love this show."]
    assert texts(f"show={show.pk}") == ["We love this show."]
    assert texts("q=love") == ["We love this show."]
    assert texts("q=hate") == []
    assert client.get("/api/v1/quotes/?said_after=soon").json() == {
        "errors": {"said_after": ["Enter a valid date."]}
    }


def test_status_events_are_public_only_with_their_story(client):
    show = make_show()
    season = make_season(show, number=2)
    story = make_story(show=show, season=season, kind="renewal", published=False)
    story.publish(at=timezone.now() + timedelta(hours=1))
    assert client.get("/api/v1/status-events/").json()["results"] == []
    story.publish(at=timezone.now() - timedelta(seconds=1))
    events = client.get(f"/api/v1/status-events/?show={show.pk}").json()["results"]
    assert [(e["status"], e["story"]["id"]) for e in events] == [("renewed", story.pk)]
