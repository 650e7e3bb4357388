"""Stored XSS: the payload corpus in every text editors and writers enter, read back from every
surface that shows it — public pages, feeds, sitemaps, the API and the admin — yields no
executable output (tests/security/executable.py says what that is). Content-Security-Policy is
off: the markup itself must be inert.

`make test` runs a sample of the corpus that keeps every category; `make xss` runs all of it.
"""

import os
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import PartnerKey
from tests.security import corpus, reading, surfaces, world
from tests.security.executable import executables

pytestmark = pytest.mark.django_db

# Rows per world: the API lists at most 100 items a page.
BATCH = 100
HARMLESS = [f"harmless text {n}" for n in range(3)]
# Queries a surface may take beyond what it takes for the three-row harmless world: querysets
# are shaped for their pages, so a hundred rows add none (a little slack for caches and sessions).
QUERY_SLACK = 3


@pytest.fixture
def no_csp(settings):
    """The corpus must be inert on its own, whatever Content-Security-Policy says."""
    settings.SECURE_CSP = {}
    settings.SECURE_CSP_REPORT_ONLY = {}


@pytest.fixture
def api_key_header():
    key = PartnerKey(partner="XSS corpus", rate="1000000/hour")
    raw_key = key.generate_key()
    key.save()
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw_key}"}


def batches(payloads):
    return [payloads[start : start + BATCH] for start in range(0, len(payloads), BATCH)]


class Reader:
    """Renders surfaces as a reader, a partner or the editor would get them."""

    def __init__(self, client, editor_client, api_headers, assert_queries):
        self.clients = {"admin": (editor_client, {}), "json": (client, api_headers)}
        self.default = (client, {})
        self.assert_queries = assert_queries
        self.queries = {}
        self.renders = 0

    def get(self, surface):
        """The first render of a surface sets how many queries later, larger ones may take."""
        client, headers = self.clients.get(surface.kind, self.default)
        if surface.name in self.queries:
            limit = self.queries[surface.name] + QUERY_SLACK
            with self.assert_queries(limit, info=f"{surface.name} {surface.url}"):
                response = client.get(surface.url, **headers)
        else:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(surface.url, **headers)
            self.queries[surface.name] = len(queries)
        assert response.status_code == 200, (surface, response.status_code)
        self.renders += 1
        return response


def baselines(reader, editor):
    """What our own templates emit, per surface, for a world of harmless text."""
    harmless = world.build(HARMLESS, number=0, by=editor)
    found = {}
    for surface in surfaces.of(harmless) + surfaces.sitemaps():
        if surface.kind in ("html", "admin"):
            found[surface.name] = executables(reader.get(surface).content.decode())
    return found


def test_no_payload_in_any_field_renders_executable_output(
    client, editor_client, editor, api_key_header, no_csp, django_assert_max_num_queries
):
    payloads = corpus.selected()
    started = time.monotonic()
    reader = Reader(client, editor_client, api_key_header, django_assert_max_num_queries)
    baseline = baselines(reader, editor)
    found, fields, checked = [], {}, set()
    for number, batch in enumerate(batches(payloads), 1):
        cache.clear()
        built = world.build(batch, number=number, by=editor)
        for name, count in built.fields.items():
            fields[name] = fields.get(name, 0) + count
        for surface in surfaces.of(built, with_big_forms=number == 1) + surfaces.sitemaps():
            checked.add(surface.name)
            response = reader.get(surface)
            for finding in reading.findings(surface.kind, response, baseline.get(surface.name)):
                found.append(f"{surface.name} {surface.url}: {finding}")
    print(
        f"\nStored XSS: {len(payloads)} payloads in {len(fields)} fields × {len(checked)} "
        f"surfaces ({reader.renders} renders, {sum(fields.values())} field values) in "
        f"{time.monotonic() - started:.1f} s: {len(found)} executable outputs"
    )
    if found and os.environ.get("XSS_FINDINGS"):
        Path(os.environ["XSS_FINDINGS"]).write_text("\n".join(found))
    assert found == [], "\n".join(found[:50])
