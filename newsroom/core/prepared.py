"""Queries PostgreSQL must plan for their own values: never prepared.

On PostgreSQL a statement is prepared once a connection has run it five times (settings.py),
and after five runs of the prepared statement PostgreSQL may settle on one generic plan for
every value. Such a plan cannot read an expression index whose expression holds a constant
the query sends as a parameter. Reader search is one: its GIN indexes are of
`to_tsvector('english', COALESCE(headline, '') || ...)`, and Django sends the config and the
empty strings as parameters, so a generic plan parses every public story's text instead (on
the demo data a story search took about three times as long). Queries run inside
`not_prepared()` are planned for their values on every run, as they were before statements
were prepared."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def not_prepared(using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    threshold = driver.prepare_threshold
    driver.prepare_threshold = None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold
