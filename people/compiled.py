"""Read queries compiled to SQL once per process, then run with each request's values.

Django builds and compiles a QuerySet's SQL again on every evaluation. For a reader page's
queries (select_related chains, lists carried as JSON by people/rows.py) that work costs some
twenty times what the database spends running them. A `CompiledQuery` builds its QuerySet once
per database and shape with marker values, compiles it, notes which parameters hold each
marker, and from then on runs that SQL with the caller's values through the QuerySet's own
iterable: model instances, select_related and with_rows() behave as they always do.

A value is an int, a str or an aware datetime, never None (Django writes `IS NULL` for None, a
different SQL). Lookups that rewrite their value (`__contains` and the like) cannot hold a
marker; compiling such a query raises, rather than running the wrong SQL. Prefetches are not
run: load a list with with_rows() or with a CompiledQuery of its own."""

import copy
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


def database_value(value, operations):
    if isinstance(value, datetime):
        return operations.adapt_datetimefield_value(value)
    return value
