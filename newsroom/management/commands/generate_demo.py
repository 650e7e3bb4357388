import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.ops.demo import DemoBuilder, DemoSize


class Command(BaseCommand):
    help = "Fill the database with deterministic synthetic shows, people and stories."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=20_000)
        parser.add_argument("--shows", type=int, default=2_000)
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")

    def handle(self, *args, stories, shows, people, seed, verbosity, **options):
        started = time.perf_counter()
        size = DemoSize(stories=stories, shows=max(shows, 1), people=max(people, 13))
        counts = DemoBuilder(size, seed=seed, now=timezone.now()).build()
        if verbosity:
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            elapsed = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"Demo data in {elapsed:.1f} s: {summary}."))
