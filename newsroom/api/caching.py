"""HTTP caching for the partner API, per publication generation: stored responses and 304s.

An API response depends only on public content, the path and query, and the representation
asked for (Accept). Public content is named by the publication generation
(newsroom/http/public_cache.py), which every public change and every scheduled publication
replaces; so a response is stored under the generation, the URL and Accept, and its ETag is made
of the same, before the view runs. A repeat or a conditional GET costs no query beyond the key's
lookup.

Responses write their addresses from SITE_URL (newsroom/core/page_urls.py), never from the Host
header; the key holds the request's scheme and host as well, so that a request naming another
host never reads or fills the entry other callers get (why, in public_cache.address_digest).
Lifetimes are fixed, never counted down to a scheduled story (public_cache's docstring).

Every request still passes the API's authentication and rate limit first, as the view would run
them: an unknown or revoked key gets its 401, never a stored 200, and hits and 304s count against
the rate. A middleware rather than a DRF class, so that it serves every app's resources."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

from newsroom.core.api.errors import API_PREFIX
from newsroom.http import public_cache


class ApiCachingMiddleware:
    """Answers a stored API GET after authentication and rate limit; stores what the view makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.path.startswith(API_PREFIX) and request.method in ("GET", "HEAD")):
            return with_rate_limit(request, self.get_response(request))
        representation = representation_digest(request)
        # One entry per URL, holding the generation it was made in: the state and the entry
        # come back in one round trip, and a newer generation's response replaces it.
        key = f"api-cache:{request.method}:{representation}"
        state, stored = public_cache.current_state_and(
            key if settings.PUBLIC_CACHE_ENABLED else None
        )
        if stored is not None and stored.generation == state.generation and admitted(request):
            response = stored.as_response()
        else:
            response = self.get_response(request)
            if settings.PUBLIC_CACHE_ENABLED and storable(response):
                stored = public_cache.StoredResponse.of(response, state.generation)
                cache.set(key, stored, public_cache.PAGE_SECONDS)
        if response.status_code == 200 and not response.streaming:
            response = validated(request, response, f'"{state.generation}-{representation}"', state)
        return with_rate_limit(request, response)


def representation_digest(request):
    """What tells stored responses apart besides public content: scheme, host (kept apart
    though bodies no longer depend on it, see the module's docstring), full path and Accept."""
    representation = f"{request.build_absolute_uri()}\n{request.headers.get('Accept', '')}"
    return hashlib.sha256(representation.encode()).hexdigest()[:32]


def admitted(request):
    """The API's authentication and rate limit, run as the view runs them, for a response the
    view will not make. False sends the request on to the view, which answers 401 or 429."""
    api_request = Request(
        request, authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES]
    )
    try:
        api_request.user  # noqa: B018  authenticates, or raises for a bad key
    except APIException:
        return False
    throttles = [throttle() for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]
    return all(throttle.allow_request(api_request, None) for throttle in throttles)


def storable(response):
    # A response that sets a cookie (the browsable API's CSRF token) belongs to one browser.
    return response.status_code == 200 and not response.streaming and not response.cookies


def validated(request, response, etag, state):
    """ETag, Last-Modified (when the generation began) and Cache-Control; a 304 when they hold."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(state.changed_at)
    seconds = settings.API_CACHE_SECONDS
    if "HTTP_AUTHORIZATION" in request.META:
        # A partner's own requests: not for shared caches, which would hide them from the
        # partner's rate and serve them to callers without a key.
        patch_cache_control(response, private=True, max_age=seconds)
    else:
        patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds * 5)
    patch_vary_headers(response, ["Accept", "Authorization"])
    return get_conditional_response(
        request, etag=etag, last_modified=int(state.changed_at), response=response
    )


def with_rate_limit(request, response):
    if rate_limit := getattr(request, "rate_limit", None):
        response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"] = rate_limit
    return response
