"""Read queries compiled to SQL once per process, then run with each request's values.

Django builds and compiles a QuerySet's SQL again on every evaluation. For a reader page's
queries (select_related chains, lists carried as JSON by newsroom/core/rows.py) that work costs some
twenty times what the database spends running them. A `CompiledQuery` builds its QuerySet once
per database and shape with marker values, compiles it, notes which parameters hold each
marker, and from then on runs that SQL with the caller's values through the QuerySet's own
iterable: model instances, select_related and with_rows() behave as they always do. The
query's constants are written into the SQL, so only the caller's values are bound on each run.

A value is an int, a str or an aware datetime, never None (Django writes `IS NULL` for None, a
different SQL). Lookups that rewrite their value (`__contains` and the like) cannot hold a
marker; compiling such a query raises, rather than running the wrong SQL. Prefetches are not
run: load a list with with_rows() or with a CompiledQuery of its own."""

import copy
import re
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections


class CompiledQuery:
    """`build(**values)` returns the QuerySet; `run(**values)` its rows, as a list.

    Values are passed by name. A query with optional parts (a story's show, if it has one)
    takes them as optional arguments: each set of names given is compiled once."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}

    def run(self, using=DEFAULT_DB_ALIAS, **values):
        key = (using, tuple(sorted(values)))
        if key not in self.compiled:
            self.compiled[key] = Compiled(self.build, values, using)
        return self.compiled[key].run(values)


class Compiled:
    def __init__(self, build, values, using):
        markers = {name: marker_for(value, index) for index, (name, value) in
                   enumerate(sorted(values.items()))}  # fmt: skip
        self.queryset = build(**markers).using(using)
        if self.queryset._prefetch_related_lookups:
            raise ValueError("A compiled query cannot prefetch: use with_rows() instead.")
        self.compiler = self.queryset.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        # What turns each column into Python depends on the column and the backend only.
        selected = [column for column, *_ in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(selected)
        operations = connections[using].ops
        self.slots = []
        for name, marker in markers.items():
            prepared = database_value(marker, operations)
            found = [index for index, param in enumerate(self.params) if param == prepared]
            if not found or str(marker) in self.sql:
                raise ValueError(f"The value {name!r} did not become a plain SQL parameter.")
            self.slots += [(index, name) for index in found]
        self.sql, self.params, self.slots = constants_written_in(
            self.sql, self.params, self.slots, connections[using]
        )

    def run(self, values):
        connection = connections[self.queryset.db]
        params = list(self.params)
        for index, name in self.slots:
            params[index] = database_value(values[name], connection.ops)
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        compiler.get_converters = lambda expressions: self.converters
        query = copy.copy(self.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        # A shallow copy: cloning the QuerySet would copy the whole query tree again.
        queryset = object.__new__(type(self.queryset))
        queryset.__dict__.update(self.queryset.__dict__, _query=query)
        return list(queryset)


# Marker values no real row or request carries: far outside our ids, text with control
# characters no slug has, and a datetime nobody publishes at.
def marker_for(value, index):
    if isinstance(value, bool) or value is None:
        raise TypeError("A compiled query's values are ints, strs or aware datetimes.")
    if isinstance(value, int):
        return -987_654_321_000 - index
    if isinstance(value, str):
        return f"\x1ecompiled-query-marker-{index}\x1e"
    if isinstance(value, datetime):
        return datetime(1901, 2, 3, 4, 5, 6, 700_000 + index, tzinfo=UTC)
    raise TypeError("A compiled query's values are ints, strs or aware datetimes.")


PLACEHOLDER = re.compile(r"%%|%s")


def constants_written_in(sql, params, slots, connection):
    """The SQL with every parameter but the callers' values written into it as a literal.

    A reader query carries many constants (JSON keys, choice values, limits): the story row
    has some 140. The driver would convert and bind each one on every run, which on PostgreSQL
    cost the client twice what the database spent running the query. Written in once, they
    cost nothing per run; the callers' values stay parameters, so PostgreSQL still prepares the
    statement once for every slug."""
    named = dict(slots)
    kept, kept_slots, position = [], [], iter(range(len(params)))

    def write(placeholder):
        if placeholder.group() == "%%":
            return "%%"
        index = next(position)
        literal = None if index in named else sql_literal(params[index], connection)
        if literal is None:
            if index in named:
                kept_slots.append((len(kept), named[index]))
            kept.append(params[index])
            return "%s"
        return literal.replace("%", "%%")

    written = PLACEHOLDER.sub(write, sql)
    if next(position, None) is not None:
        raise ValueError("The SQL has fewer placeholders than parameters.")
    return written, kept, kept_slots


def sql_literal(value, connection):
    """`value` as SQL text, or None to leave it a parameter."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    # A choice (a str or int Enum) as its plain value, as the driver would have sent it.
    value = str.__str__(value) if isinstance(value, str) else int(value)
    if connection.vendor == "postgresql":
        return connection.ops.compose_sql("%s", [value])
    if isinstance(value, int):
        return str(value) if value >= 0 else f"({value})"  # never `--`, which starts a comment
    if "\x00" in value:  # SQLite ends a string literal at a NUL
        return None
    return "'" + value.replace("'", "''") + "'"


def database_value(value, operations):
    if isinstance(value, datetime):
        return operations.adapt_datetimefield_value(value)
    return value
