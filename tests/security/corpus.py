"""The stored-XSS corpus: every distinct payload of the brs-kb knowledge base.

The full corpus runs with `make xss`; `make test` runs a sample that keeps every category (the
knowledge base's first context of each payload) and the WAF-bypass, polyglot and encoding tricks.
"""

import os
import warnings
from collections import defaultdict
from functools import cache

import brs_kb

# Payloads per category in the sample `make test` runs; small categories go in whole.
SAMPLE_PER_CATEGORY = 1
SAMPLE_EXTRA_TAGS = ("polyglot", "waf-bypass", "encoding", "mutation", "svg", "mathml")


@cache
def entries():
    """(category, payload) for each distinct payload, in a stable order."""
    seen = {}
    with warnings.catch_warnings():
        # The knowledge base stamps its entries with the deprecated datetime.utcnow().
        warnings.simplefilter("ignore", DeprecationWarning)
        knowledge_base = brs_kb.get_all_payloads()
    for _key, entry in sorted(knowledge_base.items()):
        payload = entry["payload"].replace("\x00", "")
        if payload.strip() and payload not in seen:
            category = entry["contexts"][0] if entry["contexts"] else "default"
            seen[payload] = (category, tuple(entry["tags"]))
    return [(category, tags, payload) for payload, (category, tags) in seen.items()]


def full():
    return [payload for _, _, payload in entries()]


def sample():
    by_category = defaultdict(list)
    by_tag = defaultdict(list)
    for category, tags, payload in entries():
        by_category[category].append(payload)
        for tag in tags:
            by_tag[tag].append(payload)
    chosen = [p for found in by_category.values() for p in found[:SAMPLE_PER_CATEGORY]]
    chosen += [p for tag in SAMPLE_EXTRA_TAGS for p in by_tag[tag][:4]]
    return list(dict.fromkeys(chosen))


def categories():
    return {category for category, _, _ in entries()}


def selected():
    """The corpus this run checks: the whole of it when XSS_CORPUS=full."""
    return full() if os.environ.get("XSS_CORPUS") == "full" else sample()
