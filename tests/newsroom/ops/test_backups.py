"""`manage.py backup` and `restore`: every row and every media file comes back as it was."""

import io
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from newsroom.models import AuditEntry, Change, Correction, Story
from newsroom.workflow.actions import correct_story
from people.models import Person
from shows.models import Show
from tests.factories import make_story, make_user_in

pytestmark = pytest.mark.django_db

NOT_BACKED_UP = {"sessions", "axes"}
# Rows that `migrate` makes, or that exist only inside other rows: known by their natural key.
IDS_NOT_KEPT = {"contenttypes.contenttype", "auth.permission", "auth.group"}


def image_upload(name, color):
    buffer = io.BytesIO()
    Image.new("RGB", (700, 400), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue())


def comparable(obj, field):
    value = getattr(obj, field.attname)
    if field.is_relation and value is not None:
        target = getattr(obj, field.name)
        if hasattr(target, "natural_key"):
            return target.natural_key()
    return value


def every_row():
    """Each model's rows as sorted text, foreign keys by natural key where there is one."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.app_label in NOT_BACKED_UP:
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if not (field.primary_key and (label in IDS_NOT_KEPT or model._meta.auto_created))
        ]
        rows[label] = sorted(
            repr([(field.name, comparable(obj, field)) for field in fields])
            for obj in model._base_manager.all()
        )
    return rows


def every_media_file(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
            if path.is_file()}  # fmt: skip


@pytest.fixture
def newsroom_at_work(client, django_capture_on_commit_callbacks, media_root):
    """The seed, a small demo dataset, uploads and their renditions, a correction, the log."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_seeds", verbosity=0)
        call_command("generate_demo", stories=12, shows=4, people=20, seed=3, verbosity=0)
        person = Person.objects.order_by("pk").first()
        person.headshot = image_upload("headshot.jpg", "teal")
        person.save()
        show = Show.objects.order_by("pk").first()
        show.key_art = image_upload("key-art.jpg", "orange")
        show.save()
        editor = make_user_in("Editors", username="eddie")
        story = Story.objects.published().order_by("pk").first()
        correct_story(story=story, by=editor, kind="correction", text="Season 2, not 3.")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    client.post("/admin/newsroom/partnerkey/add/", {"partner": "Guide app", "rate": "500/hour"})
    assert client.get(person.get_absolute_url()).status_code == 200  # makes renditions
    assert list(media_root.glob("renditions/*/*.webp"))
    assert AuditEntry.objects.exists() and Correction.objects.exists() and Change.objects.exists()


@pytest.fixture
def empty_database():
    """Empties the database to what `migrate` makes: content types, permissions, the groups."""

    def empty():
        connection.check_constraints()  # PostgreSQL truncates no table with checks pending
        call_command("flush", interactive=False, verbosity=0)
        Group.objects.bulk_create([Group(name="Editors"), Group(name="Writers")])

    yield empty
    # flush made content types anew, under other ids; the test's rollback brings the old back
    ContentType.objects.clear_cache()


def test_a_restore_brings_back_every_row_and_media_file(
    newsroom_at_work, empty_database, media_root, tmp_path, settings
):
    rows, files = every_row(), every_media_file(media_root)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    assert Story.objects.count() == 0
    call_command("restore", str(archive), verbosity=0)

    assert every_row() == rows
    assert every_media_file(settings.MEDIA_ROOT) == files
    assert sum(map(len, rows.values())) > 1000 and len(files) > 2


def test_a_restore_refuses_a_database_with_content_unless_told_to_replace_it(
    newsroom_at_work, media_root, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    rows, files = every_row(), every_media_file(media_root)
    Person.objects.create(name="Not in the backup", slug="not-in-the-backup")
    (media_root / "stray.txt").write_text("not in the backup")

    with pytest.raises(CommandError, match="not empty: pass --replace"):
        call_command("restore", str(archive), verbosity=0)
    assert Person.objects.filter(slug="not-in-the-backup").exists()

    call_command("restore", str(archive), replace=True, verbosity=0)
    assert every_row() == rows
    assert every_media_file(media_root) == files


def test_a_restore_refuses_a_media_folder_with_files(
    newsroom_at_work, empty_database, media_root, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    empty_database()

    with pytest.raises(CommandError, match="media.* is not empty"):
        call_command("restore", str(archive), verbosity=0)
    assert Story.objects.count() == 0


def test_backup_names_rows_by_natural_key_and_keeps_no_sessions(newsroom_at_work, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as opened:
        data = opened.extractfile("data.jsonl").read().decode()
    story = Story.objects.order_by("pk").first()
    assert f'"story": ["{story.slug}"]' in data
    assert '"model": "sessions.session"' not in data
    assert '"model": "auth.permission"' not in data


def test_rows_loaded_raw_record_no_change_and_keep_the_page_cache(
    client, tmp_path, django_capture_on_commit_callbacks, django_assert_num_queries
):
    story = make_story("Night Desk renewed")
    client.get(story.get_absolute_url())  # now cached
    fixture = tmp_path / "people.jsonl"
    fixture.write_text(
        '{"model": "people.person", "pk": 9001, "fields": {"name": "Ada Reyes", '
        '"slug": "ada-reyes", "created_at": "2026-01-01T00:00:00Z", '
        '"updated_at": "2026-01-01T00:00:00Z"}}\n'
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", str(fixture), verbosity=0)
    assert Person.objects.filter(slug="ada-reyes").exists()
    assert not Change.objects.filter(object_id=9001).exists()
    with django_assert_num_queries(0):
        assert client.get(story.get_absolute_url()).status_code == 200
