"""Reader search through the search page: what it finds, in which order, and on PostgreSQL
through the GIN indexes of each model's own fields rather than by parsing every row."""

import pytest
from django.db import connection

from newsroom.models import Story
from shows.models import Show
from tests.factories import make_show, make_story
from tests.search_results import search_results

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranked full text search runs on PostgreSQL"
)


@pytest.fixture
def stories():
    lighthouse = make_show("The Lighthouse Keepers", premise="A detective drama on the coast.")
    make_story("Lighthouse Keepers renewed for a third season", show=lighthouse)
    make_story("Harbor Nights cancelled", dek="The lighthouse drama's sister show ends.")
    make_story("Casting news for the autumn slate", show=lighthouse)
    make_story("Unrelated comedy pilot ordered", show=make_show("Funny Bones"))
    make_story("Lighthouse draft", published=False, show=lighthouse)


def headlines(client, query):
    return [headline for _, headline in search_results(client, query)["stories"]]


def test_a_story_is_found_by_its_headline_its_dek_or_its_shows_title(client, stories):
    assert sorted(headlines(client, "lighthouse")) == [
        "Casting news for the autumn slate",  # by its show's title only
        "Harbor Nights cancelled",  # by its dek
        "Lighthouse Keepers renewed for a third season",
    ]
    # A show's premise is not a story's text: stories are not found by what their show is about.
    detective = search_results(client, "detective")
    assert detective["stories"] == []
    assert [slug for slug, _ in detective["shows"]] == ["the-lighthouse-keepers"]


@postgresql_only
def test_ranking_puts_headline_and_show_title_above_the_dek_and_stems_words(client, stories):
    ranked = headlines(client, "lighthouses")  # stemmed to the same word as "Lighthouse"
    assert ranked[0] == "Lighthouse Keepers renewed for a third season"
    assert ranked[-1] == "Harbor Nights cancelled"
    assert headlines(client, "renewal") == ["Lighthouse Keepers renewed for a third season"]


@postgresql_only
def test_story_and_show_search_read_their_gin_index(stories):
    with connection.cursor() as cursor:
        # A handful of rows: the planner would rightly scan them all. Left with bitmap scans
        # only, which need an index condition, and no other condition to read one for (on
        # the demo data it picks the text index for published() stories as well:
        # docs/performance.md), it shows whether the text match has an index.
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        plans = {model: model.objects.search("lighthouse").explain() for model in (Story, Show)}
        cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
    assert "story_reader_search" in plans[Story]
    assert "show_reader_search" in plans[Show]


@postgresql_only
def test_search_is_planned_for_its_words_and_never_prepared(client, stories):
    # A generic plan of a prepared search cannot read the GIN indexes (newsroom/core/prepared.py).
    for number in range(12):
        search_results(client, f"lighthouse {number}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert not [statement for statement in prepared if "to_tsquery" in statement]
    assert connection.connection.prepare_threshold == 5
