"""Short related lists carried in the parent's own query as JSON, instead of a query each.

`prefetch_related` costs a round trip per relation, so a page or partner API detail showing a
dozen short lists (seasons, bylines, corrections, quote speakers) pays a dozen queries. `Rows`
folds one such list into the parent's SELECT as a correlated subquery that returns a JSON array,
and `RowsQuerySet.with_rows()` turns the array back into model instances in the relation's
prefetch cache, as prefetch_related would: templates, serializers and models keep calling
`.all()`.

Only the named fields are loaded (the others are deferred, so a forgotten one shows up as a
query in the page and API query-count tests). Lives in the lowest app so that every app can
use it."""

import orjson
from django.conf import settings
from django.db import models
from django.db.models import F, JSONField, Subquery, TextField
from django.db.models.functions import Cast, JSONObject
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class Row:
    """The fields of one row, and of the rows it points to: `Row("name", network=Row("slug"))`.

    A keyword argument is either a foreign key, nested as another Row, or a list of related
    rows, as `Rows` (its OuterRef refers to the row it is nested in)."""

    def __init__(self, *fields, **nested):
        self.fields = fields
        self.nested = nested

    def expression(self, model, prefix=""):
        columns = {"pk": F(f"{prefix}pk")}
        columns |= {name: F(f"{prefix}{name}") for name in self.fields}
        for name, part in self.nested.items():
            if isinstance(part, Row):
                related = model._meta.get_field(name).related_model
                columns[name] = part.expression(related, f"{prefix}{name}__")
            else:
                columns[name] = part
        return RowObject(**columns)

    def build(self, model, data, db):
        """A model instance from a JSON object written by expression(); None for a null key."""
        if data is None or data["pk"] is None:
            return None
        loaded = {model._meta.pk.attname: data["pk"]}
        for name in self.fields:
            field = model._meta.get_field(name)
            loaded[field.attname] = to_python(field, data[name])
        instance = from_db(model, db, loaded)
        for name, part in self.nested.items():
            if isinstance(part, Row):
                related = model._meta.get_field(name).related_model
                setattr(instance, name, part.build(related, data[name], db))
            else:
                part.attach(instance, name, data[name], db)
        return instance


def from_db(model, db, loaded):
    """`model.from_db()` for the fields in `loaded` (attname: value), the others deferred.

    Through Django's own from_db() and __init__, not around them. Setting an instance's state
    and values by hand saved about 2 µs an instance, at most 1.5 % of the page that builds the
    most (docs/performance.md, "Private internals"), and it would skip whatever a model's own
    from_db() or a later Django's __init__ sets up."""
    values = [loaded.get(field.attname, models.DEFERRED) for field in model._meta.concrete_fields]
    return model.from_db(db, list(loaded), values)


def to_python(field, value):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        # SQLite stores UTC without an offset; PostgreSQL's JSON has one.
        moment = parse_datetime(value)
        if settings.USE_TZ and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.UTC)
        return moment
    if isinstance(field, models.FileField):
        return value
    return field.to_python(value)


class RowObject(JSONObject):
    """A row as a JSON object, of PostgreSQL's `json` type where Django's JSONObject builds
    `jsonb`: these objects are only sent back to be read, never compared or indexed, and
    building jsonb's binary form, then writing it out as text again, took about a quarter of
    the database's time for the story page's row."""

    def as_postgresql(self, compiler, connection, **extra_context):
        copy = self.copy()
        # Keys as text, as JSONObject does: a key bound as a parameter has no type of its own.
        copy.set_source_expressions(
            [
                Cast(expression, TextField()) if index % 2 == 0 else expression
                for index, expression in enumerate(copy.get_source_expressions())
            ]
        )
        return super(JSONObject, copy).as_sql(
            compiler, connection, function="JSON_BUILD_OBJECT", **extra_context
        )


class RowsField(JSONField):
    """A Rows column as the driver hands it over: psycopg decodes PostgreSQL's `json` type
    itself (Django has it hand over only `jsonb` as text; newsroom/core/postgresql has orjson do
    it), SQLite's comes as text, read here with orjson too (in about half json.loads' time).

    PostgreSQL cannot compare `json` values, so a query that selects Rows cannot be DISTINCT
    or a UNION: filter with Exists instead of a join that needs DISTINCT."""

    def from_db_value(self, value, expression, connection):
        if not isinstance(value, str):
            return value
        return orjson.loads(value)


class Rows(Subquery):
    """The rows of `queryset`, in its order, as one JSON array column of the outer query."""

    templates = {
        # SQLite: json() keeps the array JSON (not a string) when it is nested in another row.
        "sqlite": (
            "json((SELECT json_group_array(json(listed.listed_row)) FROM (%(subquery)s) listed))"
        ),
        "postgresql": (
            "(SELECT COALESCE(json_agg(listed.listed_row), '[]'::json) FROM (%(subquery)s) listed)"
        ),
    }

    def __init__(self, queryset, *fields, **nested):
        self.row = Row(*fields, **nested)
        self.model = queryset.model
        ordering = tuple(queryset.query.order_by) or tuple(self.model._meta.ordering)
        # Ties broken by pk: the same rows always make the same list (and the same API bytes).
        if not {"pk", "-pk"} & set(ordering):
            ordering += ("pk",)
        self.ordering = ordering
        super().__init__(
            queryset.values(listed_row=self.row.expression(self.model)), output_field=RowsField()
        )

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        # A subquery loses its ORDER BY when resolved; the list's order is the point here.
        resolved.query.clear_ordering(force=True)
        resolved.query.add_ordering(*self.ordering)
        return resolved

    def as_sql(self, compiler, connection, template=None, **extra_context):
        template = self.templates[connection.vendor]
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def attach(self, instance, relation, data, db):
        """Puts the rows where `instance.<relation>.all()` finds them without a query."""
        keep_as_prefetched(
            instance, relation, [self.row.build(self.model, item, db) for item in data or []]
        )


def keep_as_prefetched(instance, relation, items):
    """Makes `instance.<relation>.all()` return `items` without a query, as prefetch_related
    would: lists loaded in the parent's row, or by a compiled query (newsroom/core/compiled.py)."""
    manager = getattr(instance, relation)
    if not hasattr(manager, "through"):
        # A reverse foreign key: each row points back at `instance`, as prefetching does.
        for item in items:
            setattr(item, manager.field.name, instance)
    # The same cache, filled the same way, as prefetch_related_objects(): Django offers no
    # public way to hand a relation rows loaded elsewhere.
    listed = manager.get_queryset()
    listed._result_cache = items
    listed._prefetch_done = True
    cache_name = getattr(manager, "prefetch_cache_name", None) or (
        manager.field.remote_field.cache_name
    )
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = listed


ALIAS_PREFIX = "rows_"


class RowsIterable(ModelIterable):
    def __iter__(self):
        lists = {
            alias: expression
            for alias, expression in self.queryset.query.annotations.items()
            if isinstance(expression, Rows)
        }
        for instance in super().__iter__():
            for alias, rows in lists.items():
                *path, relation = alias.removeprefix(ALIAS_PREFIX).split("__")
                owner = instance
                for step in path:
                    owner = getattr(owner, step)
                data = instance.__dict__.pop(alias)
                if owner is not None:
                    rows.attach(owner, relation, data, self.queryset.db)
            yield instance


class RowsQuerySet(models.QuerySet):
    def with_rows(self, **lists):
        """Loads each `relation=Rows(...)` in this query; `show__seasons` fills a related row's.

        Building the expressions costs more than running them: keep them in a module-level
        function under functools.cache, they are reused safely by every query."""
        clone = self.annotate(**{f"{ALIAS_PREFIX}{into}": rows for into, rows in lists.items()})
        clone._iterable_class = RowsIterable
        return clone
