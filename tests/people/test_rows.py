"""people/rows.py: lists carried as JSON in the parent's row match what prefetching loads."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Prefetch

from newsroom.models import Block, Byline, Story
from shows.models import StatusEvent
from tests.factories import add_block, make_person, make_quote, make_season, make_show, make_story

pytestmark = pytest.mark.django_db


def test_a_story_page_row_holds_the_same_lists_as_prefetching_would(
    django_assert_max_num_queries,
):
    show = make_show("Night Desk")
    make_season(show, 2, premiere_date=date(2025, 7, 9), premiere_precision="day")
    make_season(show, 1, premiere_date=date(2024, 7, 1), premiere_precision="month")
    story = make_story("Night Desk renewed", show=show, kind="renewal")
    for position, name in enumerate(["Zed Writer", "Amy Writer"]):
        Byline.objects.create(story=story, person=make_person(name), position=position)
    story.correct("The season count was wrong.")
    story.correct("An update.", kind="update")
    StatusEvent.objects.create(show=show, status="ordered", occurred_on=date(2023, 5, 1))
    quote = make_quote(speakers=[make_person("Second"), make_person("First")], show=show)
    add_block(story, Block.Kind.QUOTE, quote=quote)

    assert connection.features.supports_json_field  # checked once per connection
    with django_assert_max_num_queries(3):  # the story, its blocks, the show's credits
        loaded = Story.objects.for_story_page().get(pk=story.pk)
        blocks = list(loaded.blocks.all())
        bylines = [entry.person.name for entry in loaded.byline_entries.all()]
        corrections = [(note.kind, note.noted_at) for note in loaded.corrections.all()]
        seasons = [(s.number, s.premiere_display) for s in loaded.show.seasons.all()]
        events = [
            (e.status, e.occurred_on, e.is_published) for e in loaded.show.status_events.all()
        ]
        speakers = [s.person.name for s in blocks[-1].quote.speakers.all()]

    expected = Story.objects.prefetch_related(
        Prefetch("byline_entries", queryset=Byline.objects.select_related("person")),
        "corrections",
        "show__seasons",
        "show__status_events__story",
        "blocks__quote__speakers__person",
    ).get(pk=story.pk)
    assert bylines == ["Zed Writer", "Amy Writer"]
    assert corrections == [(n.kind, n.noted_at) for n in expected.corrections.all()]
    assert corrections[0][1].tzinfo is not None
    assert seasons == [(1, "July 2024"), (2, "July 9, 2025")]
    assert events == [
        (e.status, e.occurred_on, e.is_published) for e in expected.show.status_events.all()
    ]
    assert speakers == [s.person.name for s in expected.blocks.all()[1].quote.speakers.all()]
    assert loaded.show.seasons.all()[0].show is loaded.show
