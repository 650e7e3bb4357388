from django.core.management.base import BaseCommand, CommandError

from newsroom.ops.backups import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Load a `manage.py backup` archive into a freshly migrated, empty database and media "
        "folder. --replace overwrites a database or media folder that holds content."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete what the database and media folder hold, then restore.",
        )

    def handle(self, *args, archive, replace, verbosity, **options):
        try:
            manifest = restore_backup(archive, replace=replace)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if verbosity:
            rows = sum(manifest["rows"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {rows} rows and {manifest['media_files']} media files from "
                    f"{archive} (backed up {manifest['created_at']})."
                )
            )
