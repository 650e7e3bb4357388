"""HTTP caching for the partner API: ETag, Last-Modified, Cache-Control and 304s.

A middleware rather than a DRF class, so that it sees the rendered body of every API GET,
and so that it does not import DRF's views, which import our REST_FRAMEWORK settings."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

API_PREFIX = "/api/"


class ApiCachingMiddleware:
    """ETag, Last-Modified and Cache-Control on every successful API GET; 304 for a repeat.

    The ETag hashes the body, so it changes exactly when the representation does. The
    Last-Modified time is when this URL first served that ETag (kept in the shared cache);
    a representation that changes back gets a new time, so If-Modified-Since is never wrong."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if rate_limit := getattr(request, "rate_limit", None):
            response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"] = rate_limit
        if not (
            request.path.startswith(API_PREFIX)
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
        ):
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        last_modified = first_served(request, response, etag)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        self.set_cache_control(request, response)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )

    @staticmethod
    def set_cache_control(request, response):
        seconds = settings.API_CACHE_SECONDS
        if "HTTP_AUTHORIZATION" in request.META:
            # A partner's own requests: not for shared caches, which would hide them from
            # the partner's rate and serve them to callers without a key.
            patch_cache_control(response, private=True, max_age=seconds)
        else:
            patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds * 5)
        patch_vary_headers(response, ["Accept", "Authorization"])


def first_served(request, response, etag):
    """When this URL first served this representation (a Unix time, whole seconds)."""
    path = f"{request.get_full_path()} {response.get('Content-Type', '')}"
    key = f"api-last-modified:{hashlib.sha256(path.encode()).hexdigest()}"
    stored = cache.get(key)
    if stored and stored[0] == etag:
        return stored[1]
    now = int(time.time())
    cache.set(key, (etag, now), timeout=settings.API_LAST_MODIFIED_SECONDS)
    return now
