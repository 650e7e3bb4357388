"""Shared steps for the partner API tests: seeded data, keys, query counts."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import PartnerKey


def load_seed(capture_on_commit):
    """The Ballard seed, with the change feed entries its commit would record."""
    with capture_on_commit(execute=True):
        call_command("load_seeds", verbosity=0)


def make_key(partner="Test partner", rate="10000/hour"):
    """A partner key and the header that sends it."""
    key = PartnerKey(partner=partner, rate=rate)
    raw_key = key.generate_key()
    key.save()
    return key, {"HTTP_AUTHORIZATION": f"Api-Key {raw_key}"}


def count_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def key_made_in_admin(client, partner="Guide app"):
    """The raw key a logged-in superuser is shown, once, after adding a key in the admin."""
    response = client.post(
        "/admin/newsroom/partnerkey/add/",
        {"partner": partner, "rate": "500/hour", "notes": ""},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    return message.split(" is ", 1)[1].split(" ", 1)[0]
