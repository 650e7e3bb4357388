"""What the public may see: one definition, pinned by a truth table."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Block, Quote, Story
from shows.models import Show, StatusEvent
from tests.factories import make_person, make_quote, make_season, make_show, make_story

pytestmark = pytest.mark.django_db

PAST = timedelta(hours=-1)
FUTURE = timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        ("draft", None, False),
        ("draft", PAST, False),
        ("in_review", PAST, False),
        ("scheduled", FUTURE, False),
        ("scheduled", PAST, True),
        ("published", PAST, True),
        ("published", FUTURE, False),
        ("unpublished", PAST, False),
    ],
)
def test_published_truth_table(status, offset, public):
    publish_at = timezone.now() + offset if offset is not None else None
    story = Story.objects.create(
        headline="Canary",
        slug="canary",
        status=status,
        publish_at=publish_at,
        first_published_at=publish_at,
    )
    assert (story in Story.objects.published()) is public
    assert story.is_published is public


def test_scheduled_story_becomes_public_at_its_time_without_a_job():
    story = make_story(published=False)
    story.publish(at=timezone.now() + timedelta(minutes=5))
    assert story.status == Story.Status.SCHEDULED
    assert not Story.objects.published().filter(pk=story.pk).exists()
    later = timezone.now() + timedelta(minutes=6)
    assert Story.objects.published(at=later).filter(pk=story.pk).exists()


def test_publishing_a_renewal_records_the_show_status_with_the_story():
    show = make_show()
    season = make_season(show, number=2)
    story = make_story(show=show, season=season, kind="renewal", published=False)
    assert StatusEvent.objects.count() == 0

    story.publish()
    story.publish()

    event = StatusEvent.objects.get()
    assert (event.show, event.season, event.status, event.report.story) == (
        show,
        season,
        "renewed",
        story,
    )
    assert Show.objects.with_status().get(pk=show.pk).current_status == "renewed"


def test_first_published_time_survives_republishing():
    story = make_story()
    first = story.first_published_at
    story.publish()
    story.refresh_from_db()
    assert story.first_published_at == first


def test_status_reported_by_an_unpublished_story_is_not_public():
    show = make_show()
    story = make_story(show=show, kind="cancellation")
    assert Show.objects.with_status().get(pk=show.pk).current_status == "cancelled"

    story.status = Story.Status.UNPUBLISHED
    story.save()

    assert Show.objects.with_status().get(pk=show.pk).current_status is None
    assert not StatusEvent.objects.published().exists()


def test_quote_is_public_only_through_a_published_story():
    quote = make_quote(speakers=[make_person()])
    draft = make_story(published=False)
    Block.objects.create(story=draft, kind=Block.Kind.QUOTE, quote=quote, position=1)
    assert quote not in Quote.objects.published()

    published = make_story()
    Block.objects.create(story=published, kind=Block.Kind.QUOTE, quote=quote, position=1)
    assert quote in Quote.objects.published()
    assert Quote.objects.published().count() == 1
