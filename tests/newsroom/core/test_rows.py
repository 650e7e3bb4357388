"""newsroom/core/rows.py: lists carried as JSON in the parent's row match what prefetching loads."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.db.models.signals import post_init

from newsroom.models import Block, Byline, Story, StoryCompany, StoryShow
from newsroom.reader import story_page
from people.models import Person
from shows.models import Show, SourceMaterial, StatusEvent
from tests.factories import (
    add_block,
    make_cast_credit,
    make_company,
    make_person,
    make_quote,
    make_reported_event,
    make_season,
    make_show,
    make_story,
)

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
        loaded = story_page.any_story(story.pk)
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
        "show__status_events",
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


def test_a_story_in_the_api_holds_the_same_lists_as_prefetching_would(
    django_assert_max_num_queries,
):
    network = make_company("Coastline")
    show = make_show("Harbor Watch", network=network)
    seasons = [make_season(show, number) for number in (2, 1)]
    story = make_story("Harbor Watch renewed", show=show, kind="news")
    StoryShow.objects.create(story=story, show=make_show("Harbor Watch: Origins"))
    StoryCompany.objects.create(story=story, company=network, relation="about")
    make_reported_event(
        story,
        show=show,
        season=seasons[0],
        network=network,
        status="renewed",
        occurred_on=date(2025, 3, 1),
    )
    credit = make_cast_credit(show, character="Captain Reyes")
    credit.seasons.set(seasons)
    block = add_block(story, Block.Kind.CAST_LIST)
    block.choose_credits([credit])

    with django_assert_max_num_queries(5):  # API details' budget
        loaded = Story.objects.for_api_detail().get(pk=story.pk)
        shows = [(link.relation, link.show.title) for link in loaded.show_links.all()]
        companies = [(link.relation, link.company.slug) for link in loaded.company_links.all()]
        events = [
            (e.status, e.show.title, e.season.number, e.network.name, e.source_title)
            for e in loaded.status_events.all()
        ]
        chosen = loaded.blocks.all()[1].chosen_credits.all()[0].credit
        # Through the relation path credit__seasons, and a many-to-many.
        credit_seasons = [season.number for season in chosen.seasons.all()]

    assert shows == [("mentions", "Harbor Watch: Origins")]
    assert companies == [("about", network.slug)]
    assert events == [("renewed", "Harbor Watch", 2, "Coastline", "Harbor Watch renewed")]
    assert credit_seasons == [1, 2]


def test_ties_in_a_lists_order_come_back_in_primary_key_order(django_assert_max_num_queries):
    """Without the tie-break PostgreSQL lists them in the order the rows lie on disk, which an
    update changes."""
    parent = make_show("Parent")
    spinoffs = [
        Show.objects.create(title="Same title", slug=f"same-title-{n}", spinoff_of=parent)
        for n in range(3)
    ]
    spinoffs[0].premise = "Edited after the others were added."
    spinoffs[0].save()
    source = SourceMaterial.objects.create(title="Novels", slug="novels")
    authors = [make_person(sort_name="Same") for _ in range(3)]
    authors[0].bio = "Edited."
    authors[0].save()
    source.authors.set(authors)
    parent.based_on.add(source)

    with django_assert_max_num_queries(5):
        loaded = Show.objects.for_api_detail().get(pk=parent.pk)
        listed = [show.pk for show in loaded.spinoffs.all()]
        listed_authors = [person.pk for person in loaded.based_on.all()[0].authors.all()]

    assert listed == sorted(show.pk for show in spinoffs)
    assert listed_authors == sorted(person.pk for person in authors)


def test_rows_load_as_database_instances_with_their_other_fields_deferred():
    story = make_story("Night Desk renewed", show=make_show("Night Desk"))
    Byline.objects.create(story=story, person=make_person("Amy Writer", bio="Covers TV."))

    person = story_page.any_story(story.pk).byline_entries.all()[0].person

    assert (person._state.adding, person._state.db) == (False, "default")
    assert "bio" in person.get_deferred_fields()
    assert person.bio == "Covers TV."  # loaded on access, as any deferred field
    person.name = "Amy Writer-Ray"
    person.save(update_fields=["name"])
    assert Person.objects.get(pk=person.pk).name == "Amy Writer-Ray"


def test_rows_of_a_model_with_init_receivers_go_through_its_init():
    story = make_story("Night Desk renewed", show=make_show("Night Desk"))
    Byline.objects.create(story=story, person=make_person("Amy Writer"))
    seen = []

    def note_init(sender, instance, **kwargs):
        seen.append(instance.name)

    post_init.connect(note_init, sender=Person)
    try:
        story_page.any_story(story.pk)
    finally:
        post_init.disconnect(note_init, sender=Person)

    assert seen == ["Amy Writer"]
