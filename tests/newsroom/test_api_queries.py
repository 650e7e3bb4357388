"""Every API request costs the same number of queries for 10 items or 100, 2 people or 20."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Block, Change, Quote, QuoteSpeaker, Story, StoryPerson
from people.models import Person
from shows.models import Character, Company, Credit, Season, Show
from tests.api_helpers import count_queries, make_key

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
        )
    )
    StoryPerson.objects.bulk_create(StoryPerson(story=s, person=p) for s in rows for p in cast)
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


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    """Built once for the module: 10 stories with 2 people each, 100 with 20 each."""
    with django_db_blocker.unblock():
        small, large = build_world(10, 2), build_world(100, 20)
    yield small, large
    with django_db_blocker.unblock():
        # Change last: deleting shows and people records their tombstones.
        for model in (StoryPerson, Block, QuoteSpeaker, Quote, Story, Credit, Character):
            model.objects.all().delete()
        for model in (Season, Show, Person, Company, Change):
            model.objects.all().delete()


@pytest.mark.parametrize("resource", LISTS)
def test_list_queries_do_not_grow_from_page_size_10_to_100(client, worlds, resource):
    small = count_queries(client, f"/api/v1/{resource}/?page_size=10")
    large = count_queries(client, f"/api/v1/{resource}/?page_size=100")
    assert large == small
    print(f"{resource}: {small} queries")


@pytest.mark.parametrize("resource", DETAILS)
def test_detail_queries_do_not_grow_from_2_to_20_people(client, worlds, resource):
    small, large = worlds
    assert count_queries(client, large[resource]) == count_queries(client, small[resource])
    print(f"{resource}: {count_queries(client, small[resource])} queries")


def test_story_detail_query_budget(client, worlds):
    small, _ = worlds
    assert count_queries(client, small["story"]) <= 13
    _, key = make_key()
    # A key adds its lookup and, at most once a minute, its last-used time.
    assert count_queries(client, small["story"], **key) <= 15
