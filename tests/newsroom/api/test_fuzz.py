"""The partner API fuzzed from its own OpenAPI schema with schemathesis, in-process over WSGI.

Every operation gets generated requests: valid ones, invalid ones from the schema (wrong types,
out-of-range numbers, unknown parameters, repeated values) and hostile ones we add (NUL bytes,
numbers past 64 bits, offsets past UTC, forged cursors, overlong strings, odd Accept and
Authorization headers). No answer may be a server error or a status the schema does not declare.

The suite runs a few examples per operation, the same ones every time; `make fuzz` runs 500 per
operation, random ones, and prints what was sent and answered (see docs/api.md, "API fuzzing")."""

import base64
import json
import os
import time
from collections import Counter
from contextlib import contextmanager

import hypothesis
import pytest
import schemathesis
import werkzeug.test
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test import TestCase
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import status_code_conformance

from newsroom.models import Quote, Story
from newsroom.wsgi import application
from people.models import Person
from shows.models import Character, Company, Credit, Franchise, Season, Show, StatusEvent

FULL_RUN = "FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
MODELS = {
    "stories": Story,
    "quotes": Quote,
    "shows": Show,
    "seasons": Season,
    "people": Person,
    "companies": Company,
    "franchises": Franchise,
    "characters": Character,
    "credits": Credit,
    "status-events": StatusEvent,
}


def forged(query):
    """A cursor as DRF encodes one, but written by the caller."""
    return base64.b64encode(query.encode()).decode()


HOSTILE_ANYWHERE = ["\x00", "a\x00b", "x" * 5000, ["1", "2"], "１２", "%FF"]
HOSTILE_NUMBERS = [
    "9" * 30,
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e309",
    "NaN",
    "-0",
]
HOSTILE_DATES = [
    "2025-02-30",
    "0000-00-00",
    "10000-01-01",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59.999999-23:59",
    "0001-01-01T00:00:00+14:00",
    "2025-01-01T24:00:00Z",
]
HOSTILE_CURSORS = [
    forged("p=garbage"),
    forged("p=2025-01-01"),
    forged("o=99999999999999999999&r=1&p=9999-12-31T23:59:59-23:59"),
    "999999999999999999-999999999999999999",
    "1-99999999999999999999",
]
HOSTILE_HEADERS = [
    {"Accept": "application/xml"},
    {"Accept": "text/html;q=0.9, application/json;q=0.1"},
    {"Accept": "garbage/;;;"},
    {"Authorization": "Api-Key"},
    {"Authorization": "Api-Key \x00"},
    {"Authorization": "Bearer token"},
    {"Authorization": "Api-Key " + "k" * 5000},
    {"If-None-Match": "\x00"},
    {"If-Modified-Since": "Sun, 06 Nov 99999 08:49:37 GMT"},
]


def hostile_values(parameter):
    """Values a parameter of this kind is likely to choke on, besides those for any kind."""
    definition = parameter.definition.get("schema", {})
    if definition.get("type") in ("integer", "number"):
        return HOSTILE_ANYWHERE + HOSTILE_NUMBERS
    if definition.get("format") in ("date", "date-time"):
        return HOSTILE_ANYWHERE + HOSTILE_DATES
    if parameter.name in ("cursor", "since"):
        return HOSTILE_ANYWHERE + HOSTILE_CURSORS
    return HOSTILE_ANYWHERE + HOSTILE_NUMBERS[:2] + HOSTILE_DATES[-3:]


# Built as /api/v1/schema/ builds it, while tests are collected: no request (the API's cache
# would need the database, which collection may not touch) and no count against the rate.
schema = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
)
schema.app = application
schema.location = "/api/v1/schema/"


@schema.hook("flatmap_case")
def hostile_input(context, case):
    """Besides what the schema implies, a hostile value in one parameter or a hostile header."""
    pairs = [(p.name, value) for p in case.operation.query for value in hostile_values(p)]
    return st.one_of(
        st.just(case),
        st.sampled_from(["HEAD", "OPTIONS"]).map(lambda method: put_method(case, method)),
        st.sampled_from(pairs or [("unknown", "\x00")]).map(
            lambda pair: put(case, "query", dict([pair]))
        ),
        st.sampled_from(HOSTILE_HEADERS).map(lambda headers: put(case, "headers", headers)),
    )


def put_method(case, method):
    case.method = method
    return case


def put(case, location, values):
    setattr(case, location, {**(getattr(case, location) or {}), **values})
    return case


class Tally:
    """What the fuzzing sent and got back, per operation, for `make fuzz` to print."""

    def __init__(self):
        self.statuses = {}
        self.undocumented = Counter()
        self.other_methods = Counter()

    def record(self, case, response):
        operation = case.operation
        if case.method.upper() != operation.method.upper():
            # Methods the operation does not declare: HEAD and OPTIONS answer, the rest are 405.
            self.other_methods[(case.method.upper(), response.status_code)] += 1
            return
        self.statuses.setdefault(operation.label, Counter())[response.status_code] += 1
        if str(response.status_code) not in operation.definition.raw["responses"]:
            self.undocumented[(operation.label, response.status_code)] += 1

    def lines(self, seconds):
        statuses = sum(self.statuses.values(), Counter())
        server_errors = sum(count for status, count in statuses.items() if status >= 500)
        yield (
            f"API fuzzing on {connection.vendor} ({connection.settings_dict['NAME']}): "
            f"{len(self.statuses)} operations, {statuses.total()} examples in {seconds:.0f} s, "
            f"{server_errors} server errors, {self.undocumented.total()} undocumented statuses"
        )
        yield "  answers: " + ", ".join(f"{s} ×{n}" for s, n in sorted(statuses.items()))
        yield "  other methods: " + ", ".join(
            f"{method} {status} ×{n}" for (method, status), n in sorted(self.other_methods.items())
        )
        for (label, status), count in sorted(self.undocumented.items()):
            yield f"  undocumented: {label} answered {status} ×{count}"


TALLY = Tally()


@schema.hook("after_call")
def tally(context, case, response):
    TALLY.record(case, response)


@contextmanager
def open_connection():
    """Requests through the WSGI app close the database connection as they end, and with it the
    test's transaction: Django's test client keeps it open the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def fuzz_data(django_db_setup, django_db_blocker, request):
    """The seed story and a small demo set, so that detail operations meet real objects.

    Made once for this module inside a transaction that is rolled back at its end."""
    started = time.perf_counter()
    with django_db_blocker.unblock(), open_connection(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_seeds", verbosity=0)
            call_command("generate_demo", stories=40, shows=8, people=30, verbosity=0)
        yield {
            resource: list(model.objects.published().values_list("pk", flat=True)[:50])
            for resource, model in MODELS.items()
        }
        if FULL_RUN:
            plugins = request.config.pluginmanager
            with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
                print()
                for line in TALLY.lines(time.perf_counter() - started):
                    print(line)
        transaction.set_rollback(True)


def aim_at_real_objects(case, ids):
    """Most generated ids name no object: every other one is sent to a real one instead."""
    value = str((case.path_parameters or {}).get("id", ""))
    resource_ids = ids.get(case.path.split("/")[3])
    if resource_ids and value.isdigit() and int(value) % 2:
        case.path_parameters["id"] = resource_ids[int(value) // 2 % len(resource_ids)]


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=not FULL_RUN,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_server_error_or_an_undocumented_status(case, fuzz_data, db, settings):
    settings.API_ANON_RATE = "1000000/hour"
    aim_at_real_objects(case, fuzz_data)
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance])


OPERATIONS = [result.ok() for result in schema.get_all_operations()]
# Query strings no client would send: invalid UTF-8, a lone surrogate, broken escapes.
RAW_VALUES = ["%FF", "%ED%A0%80", "%C0%80", "%", "%zz", "%00"]


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if op.query], ids=lambda operation: operation.label
)
def test_every_parameter_refuses_hostile_values_with_a_400_or_ignores_them(
    operation, fuzz_data, db, settings
):
    settings.API_ANON_RATE = "1000000/hour"
    documented = set(operation.definition.raw["responses"])
    wsgi = werkzeug.test.Client(application)
    wrong = []
    for parameter in operation.query:
        for value in hostile_values(parameter):
            case = operation.Case(query={parameter.name: value})
            response = case.call()
            try:
                case.validate_response(
                    response, checks=[not_a_server_error, status_code_conformance]
                )
            except FailureGroup as failures:
                titles = ", ".join(failure.title for failure in failures.exceptions)
                wrong.append(f"{parameter.name}={value!r:.40}: {response.status_code} {titles}")
            if response.status_code == 400 and "errors" not in response.json():
                wrong.append(f"{parameter.name}={value!r:.40}: 400 without `errors`")
        for raw in RAW_VALUES:
            # Through the same WSGI app as the cases: Django's test client would reconnect
            # close_old_connections, and the next case would close the test's transaction.
            response = wsgi.get(operation.path, query_string=f"{parameter.name}={raw}")
            if str(response.status_code) not in documented or response.status_code >= 500:
                wrong.append(f"{parameter.name}={raw}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
