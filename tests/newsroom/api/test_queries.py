"""Every API request costs the same number of queries for 10 items or 100, 2 people or 20."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.http import public_cache
from newsroom.models import (
    Block,
    BlockCredit,
    Byline,
    Change,
    Correction,
    Quote,
    QuoteSpeaker,
    Story,
    StoryCompany,
    StoryPerson,
    StoryShow,
)
from people.models import Person
from shows.models import (
    Character,
    Company,
    Credit,
    Season,
    Show,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)
from tests.api_helpers import count_queries, make_key
from tests.factories import make_reported_event

pytestmark = pytest.mark.django_db


def build_world(stories, people):
    """`stories` published stories about one show, each quoting, listing and naming `people`."""
    label = f"{stories}-{people}"
    network = Company.objects.create(name=f"Net {label}", slug=f"net-{label}", kind="network")
    show = Show.objects.create(title=f"Show {label}", slug=f"show-{label}", network=network)
    season = Season.objects.create(show=show, number=1)
    cast = Person.objects.bulk_create(
        Person(name=f"P{label}-{i}", slug=f"p{label}-{i}", sort_name=f"P{i}") for i in range(people)
    )
    characters = Character.objects.bulk_create(
        Character(name=f"C{i}", show=show) for i in range(people)
    )
    credits = Credit.objects.bulk_create(
        Credit(show=show, person=p, department="cast", character=c, tier="series_regular")
        for p, c in zip(cast, characters, strict=True)
    )
    for credit in credits:
        credit.seasons.add(season)
    now = timezone.now()
    rows = Story.objects.bulk_create(
        Story(
            headline=f"H{label}-{i}",
            slug=f"h{label}-{i}",
            show=show,
            season=season,
            status="published",
            publish_at=now - timedelta(minutes=i + 1),
            first_published_at=now - timedelta(minutes=i + 1),
        )
        for i in range(stories)
    )
    quotes = Quote.objects.bulk_create(Quote(text=f"Q{label}-{i}", show=show) for i in rows)
    QuoteSpeaker.objects.bulk_create(
        QuoteSpeaker(quote=q, person=p, position=n, title="Title", organization=network)
        for q in quotes
        for n, p in enumerate(cast)
    )
    Block.objects.bulk_create(
        block
        for story, quote in zip(rows, quotes, strict=True)
        for block in (
            Block(story=story, kind="paragraph", body="<p>Text.</p>", position=0),
            Block(story=story, kind="quote", quote=quote, position=1),
            Block(story=story, kind="cast_list", position=2),
            Block(story=story, kind="credits", position=3),
            Block(story=story, kind="cast_list", position=4),
        )
    )
    chosen_lists = Block.objects.filter(story__in=rows, position=4)
    BlockCredit.objects.bulk_create(
        BlockCredit(block=block, credit=credit, position=n)
        for block in chosen_lists
        for n, credit in enumerate(credits)
    )
    StoryPerson.objects.bulk_create(StoryPerson(story=s, person=p) for s in rows for p in cast)
    Byline.objects.bulk_create(Byline(story=s, person=p) for s in rows for p in cast)
    StoryShow.objects.bulk_create(StoryShow(story=s, show=show) for s in rows)
    StoryCompany.objects.bulk_create(StoryCompany(story=s, company=network) for s in rows)
    Correction.objects.bulk_create(
        Correction(story=s, text=f"Fix {n}.") for s in rows for n in range(people)
    )
    for s in rows:
        make_reported_event(
            s, show=show, season=season, status="renewed", network=network, occurred_on=now
        )
    source = SourceMaterial.objects.create(
        title=f"Novel {label}", slug=f"novel-{label}", kind="novel"
    )
    source.authors.add(*cast)
    show.based_on.add(source)
    ShowCompany.objects.bulk_create(
        ShowCompany(show=show, company=network, role=role) for role in ("studio", "distributor")
    )
    Change.objects.bulk_create(
        Change(resource="story", object_id=s.pk, action="created", visible_at=now) for s in rows
    )
    return {
        "story": f"/api/v1/stories/{rows[0].pk}/",
        "ninjs": f"/api/v1/stories/{rows[0].pk}/ninjs/",
        "quote": f"/api/v1/quotes/{quotes[0].pk}/",
        "show": f"/api/v1/shows/{show.pk}/",
        "person": f"/api/v1/people/{cast[0].pk}/",
    }


LISTS = ["stories", "quotes", "changes", "people", "credits", "characters", "shows", "seasons"]
DETAILS = ["story", "ninjs", "quote", "show", "person"]
BUDGET = 5


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    """Built once for the module: 10 stories with 2 people each, 100 with 20 each."""
    with django_db_blocker.unblock():
        small, large = build_world(10, 2), build_world(100, 20)
    yield small, large
    with django_db_blocker.unblock():
        # Change last: deleting shows and people records their tombstones.
        for model in (StoryPerson, StoryShow, StoryCompany, Byline, Correction, StatusEvent):
            model.objects.all().delete()
        for model in (BlockCredit, Block, QuoteSpeaker, Quote, Story, Credit, Character):
            model.objects.all().delete()
        for model in (ShowCompany, Season, Show, SourceMaterial, Person, Company, Change):
            model.objects.all().delete()


@pytest.fixture
def views_run(settings):
    """Every request runs its view: no stored responses, and the generation already known."""
    settings.PUBLIC_CACHE_ENABLED = False
    public_cache.current_state()
    connection.features.supports_json_field  # noqa: B018  SQLite asks once per process


@pytest.fixture
def view_queries(client, django_assert_max_num_queries):
    """The queries of one request, which must stay within the budget."""

    def measure(url):
        with django_assert_max_num_queries(BUDGET):
            return count_queries(client, url)

    return measure


@pytest.mark.parametrize("resource", LISTS)
def test_list_queries_stay_within_budget_from_page_size_10_to_100(
    worlds, views_run, view_queries, resource
):
    small = view_queries(f"/api/v1/{resource}/?page_size=10")
    large = view_queries(f"/api/v1/{resource}/?page_size=100")
    assert large == small
    print(f"{resource}: {small} queries")


@pytest.mark.parametrize("resource", DETAILS)
def test_detail_queries_stay_within_budget_from_2_to_20_people(
    worlds, views_run, view_queries, resource
):
    small, large = worlds
    few, many = view_queries(small[resource]), view_queries(large[resource])
    assert many == few
    print(f"{resource}: {few} queries")


def test_a_key_adds_only_its_lookup(client, worlds, views_run, django_assert_max_num_queries):
    small, _ = worlds
    anonymous = count_queries(client, small["story"])
    _, key = make_key()
    count_queries(client, small["story"], **key)  # records the key's first use
    assert count_queries(client, small["story"], **key) == anonymous + 1


@pytest.mark.parametrize("url", ["/api/v1/stories/", "/api/v1/changes/", "story"])
def test_a_repeat_costs_no_query_and_the_first_only_one_more_for_the_generation(
    client, worlds, url, django_assert_max_num_queries, django_assert_num_queries
):
    small, _ = worlds
    url = small.get(url, url)
    with django_assert_max_num_queries(BUDGET + 1):  # + the new generation's next scheduled story
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def story_list_query(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    (query,) = [q["sql"] for q in queries if 'FROM "newsroom_story"' in q["sql"]]
    return query


def plan(query):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query}")
        return " ".join(row[-1] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_story_pages_walk_the_publication_order_index_however_deep(client, worlds, views_run):
    first = story_list_query(client, "/api/v1/stories/?page_size=10")
    deep = story_list_query(client, client.get("/api/v1/stories/?page_size=50").json()["next"])
    for query in (first, deep):
        assert "story_newest_first" in plan(query)
        assert "TEMP B-TREE" not in plan(query)
    # SQLite starts the walk at the first bound on publish_at it meets: for a deep page that
    # must be the cursor's, not published()'s "until now", or it walks every newer story.
    conditions = deep.split("WHERE (")[1]
    assert re.match(r'"newsroom_story"."publish_at" < \'[^\']*\' AND ', conditions)
    assert conditions.count('"newsroom_story"."publish_at" <') == 2  # and "until now"
