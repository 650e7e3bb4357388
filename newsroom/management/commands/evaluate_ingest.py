import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.ingest.evaluation import evaluate, summary, table


class Command(BaseCommand):
    help = (
        "Scores ingest against labelled cases (NAME.txt beside NAME.expected.json): precision, "
        "recall and F1 per list, exact-match rates, milliseconds per article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folders",
            nargs="*",
            type=Path,
            default=[settings.BASE_DIR / "tests" / "ingest_cases"],
            help="Folders of cases; tests/ingest_cases by default.",
        )
        parser.add_argument("--json-out", type=Path, help="Also write the JSON summary here.")

    def handle(self, *args, folders, json_out, **options):
        missing = [str(folder) for folder in folders if not folder.is_dir()]
        if missing:
            raise CommandError(f"No such folder: {', '.join(missing)}")
        results = evaluate(folders)
        if not results:
            raise CommandError("No cases found: expected NAME.txt beside NAME.expected.json.")
        totals = summary(results)
        self.stdout.write(table(results, totals))
        self.stdout.write(json.dumps(totals, indent=2))
        if json_out:
            json_out.write_text(json.dumps(totals, indent=2) + "\n", encoding="utf-8")
