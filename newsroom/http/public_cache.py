"""Whole-page caching of the public site, with ETags, that never shows stale publication state.

Every cached page and every ETag carries the current *publication generation*. Any change to
public content starts a new generation (newsroom/signals.py), and so does the moment the next
scheduled story goes public, so no page outlives the content it shows and no cron job is needed.
A conditional GET is answered from the generation alone: a 304 costs no query.

The lifetimes we give browsers and shared caches are fixed (BROWSER_SECONDS, SHARED_SECONDS).
Counting them down to the next scheduled story told anyone reading headers when an embargo
lifts. The price: a CDN may show a page without a scheduled story for up to SHARED_SECONDS
after its time, as it may after any other change (docs/security.md)."""

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

STATE_KEY = "public-cache:state"
PAGE_SECONDS = 60 * 60
# What browsers and CDNs may keep without asking again. Fixed: never shortened for a scheduled
# story, whose time they would give away. A revalidation after them costs us no query.
BROWSER_SECONDS = 60
SHARED_SECONDS = 300


@dataclass(frozen=True)
class PublicationState:
    generation: str
    changed_at: float
    next_change_at: datetime | None

    @property
    def expired(self):
        # Only our own cache reads next_change_at: nothing sent to clients may depend on it.
        return self.next_change_at is not None and timezone.now() >= self.next_change_at


def current_state():
    return current_state_and(None)[0]


def current_state_and(key):
    """The current state, and what the cache holds under `key`, in one round trip."""
    found = cache.get_many([STATE_KEY, key] if key else [STATE_KEY])
    state = found.get(STATE_KEY)
    if state is None or state.expired:
        return new_state(), None
    return state, found.get(key)


def new_state():
    from newsroom.models import Story  # the middleware module loads before the app registry

    upcoming = Story.objects.filter(
        status__in=Story.PUBLIC_STATUSES, publish_at__gt=timezone.now()
    ).aggregate(next=Min("publish_at"))["next"]
    now = time.time()
    state = PublicationState(
        generation=f"{time.time_ns():x}", changed_at=now, next_change_at=upcoming
    )
    cache.set(STATE_KEY, state, None)
    return state


def content_changed():
    """Starts a new generation on the next request; called after public content changes."""
    cache.delete(STATE_KEY)


def is_public_page(request):
    if not settings.PUBLIC_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    return is_public_path(request.path_info, get_urlconf())


@lru_cache(maxsize=4096)  # the addresses asked most recently: some 16 MB at most, if all are long
def is_public_path(path, urlconf):
    """Whether `path` is a public page: the URL configuration alone decides, and resolving an
    address costs 10–35 µs, a fifth of what a request for a small page costs."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return (
        match.namespace in settings.PUBLIC_CACHE_NAMESPACES
        or match.url_name in settings.PUBLIC_CACHE_URL_NAMES
    )


class PublicPageCacheMiddleware:
    """Serves public pages from the cache, answers conditional GETs, sets CDN headers.

    It answers before the session, CSRF, authentication and messages middleware run (settings'
    MIDDLEWARE), resolving the address itself: a public page needs none of them, and they had
    cost a stored page or a 304 about a tenth of its time. Responses it stores have passed
    through them, so they carry those middlewares' headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def from_cache(self, request):
        if not is_public_page(request):
            return None
        # One round trip: the state, with the stored page unless the browser may hold it.
        conditional = {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"} & request.META.keys()
        request.public_digest = address_digest(request)
        state, stored = current_state_and(None if conditional else page_key(request))
        request.publication_state = state
        etag = f'"{state.generation}-{request.public_digest}"'
        request.public_etag = etag
        if not_modified(request, etag, state):
            return self.with_headers(HttpResponseNotModified(), etag, state)
        if conditional:
            stored = cache.get(page_key(request))
        if stored is not None and stored.generation == state.generation:
            return self.with_headers(stored.as_response(), etag, state)
        return None

    def __call__(self, request):
        served = self.from_cache(request)
        if served is not None:
            return served
        response = self.get_response(request)
        state = getattr(request, "publication_state", None)
        if state is None or response.status_code != 200 or response.cookies:
            return response
        if "private" in response.get("Cache-Control", ""):
            return response
        if not response.has_header("ETag"):
            if hasattr(response, "render"):
                response.render()
            self.with_headers(response, request.public_etag, state)
            stored = StoredResponse.of(response, state.generation)
            # A scheduled story needs no shorter lifetime here: its time starts a new
            # generation, and an entry of an older one is never served.
            cache.set(page_key(request), stored, PAGE_SECONDS)
        return response

    @staticmethod
    def with_headers(response, etag, state):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(state.changed_at)
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS, s_maxage=SHARED_SECONDS)
        return response


def address_digest(request):
    """The request's scheme, host and full path, for its cache key and ETag.

    Pages write their addresses from SITE_URL, so today no two hosts get different bytes. The
    host stays in the key all the same: were a page ever to write something from the Host
    header again, a client sending a foreign Host would fill an entry that only requests naming
    that host read, never the one every reader gets. Serving hosts other than SITE_URL's
    uncached was the other way: it slows every alias, and a proxy that passes on a Host of its
    own would quietly turn the cache off. build_absolute_uri() checks the host, once per request
    (Django keeps the result): a host ALLOWED_HOSTS does not name gets a 400, stored page or not."""
    return hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:16]


def page_key(request):
    """One entry per URL, holding the generation it was made in, so that the state and the page
    come back together; a newer generation's page replaces it."""
    return f"public-cache:page:{request.method}:{request.public_digest}"


class StoredResponse:
    """A rendered response of one generation, without the headers of one request."""

    def __init__(self, content, headers, generation):
        self.content, self.headers, self.generation = content, headers, generation

    @classmethod
    def of(cls, response, generation):
        return cls(response.content, list(response.headers.items()), generation)

    def as_response(self):
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        return response


def not_modified(request, etag, state):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and since >= int(state.changed_at)
