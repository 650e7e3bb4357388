from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.seeding import OUTCOMES, SeedError, load_seeds


class Command(BaseCommand):
    help = (
        "Loads the seed data under seeds/ (see seeds/README.md). "
        "Running it again changes nothing; a bad seed file loads nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=settings.BASE_DIR / "seeds",
            help="A folder of seed files to load instead of seeds/.",
        )

    def handle(self, *args, path, verbosity, **options):
        try:
            tally = load_seeds(root=path)
        except SeedError as error:
            raise CommandError(str(error)) from error
        if verbosity == 0:
            return
        total = sum(tally.values(), start=Counter())
        self.stdout.write(self.style.SUCCESS(f"Seeds from {path}: {describe(total)}."))
        # Kinds of rows the run left alone would only repeat the total.
        for kind, outcomes in tally.items():
            if outcomes["unchanged"] != outcomes.total():
                self.stdout.write(f"  {kind}: {describe(outcomes)}")


def describe(outcomes):
    """“3 created, 0 updated, 41 unchanged”, and the deletions when there were some."""
    shown = [outcome for outcome in OUTCOMES if outcomes[outcome] or outcome != "deleted"]
    return ", ".join(f"{outcomes[outcome]} {outcome}" for outcome in shown)
