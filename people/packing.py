"""Short related lists packed into their parent's query as JSON, instead of one query each.

An API detail nests many short lists (a story's bylines, links and corrections; a show's
companies and sources). `with_packed(queryset, person_links=Shape(...))` adds each list as a
correlated subquery that returns the rows as a JSON array, and the rows come back as unsaved
model instances in the prefetch cache, so serializers read `story.person_links.all()` as if
prefetch_related had run: one round trip for all of them. Lists with nested lists of their own
(a source's authors) nest the same way. Used by the `for_api…()` QuerySet methods; the lowest
app holds it so that every app's can."""

import functools
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Aggregate, F, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.db.models.query import ModelIterable


class Shape:
    """The fields of a packed row: scalar field names, and related rows by relation name."""

    def __init__(self, *fields, **relations):
        self.fields = ("pk", *fields)
        self.relations = relations

    def __eq__(self, other):
        return (self.fields, self.relations) == (other.fields, other.relations)

    def __hash__(self):
        return hash((self.fields, tuple(self.relations.items())))


class JSONArrayAgg(Aggregate):
    """The rows' values as one JSON array: json_group_array on SQLite, jsonb_agg on PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class PackedRows(Subquery):
    """A JSON array of the rows of `path` (a to-many relation, maybe after to-one steps)."""

    def __init__(self, model, path, shape):
        self.path, self.shape = path, shape
        *steps, relation = path.split("__")
        for step in steps:
            model = model._meta.get_field(step).related_model
        outer = "__".join([*steps, "pk"])
        super().__init__(related_rows(model, relation, shape, outer))


def related_rows(model, relation, shape, outer):
    field = model._meta.get_field(relation)
    # The way back from the related rows to the outer row: their foreign key or many-to-many.
    if isinstance(field, models.ManyToManyField):
        link = field.related_query_name()
    else:
        link = field.field.name
    rows = field.related_model.objects.filter(**{link: OuterRef(outer)}).order_by().values(link)
    packed = rows.annotate(rows=JSONArrayAgg(json_row(field.related_model, shape)))
    return packed.values("rows")


def json_row(model, shape, prefix=""):
    pairs = {name: F(prefix + name) for name in shape.fields}
    for name, inner in shape.relations.items():
        field = model._meta.get_field(name)
        if field.one_to_many or field.many_to_many:
            pairs[name] = Subquery(
                related_rows(model, name, inner, outer=f"{prefix}pk"),
                output_field=models.JSONField(),
            )
        else:
            pairs[name] = json_row(field.related_model, inner, f"{prefix}{name}__")
    return JSONObject(**pairs)


class PackedIterable(ModelIterable):
    """Model instances with their packed lists unpacked into the prefetch cache."""

    def __iter__(self):
        packed = {
            alias: expression
            for alias, expression in self.queryset.query.annotations.items()
            if isinstance(expression, PackedRows)
        }
        for instance in super().__iter__():
            for alias, expression in packed.items():
                *steps, relation = expression.path.split("__")
                owner = instance
                for step in steps:
                    owner = getattr(owner, step)
                if owner is not None:
                    cache(owner, relation, getattr(instance, alias), expression.shape)
            yield instance


def with_packed(queryset, **shapes):
    """`queryset` with each named relation's rows packed in; `credit__seasons` reaches through
    a to-one relation."""
    aliases = {
        f"packed_{path.replace('__', '_')}": packed_rows(queryset.model, path, shape)
        for path, shape in shapes.items()
    }
    packed = queryset.annotate(**aliases)
    packed._iterable_class = PackedIterable
    return packed


@functools.cache
def packed_rows(model, path, shape):
    # Built once per process: building the subqueries took longer than running them. Each
    # query resolves a copy, so the shared expression never changes.
    return PackedRows(model, path, shape)


def cache(owner, relation, rows, shape):
    """Serve `owner.<relation>.all()` from the packed rows, as prefetch_related would."""
    related_model = owner._meta.get_field(relation).related_model
    instances = [unpack(related_model, row, shape) for row in rows or []]
    instances.sort(key=ordering_key(related_model))
    queryset = getattr(owner, relation).all()
    queryset._result_cache, queryset._prefetch_done = instances, True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}
    owner._prefetched_objects_cache[relation] = queryset


def unpack(model, row, shape):
    """An instance as if loaded from the database with only the shape's fields: reading any
    other field costs a query (which query-count tests catch), never a silent default."""
    if row is None or row.get("pk") is None:
        return None
    values = {field(model, name).attname: value(model, name, row[name]) for name in shape.fields}
    loaded = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    instance = model.from_db(DEFAULT_DB_ALIAS, loaded, [values[name] for name in loaded])
    for name, inner in shape.relations.items():
        relation = model._meta.get_field(name)
        if relation.one_to_many or relation.many_to_many:
            cache(instance, name, row[name], inner)
        else:
            setattr(instance, name, unpack(relation.related_model, row[name], inner))
    return instance


def field(model, name):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def value(model, name, raw):
    converted = field(model, name).to_python(raw)
    if isinstance(converted, datetime) and converted.tzinfo is None:
        converted = converted.replace(tzinfo=UTC)  # SQLite keeps UTC without an offset
    return converted


def ordering_key(model):
    """The model's default ordering, applied in Python: packed rows come in no order."""
    names = model._meta.ordering or ["pk"]

    def key(instance):
        return [SortKey(attribute(instance, name.lstrip("-")), name) for name in names]

    return key


class SortKey:
    """One ordering term's value; None sorts last, and `-name` sorts descending."""

    def __init__(self, value, name):
        self.value, self.descending = (value is None, value), name.startswith("-")

    def __lt__(self, other):
        return other.value < self.value if self.descending else self.value < other.value

    def __eq__(self, other):
        return self.value == other.value


def attribute(instance, path):
    for step in path.split("__"):
        instance = getattr(instance, step)
    return instance
