from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from newsroom.ops.backups import write_backup


class Command(BaseCommand):
    help = "Write the database (natural-key JSON lines) and the media folder to one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="The archive's path; default: DIRECTORY/<UTC time>.tar.gz"
        )
        parser.add_argument("--directory", default="backups", help="Where --output is not given.")

    def handle(self, *args, output, directory, verbosity, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = Path(output or Path(directory) / f"{stamp}.tar.gz")
        manifest = write_backup(path)
        if verbosity:
            rows, models = sum(manifest["rows"].values()), len(manifest["rows"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {rows} rows of {models} models and {manifest['media_files']} "
                    f"media files to {path} ({path.stat().st_size / 1e6:.1f} MB)."
                )
            )
