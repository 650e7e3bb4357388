"""A partner key, once made, exists only in the partner's hands: no column holds it."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection

from newsroom.models import PartnerKey
from tests.api_helpers import key_made_in_admin

pytestmark = pytest.mark.django_db


def every_stored_value():
    """Every value of every column of every table, as text; sessions decoded."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield from (str(value) for value in row)
    for session in Session.objects.all():
        yield str(session.get_decoded())


def test_the_raw_key_is_in_no_column_after_it_is_made_and_used(client):
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    raw_key = key_made_in_admin(client)
    assert (
        client.get("/api/v1/stories/", HTTP_AUTHORIZATION=f"Api-Key {raw_key}").status_code == 200
    )
    client.get("/admin/newsroom/partnerkey/")  # the admin's own records of the change

    values = list(every_stored_value())
    assert PartnerKey.hash(raw_key) in values  # the scan does read the keys' table
    assert not [value for value in values if raw_key in value]
    assert not [value for value in values if raw_key[12:] in value]  # nor its secret part
