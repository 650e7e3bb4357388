"""Reader search on PostgreSQL reads this GIN index of the story's own reader fields.

PostgreSQL only (SQLite matches word by word, people/models.py): the operation does nothing
elsewhere. The fields and config are the QuerySet's reader_document_fields and search_config;
the index is used only while the two are the same."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("headline", "dek", config="english"), name="story_reader_search")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("newsroom", "Story"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("newsroom", "Story"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0006_story_newest_first_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
