"""Scores the extraction against labelled cases: NAME.txt beside NAME.expected.json."""

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.ingest.extraction import extract
from newsroom.ingest.names import fold, same_name_tail
from newsroom.ingest.text import plain_quotes

LISTS = ["quotes", "cast", "cast+character", "credits", "companies", "companies (name)"]
FIELDS = ["show", "network", "status", "season"]


@dataclass
class Tally:
    matched: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other):
        self.matched += other.matched
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self):
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self):
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class CaseResult:
    name: str
    tallies: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    milliseconds: float = 0.0


def quote_text_key(text):
    """Tolerant of quotation-mark style, spacing and the comma or period that ends a quote."""
    text = re.sub(r"\s+", " ", plain_quotes(text)).strip()
    return text.rstrip(",. ")


def quote_keys(quotes):
    return [(quote_text_key(q["text"]), frozenset(fold(s) for s in q["speakers"])) for q in quotes]


def same_character(expected, predicted):
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return same_name_tail(expected, predicted)


def tally(expected, predicted, same=lambda a, b: a == b):
    """Matches each predicted item to at most one expected item."""
    remaining = list(expected)
    matched = 0
    for item in predicted:
        for candidate in remaining:
            if same(candidate, item):
                remaining.remove(candidate)
                matched += 1
                break
    return Tally(matched, len(predicted), len(expected))


def score(expected, predicted):
    """Per-list tallies and per-field exact matches for one article."""
    cast_pairs = lambda data: [(fold(c["person"]), c.get("character")) for c in data["cast"]]  # noqa: E731
    tallies = {
        "quotes": tally(quote_keys(expected["quotes"]), quote_keys(predicted["quotes"])),
        "cast": tally(*[[fold(c["person"]) for c in d["cast"]] for d in (expected, predicted)]),
        "cast+character": tally(
            cast_pairs(expected),
            cast_pairs(predicted),
            lambda a, b: a[0] == b[0] and same_character(a[1], b[1]),
        ),
        "credits": tally(
            *[[(fold(c["person"]), c["role"]) for c in d["credits"]] for d in (expected, predicted)]
        ),
        "companies": tally(
            *[[(fold(c["name"]), c["role"]) for c in d["companies"]] for d in (expected, predicted)]
        ),
        "companies (name)": tally(
            *[[fold(c["name"]) for c in d["companies"]] for d in (expected, predicted)]
        ),
    }
    fields = {name: same_field(expected.get(name), predicted.get(name)) for name in FIELDS}
    return tallies, fields


def same_field(expected, predicted):
    if isinstance(expected, str) and isinstance(predicted, str):
        return fold(expected) == fold(predicted)
    return expected == predicted


def cases_in(folders):
    for folder in folders:
        for expected_path in sorted(Path(folder).glob("*.expected.json")):
            text_path = expected_path.with_name(
                expected_path.name.replace(".expected.json", ".txt")
            )
            if text_path.exists():
                yield text_path, expected_path


def timed_extract(text, repeats=5):
    """The extraction and its median time in milliseconds over a few runs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        extraction = extract(text)
        times.append((time.perf_counter() - started) * 1000)
    return extraction, statistics.median(times)


def evaluate(folders):
    results = []
    for text_path, expected_path in cases_in(folders):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        extraction, milliseconds = timed_extract(text_path.read_text(encoding="utf-8"))
        tallies, fields = score(expected, extraction.as_json())
        name = text_path.name.removesuffix(".txt")
        results.append(CaseResult(name, tallies, fields, milliseconds))
    return results


def summary(results):
    """Micro-averaged P/R/F1 per list, exact-match rates per field, and timings."""
    totals = {name: Tally() for name in LISTS}
    for result in results:
        for name in LISTS:
            totals[name].add(result.tallies[name])
    count = len(results) or 1
    times = [result.milliseconds for result in results] or [0.0]
    return {
        "cases": len(results),
        "lists": {
            name: {
                "precision": round(t.precision, 3),
                "recall": round(t.recall, 3),
                "f1": round(t.f1, 3),
                "matched": t.matched,
                "predicted": t.predicted,
                "expected": t.expected,
            }
            for name, t in totals.items()
        },
        "fields": {
            name: round(sum(result.fields[name] for result in results) / count, 3)
            for name in FIELDS
        },
        "ms_per_article": {
            "median": round(statistics.median(times), 2),
            "max": round(max(times), 2),
        },
    }


def table(results, totals):
    """The printed report: one row per case, then the totals."""
    lines = [f"{'case':48} " + " ".join(f"{name[:8]:>8}" for name in LISTS[:5]) + "   fields   ms"]
    for result in results:
        f1s = " ".join(f"{result.tallies[name].f1:8.2f}" for name in LISTS[:5])
        right = sum(result.fields.values())
        lines.append(
            f"{result.name[:48]:48} {f1s}   {right}/{len(FIELDS)}  {result.milliseconds:5.1f}"
        )
    lines.append("")
    lines.append(f"{'':18} {'precision':>10} {'recall':>8} {'F1':>6}")
    for name, row in totals["lists"].items():
        lines.append(f"{name:18} {row['precision']:10.3f} {row['recall']:8.3f} {row['f1']:6.3f}")
    for name, rate in totals["fields"].items():
        lines.append(f"{name + ' exact':18} {rate:10.3f}")
    timing = totals["ms_per_article"]
    lines.append(f"ms per article: median {timing['median']}, max {timing['max']}")
    return "\n".join(lines)
