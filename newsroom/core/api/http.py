"""How every partner API response behaves, whichever app's resource it is.

Settings name these classes (REST_FRAMEWORK), so people and shows use them without importing
newsroom: page sizes, signed cursors, filtering, ordering whitelists, the error body (404s under
/api/ too), JSON only outside DEBUG, and the errors every operation documents."""

import re
from base64 import b64encode
from datetime import UTC, datetime, timedelta
from functools import cached_property, partial
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.views import defaults
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, views
from rest_framework.filters import OrderingFilter
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import BasePagination, CursorPagination, PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from newsroom.core.api.errors import API_PREFIX, error_response
from newsroom.core.page_urls import site_origin

MAX_PAGE_SIZE = 100


class PageSizeMixin:
    """`page_size` from 1 to 100; anything else is a 400 rather than a silent default."""

    page_size = 20
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= self.max_page_size):
            raise exceptions.ValidationError(
                {"page_size": [f"Enter a whole number from 1 to {self.max_page_size}."]}
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        bounds = {
            "page": {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


def request_address(request):
    """The request's address on SITE_URL, for links to a response's other pages: never on the
    Host header, since stored responses go to every caller (newsroom/core/page_urls.py). A
    request's path is a path even when it starts with "//", so it is joined, never resolved."""
    return site_origin() + request.get_full_path()


class ReferencePagination(PageSizeMixin, PageNumberPagination):
    """Numbered pages for reference data (shows, people, credits…), with a total count."""

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param, "1")
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise exceptions.ValidationError({"page": ["Enter a whole number from 1 up."]})
        return value

    # DRF's two links, from request_address() where DRF takes build_absolute_uri().
    def get_next_link(self):
        if not self.page.has_next():
            return None
        number = self.page.next_page_number()
        return replace_query_param(request_address(self.request), self.page_query_param, number)

    def get_previous_link(self):
        if not self.page.has_previous():
            return None
        url, number = request_address(self.request), self.page.previous_page_number()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)


class FeedCursorPagination(PageSizeMixin, CursorPagination):
    """Cursor pages for stories and quotes: stable while new items are published.

    A cursor holds the position to continue from, which DRF puts into the query as it is: a
    written or edited one (a date where an id belongs, an offset past UTC) would be a 500.
    So cursors are signed, together with the ordering they were made for."""

    def encode_cursor(self, cursor):
        token = self.signer().sign(drf_token(cursor))
        return self.link_with(token)

    def link_with(self, token):
        """The request's address with `token` as its cursor, as DRF's replace_query_param()
        writes it, from the address read once: a deep page has two links to write."""
        (scheme, netloc, path, fragment), query = self.link_parts
        query = sorted({**query, self.cursor_query_param: [token]}.items())
        return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), fragment))

    @cached_property
    def link_parts(self):
        # A paginator serves one request: its view makes it (GenericAPIView.paginator).
        scheme, netloc, path, query, fragment = urlsplit(self.base_url)
        return (scheme, netloc, path, fragment), parse_qs(query, keep_blank_values=True)

    def paginate_queryset(self, queryset, request, view=None):
        return self.paginate(partial(page_of, queryset), request, view)

    def paginate(self, read_page, request, view=None):
        """DRF's CursorPagination.paginate_queryset(), with the page read by
        `read_page(ordering, position, offset, limit)`: a QuerySet's (page_of()), or rows of
        compiled SQL (newsroom/api/story_list.py). The cursor is signed for its ordering, so
        it is verified once the ordering is known."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request_address(request)
        self.ordering = self.get_ordering(request, None, view)
        self.cursor = self.verified_cursor(request)
        offset, reverse, position = self.cursor or (0, False, None)
        ordering = reversed_ordering(self.ordering) if reverse else self.ordering
        rows = read_page(ordering, position, offset, self.page_size + 1)
        self.page = rows[: self.page_size]
        has_following = len(rows) > self.page_size
        following = (
            self._get_position_from_instance(rows[-1], self.ordering) if has_following else None
        )
        came_from = position is not None or offset > 0
        if reverse:
            # A previous page is read backwards from the cursor, then shown in order.
            self.page.reverse()
            self.has_next, self.next_position = came_from, position
            self.has_previous, self.previous_position = has_following, following
        else:
            self.has_next, self.next_position = has_following, following
            self.has_previous, self.previous_position = came_from, position
        self.display_page_controls = self.template is not None and (
            self.has_previous or self.has_next
        )
        return self.page

    def verified_cursor(self, request):
        """The request's cursor, or a 400 unless it is one we signed for this ordering."""
        signed = request.query_params.get(self.cursor_query_param)
        if signed is None:
            return None
        try:
            token = self.signer().unsign(signed)
            # DRF's decoding reads the token from a request's query parameters only.
            return super().decode_cursor(
                SimpleNamespace(query_params={self.cursor_query_param: token})
            )
        except (signing.BadSignature, exceptions.NotFound):
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["Not a cursor we gave out: follow a `next` link."]}
            ) from None

    def signer(self):
        return signing.Signer(salt=f"newsroom.api.resources-cursor:{','.join(self.ordering)}")


def drf_token(cursor):
    """The cursor as DRF's CursorPagination.encode_cursor() writes it and decode_cursor() reads
    it; written here so that it is signed before it goes into the link, not taken back out."""
    tokens = {"o": str(cursor.offset)} if cursor.offset != 0 else {}
    if cursor.reverse:
        tokens["r"] = "1"
    if cursor.position is not None:
        tokens["p"] = cursor.position
    return b64encode(urlencode(tokens, doseq=True).encode("ascii")).decode("ascii")


def reversed_ordering(ordering):
    return tuple(field[1:] if field.startswith("-") else f"-{field}" for field in ordering)


def page_of(queryset, ordering, position, offset, limit):
    """`limit` rows of `queryset` in `ordering`, past `position` and then `offset` rows more."""
    queryset = queryset.order_by(*ordering)
    if position is not None:
        queryset = starting_at(queryset, ordering, position)
    return list(queryset[offset : offset + limit])


def starting_at(queryset, ordering, position):
    """`queryset` past `position` of its first `ordering` field, with that bound as its first
    condition: the bound DRF's CursorPagination adds last.

    SQLite walks an index from the first bound on the column it meets: after published()'s
    "until now" a deep cursor walked every newer row."""
    order = ordering[0]
    direction = "lt" if order.startswith("-") else "gt"
    bounded = queryset.filter(**{f"{order.lstrip('-')}__{direction}": position})
    conditions = bounded.query.where.children
    conditions.insert(0, conditions.pop())
    return bounded


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CHANGE_CURSOR = re.compile(r"^([0-9]{1,18})-([0-9]{1,18})$")


class ChangeFeedPagination(PageSizeMixin, BasePagination):
    """The change feed's pages: `since` is the position after the last entry read.

    Every page, the last one too, returns the `since` to pass next time, so a partner can
    poll from where it stopped. Entries enter the feed in (visible_at, id) order and never
    before now, so a position once passed is never filled in later."""

    cursor_query_param = "since"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.since = request.query_params.get(self.cursor_query_param)
        if self.since is not None:
            queryset = queryset.after(*self.decode(self.since))
        page = list(queryset.order_by("visible_at", "pk")[: self.get_page_size(request) + 1])
        self.has_more = len(page) > self.get_page_size(request)
        page = page[: self.get_page_size(request)]
        if page:
            self.since = self.encode(page[-1])
        return page

    def get_paginated_response(self, data):
        next_url = None
        if self.since is not None:
            url = request_address(self.request)
            next_url = replace_query_param(url, self.cursor_query_param, self.since)
        return Response(
            {"since": self.since, "next": next_url, "has_more": self.has_more, "results": data}
        )

    def encode(self, change):
        microseconds = (change.visible_at - EPOCH) // timedelta(microseconds=1)
        return f"{microseconds}-{change.pk}"

    def decode(self, since):
        match = CHANGE_CURSOR.match(since)
        try:
            microseconds, pk = (int(group) for group in match.groups())
            return EPOCH + timedelta(microseconds=microseconds), pk
        except (AttributeError, OverflowError):
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["Not a position we gave out: use a page's `since`."]}
            ) from None

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The `since` of the last page read; omit to start at the beginning.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Entries per page, 1 to {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["since", "next", "has_more", "results"],
            "properties": {
                "since": {"type": "string", "nullable": True},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "has_more": {"type": "boolean"},
                "results": schema,
            },
        }


class OnDemandFilterBackend(DjangoFilterBackend):
    """django-filter's backend, which leaves the queryset as it is, without building the
    FilterSet and its form, when the query names none of the FilterSet's filters: building
    them was a sixth of an unfiltered list's time. Filters are optional and each narrows by
    its own parameters only (`name`, or `name_…` for ranges), so nothing else changes."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not asks_to_filter(filterset_class, request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def asks_to_filter(filterset_class, query_params):
    """Whether the query names one of the FilterSet's filters, or one of them is required."""
    filters = filterset_class.base_filters
    if any(declared.extra.get("required") for declared in filters.values()):
        return True
    return any(param.startswith(name) for param in query_params for name in filters)


class WhitelistOrderingFilter(OrderingFilter):
    """`ordering` names from the view's `ordering_fields` only: {public name: model field}.

    Several names may be given, comma-separated, each with `-` for descending. An unknown
    name is a 400; the primary key is appended so that the order is total."""

    def get_ordering(self, request, queryset, view):
        param = request.query_params.get(self.ordering_param)
        if not param:
            return list(view.ordering)
        allowed = getattr(view, "ordering_fields", {})
        ordering = []
        for term in (term.strip() for term in param.split(",")):
            name = term.removeprefix("-")
            if name not in allowed:
                choices = ", ".join(sorted(allowed)) or "none here"
                raise exceptions.ValidationError(
                    {self.ordering_param: [f"Unknown ordering “{term}”. Choose from: {choices}."]}
                )
            ordering.append(("-" if term.startswith("-") else "") + allowed[name])
        tiebreak = "-pk" if ordering[0].startswith("-") else "pk"
        return [*ordering, tiebreak]

    def get_schema_operation_parameters(self, view):
        names = list(getattr(view, "ordering_fields", {}))
        if not names:
            return []
        default = ", ".join(view.ordering)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Comma-separated; `-` for descending. Default: {default}.",
                "schema": {
                    "type": "string",
                    "enum": [prefix + name for name in names for prefix in ("", "-")],
                },
            }
        ]


def api_exception_handler(exc, context):
    """Every error body is `{"errors": {parameter or "detail": [messages]}}`."""
    # Through the module: rest_framework.views imports this one through the settings.
    response = views.exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": as_errors(response.data)}
    return response


def as_errors(data):
    if isinstance(data, dict):
        if set(data) == {"detail"}:
            return {"detail": [data["detail"]]}
        return data
    return {"detail": data if isinstance(data, list) else [data]}


def not_found(request, exception):
    """handler404: under /api/ a path that names no resource gets the API's JSON error body."""
    if request.path.startswith(API_PREFIX):
        return error_response("Not found.", 404)
    return defaults.page_not_found(request, exception)


class DebugOnlyBrowsableNegotiation(DefaultContentNegotiation):
    """The browsable API is a development aid: with DEBUG off only JSON is offered."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if not settings.DEBUG:
            renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)]
        return super().select_renderer(request, renderers, format_suffix)


ERROR_STATUSES = {
    "304": "Not modified: the If-None-Match or If-Modified-Since you sent still holds.",
    "400": "A parameter is invalid; `errors` names it: "
    '`{"errors": {"published_after": ["Enter a valid date/time."]}}`.',
    "401": "The Authorization header is not `Api-Key <key>` with a live key (unknown or revoked).",
    "404": "No such object, or not public (an unpublished story is 404, not 403).",
    "406": "The Accept header allows nothing we serve: send `application/json` or `*/*`.",
    "429": "Too many requests for your key or, without a key, your address. "
    "Retry after the seconds in the Retry-After header.",
}
ERRORS_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages by parameter name, or under `detail`.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
}


def document_errors(result, generator, request, public):
    """drf-spectacular hook: every API operation documents the errors it can answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Errors"] = ERRORS_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}
    for path, operations in result["paths"].items():
        if not path.startswith(API_PREFIX) or path.endswith(("/schema/", "/docs/")):
            continue
        for operation in operations.values():
            has_query = any(p["in"] == "query" for p in operation.get("parameters", []))
            statuses = ["304", "401", "404", "406", "429"] + (["400"] if has_query else [])
            for status in statuses:
                response = {"description": ERROR_STATUSES[status]}
                if status != "304":
                    response["content"] = error
                operation["responses"].setdefault(status, response)
            operation["responses"]["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
    return result
