"""A status event a story reports is public exactly when the story is, through StatusReport.

The link lives in newsroom, so shows knows only the event's public_from and its report's link;
a database made before the link moved keeps every link (migration 0008)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from newsroom.models import StatusReport
from shows.models import StatusEvent
from tests.factories import make_season, make_show, make_story

BEFORE = [
    ("newsroom", "0007_story_reader_search_index"),
    ("shows", "0005_status_event_public_from"),
]


def renewal():
    show = make_show()
    return make_story(kind="renewal", show=show, season=make_season(show, 2), published=False)


@pytest.mark.django_db
def test_a_reported_event_follows_its_story_from_draft_to_public_and_back():
    story = renewal()
    story.publish(at=timezone.now() + timezone.timedelta(days=1))
    event = StatusEvent.objects.get(reported_in=story)
    assert event.public_from == story.publish_at
    assert not StatusEvent.objects.published().filter(pk=event.pk).exists()
    assert StatusEvent.objects.published(at=story.publish_at).filter(pk=event.pk).exists()

    story.publish()
    event.refresh_from_db()
    assert StatusEvent.objects.published().filter(pk=event.pk).exists()
    assert (event.source_title, event.source_url) == (story.headline, story.get_absolute_url())

    story.unpublish()
    event.refresh_from_db()
    assert event.public_from is None
    assert not StatusEvent.objects.published().filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_every_link_a_story_column_held():
    story = renewal()
    story.publish()
    event = StatusEvent.objects.get(reported_in=story)
    history = StatusEvent.objects.create(
        show=event.show, status=StatusEvent.Status.ORDERED, occurred_on=event.occurred_on
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    # As a database made before the move: the link in a story column of the event's table.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE shows_statusevent ADD COLUMN story_id bigint NULL")
        cursor.execute(
            "UPDATE shows_statusevent SET story_id = %s WHERE id = %s", [story.pk, event.pk]
        )
        cursor.execute("UPDATE shows_statusevent SET public_from = NULL, source_url = ''")
    executor = MigrationExecutor(connection)
    # Through 0008 to the newest migrations: the models the checks below read with are today's.
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(StatusReport.objects.values_list("story", "event")) == [(story.pk, event.pk)]
    event.refresh_from_db()
    assert event.public_from == story.publish_at
    assert event.source_url == story.get_absolute_url()
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "shows_statusevent")
        if "story_id" in {column.name for column in columns}:
            cursor.execute("SELECT COUNT(*) FROM shows_statusevent WHERE story_id IS NOT NULL")
            assert cursor.fetchone() == (0,)
    assert StatusReport.objects.filter(event=history).exists() is False
