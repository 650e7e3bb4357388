"""Fields and filters every app's partner API shares: ids, API and reader addresses, `q`,
external ids."""

from django import forms
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsroom.core.page_urls import absolute_url, absolute_urls

# The largest id a database id column holds; bigger numbers are a 400, never a 500.
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """An id: a whole number from 1 to MAX_ID, or a 400 naming the parameter."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


# Stands for the id while a route is reversed; no real id is this long.
ID_PLACEHOLDER = 9876543210987654321


def api_url(context, view_name, pk):
    """The absolute API address of `view_name` for `pk`."""
    return api_address(context, view_name)(pk)


def api_address(context, view_name):
    """api_url() for `view_name` as a function of the id. The route is reversed once per
    response and filled in with each id: reversing for every item took most of a list's time.
    On SITE_URL, never the request's host: responses are stored and served to every caller."""
    routes = context.setdefault("api_routes", {})
    if view_name not in routes:
        url = absolute_url(reverse(view_name, args=[ID_PLACEHOLDER]))
        head, tail = url.split(str(ID_PLACEHOLDER))

        def address(pk):
            return f"{head}{pk}{tail}"

        routes[view_name] = address
    return routes[view_name]


def web_url(context, location):
    """The reader page at `location` (a path) as an absolute address on SITE_URL
    (newsroom/core/page_urls.py)."""
    if "absolute" not in context:
        context["absolute"] = absolute_urls()
    return context["absolute"](location)


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The object's own API address (`url`), made by api_url()."""

    def get_url(self, obj, view_name, request, format):
        return None if obj.pk is None else api_url(self.context, view_name, obj.pk)


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The reader page's absolute address, for partners who link to our pages."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return web_url(self.context, value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class FilteredListUrlField(serializers.Field):
    """A link to another resource's list filtered by this object: `/credits/?person=7`."""

    def __init__(self, view_name, parameter, **kwargs):
        self.view_name, self.parameter = view_name, parameter
        super().__init__(source="pk", read_only=True, **kwargs)

    def to_representation(self, value):
        return f"{absolute_url(reverse(self.view_name))}?{self.parameter}={value}"


def full_text(queryset, name, value):
    """The `q` filter of every FilterSet: the QuerySet's full_text_search()."""
    return queryset.full_text_search(value)


class ExternalIdsSerializer(serializers.Serializer):
    """Ids in the databases partners match us against; null when we do not know one."""

    imdb = serializers.CharField(source="imdb_id", allow_null=True)
    tmdb = serializers.CharField(source="tmdb_id", allow_null=True)
    tvmaze = serializers.CharField(source="tvmaze_id", allow_null=True)
    wikidata = serializers.CharField(source="wikidata_id", allow_null=True)

    def to_representation(self, instance):
        return {name: value or None for name, value in super().to_representation(instance).items()}
