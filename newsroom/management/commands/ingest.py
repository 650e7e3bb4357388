import json as json_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.ingest import IngestError, extract
from newsroom.ingest.text import MAX_CHARACTERS, decode


class Command(BaseCommand):
    help = (
        "Reads press releases or trade stories and prints what ingest finds in each: show, "
        "status, quotes, cast, credits, companies. Writes nothing to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="Text files, one article each.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print JSON: one file's extraction, or an object keyed by file for several.",
        )

    def handle(self, *args, files, json, **options):
        results, failures = {}, []
        for path in files:
            try:
                results[str(path)] = extract(read(path)).as_json()
            except (OSError, IngestError) as error:
                failures.append(f"{path}: {error}")
        for failure in failures:
            self.stderr.write(failure)
        if json:
            self.write_json(results, single=len(files) == 1)
        else:
            for path, extraction in results.items():
                self.stdout.write(describe(path, extraction))
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} files could not be ingested.")

    def write_json(self, results, *, single):
        if not results:
            return
        document = next(iter(results.values())) if single else results
        self.stdout.write(json_dumps(document))


def json_dumps(document):
    return json_module.dumps(document, indent=2, ensure_ascii=False)


def read(path):
    if path.stat().st_size > MAX_CHARACTERS * 4:
        raise IngestError(f"{path.stat().st_size:,} bytes is too large for one article.")
    return decode(path.read_bytes())


def describe(path, extraction):
    """A short human summary: the facts, then the counts."""
    facts = ", ".join(
        f"{key}: {extraction[key]}"
        for key in ("show", "network", "status", "season")
        if extraction[key] is not None
    )
    counts = ", ".join(f"{len(extraction[key])} {key}" for key in ("quotes", "cast", "credits"))
    return f"{path}\n  {facts or 'no show found'}\n  {counts}"
