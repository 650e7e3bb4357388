"""Backups: every row as natural-key JSON lines plus the media folder, in one .tar.gz.

Foreign keys name their rows by natural key (a slug, a username, a permission's codename), so a
restore does not depend on the ids a fresh database gave content types and permissions. Our own
rows keep their ids as well: partners hold them, in API URLs and in change feed entries.
Content types and permissions are made by `migrate`; sessions and django-axes lockouts are not
kept (people log in again). Loading saves rows raw: receivers skip raw saves, so a restore
records no change feed entries, and the append-only triggers (rows are inserted, never updated)
stay in force."""

import json
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Prefetch

from newsroom.http import public_cache

FORMAT = 1
DATA_NAME = "data.jsonl"
MANIFEST_NAME = "manifest.json"
MEDIA_NAME = "media"
# Made by `migrate` in every database; backed-up rows refer to them by natural key.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Logins and lockouts: short-lived, and a restore is a good moment to log everyone out.
TRANSIENT_APPS = {"sessions", "axes"}
# Rows that a migration creates as well (the editorial groups): a restore finds them by name.
MATCHED_BY_NATURAL_KEY = {"auth.group"}


class RestoreRefused(Exception):
    pass


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, keeping microseconds: its ECMA-262 format stops at milliseconds."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """The models a backup holds, ordered so that rows named by natural key load first."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in MADE_BY_MIGRATE
        and model._meta.app_label not in TRANSIENT_APPS
    ]
    return serializers.sort_dependencies([(None, chosen)], allow_cycles=True)


def natural_key_joins(model):
    """The relations a row's natural_key() reads: those its declared dependencies point to."""
    depends_on = getattr(model.natural_key, "dependencies", [])
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model._meta.label_lower in depends_on
    ]


def for_backup(model):
    """Every row, with what its natural foreign keys read joined or prefetched: no query per row."""
    rows = model._base_manager.order_by("pk")
    joins = []
    for field in model._meta.concrete_fields:
        target = field.related_model
        if field.is_relation and hasattr(target, "natural_key"):
            joins += [
                field.name,
                *(f"{field.name}__{inner}" for inner in natural_key_joins(target)),
            ]
    rows = joined(rows, joins)
    for field in model._meta.local_many_to_many:
        target = field.related_model
        if hasattr(target, "natural_key"):
            related = joined(target._base_manager.order_by("pk"), natural_key_joins(target))
            rows = rows.prefetch_related(Prefetch(field.name, queryset=related))
    return rows


def joined(rows, paths):
    # select_related() without paths would follow every foreign key.
    return rows.select_related(*paths) if paths else rows


def applied_migrations():
    return sorted(map(list, MigrationRecorder(connection).applied_migrations()))


def dump(stream):
    """Write every backed-up row to stream, one consistent snapshot; return rows per model."""
    counts = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # One snapshot for every table, not one per query (a caller's transaction has its own).
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in backed_up_models():
            rows = for_backup(model)
            counts[model._meta.label_lower] = rows.count()
            serializers.serialize(
                "jsonl",
                rows.iterator(chunk_size=2000),
                stream=stream,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=model._meta.label_lower in MATCHED_BY_NATURAL_KEY,
                cls=ExactJSONEncoder,
            )
    return counts


def media_files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def write_backup(path):
    """Write the archive to path; return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / DATA_NAME
        with data.open("w", encoding="utf-8") as stream:
            counts = dump(stream)
        files = media_files(media_root) if media_root.is_dir() else []
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "migrations": applied_migrations(),
            "rows": counts,
            "media_files": len(files),
        }
        (Path(folder) / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(path, "w:gz") as archive:
            archive.add(Path(folder) / MANIFEST_NAME, MANIFEST_NAME)
            archive.add(data, DATA_NAME)
            for file in files:
                archive.add(file, f"{MEDIA_NAME}/{file.relative_to(media_root).as_posix()}")
    return manifest


def database_has_content():
    return any(
        model._base_manager.exists()
        for model in backed_up_models()
        if model._meta.label_lower not in MATCHED_BY_NATURAL_KEY
    )


def empty_backed_up_tables():
    """Delete every row a backup restores, as `flush` would, keeping content types and the like."""
    tables = set()
    for model in backed_up_models():
        tables.add(model._meta.db_table)
        tables.update(
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        )
    statements = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True)
    # PostgreSQL truncates no table whose rows, written earlier in this transaction, await checks.
    connection.check_constraints()
    connection.ops.execute_sql_flush(statements)


def check_restorable(manifest, *, replace):
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"This archive is not a Newsroom backup of format {FORMAT}.")
    missing = {tuple(m) for m in manifest["migrations"]} - set(map(tuple, applied_migrations()))
    if missing:
        names = ", ".join(f"{app}.{name}" for app, name in sorted(missing))
        raise RestoreRefused(f"Run `manage.py migrate` first: the backup has {names}.")
    if replace:
        return
    if database_has_content():
        raise RestoreRefused("The database is not empty: pass --replace to overwrite it.")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and media_files(media_root):
        raise RestoreRefused(f"{media_root} is not empty: pass --replace to overwrite it.")


def restore_backup(path, *, replace=False):
    """Load the archive into this database and MEDIA_ROOT; return its manifest."""
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
        manifest = json.load(archive.extractfile(MANIFEST_NAME))
        check_restorable(manifest, replace=replace)
        archive.extractall(folder, filter="data")
        with transaction.atomic():
            if replace:
                empty_backed_up_tables()
            call_command("loaddata", str(Path(folder) / DATA_NAME), verbosity=0)
        restore_media(Path(folder) / MEDIA_NAME, replace=replace)
    public_cache.content_changed()  # cached pages were rendered from other content
    return manifest


def restore_media(source, *, replace):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    if replace:  # the folder's contents, not the folder: it may be a mounted volume
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    if source.is_dir():
        shutil.copytree(source, media_root, dirs_exist_ok=True)
