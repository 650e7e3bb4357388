import django.db.models.deletion
from django.db import migrations, models

PUBLIC_STATUSES = ("scheduled", "published")
LEGACY_COLUMN = "story_id"


def legacy_links(connection):
    """(event id, story id) from the story column status events had before this migration; a
    database made after it never had the column."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "shows_statusevent")
        if LEGACY_COLUMN not in {column.name for column in columns}:
            return []
        cursor.execute(
            f"SELECT id, {LEGACY_COLUMN} FROM shows_statusevent WHERE {LEGACY_COLUMN} IS NOT NULL"
        )
        return cursor.fetchall()


def move_links(apps, schema_editor):
    """Every event a story reported keeps its story, now as a StatusReport, and is public from
    the story's publication (or not, while the story is not public)."""
    from django.urls import reverse

    StatusReport = apps.get_model("newsroom", "StatusReport")
    StatusEvent = apps.get_model("shows", "StatusEvent")
    Story = apps.get_model("newsroom", "Story")
    links = legacy_links(schema_editor.connection)
    stories = Story.objects.in_bulk({story_id for _, story_id in links})
    for event_id, story_id in links:
        story = stories[story_id]
        StatusReport.objects.create(event_id=event_id, story_id=story_id)
        StatusEvent.objects.filter(pk=event_id).update(
            public_from=story.publish_at if story.status in PUBLIC_STATUSES else None,
            source_title=story.headline,
            source_url=reverse("newsroom:story", kwargs={"slug": story.slug}),
        )
    if links:
        drop_legacy_column(schema_editor)


def drop_legacy_column(schema_editor):
    """The story column goes with its foreign key and unique constraint; where the database
    cannot drop it (SQLite keeps a table's constraints inline), it is emptied, so that nothing
    in shows points at a story any more."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE shows_statusevent DROP COLUMN {LEGACY_COLUMN} CASCADE")
        else:
            cursor.execute(f"UPDATE shows_statusevent SET {LEGACY_COLUMN} = NULL")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_story_reader_search_index"),
        ("shows", "0005_status_event_public_from"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatusReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="report",
                        to="shows.statusevent",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="status_reports",
                        to="newsroom.story",
                    ),
                ),
            ],
            options={"ordering": ["story", "event"]},
        ),
        migrations.AddField(
            model_name="story",
            name="status_events",
            field=models.ManyToManyField(
                blank=True,
                help_text="The show's status events this story reports: public when the story is.",
                related_name="reported_in",
                through="newsroom.StatusReport",
                to="shows.statusevent",
            ),
        ),
        migrations.RunPython(move_links, migrations.RunPython.noop),
    ]
