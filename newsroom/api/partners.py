"""Partners' access to the API: `Authorization: Api-Key <key>` and the request rates.

Anonymous callers share a low rate per address (API_ANON_RATE); each key has its own rate.
Counts live in the default cache — Redis in production — so all worker processes share them."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import BaseThrottle

from newsroom.models import PartnerKey

KEYWORD = "Api-Key"
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


class ApiKeyAuthentication(BaseAuthentication):
    """No Authorization header: anonymous. Any other header must carry a live key, or 401."""

    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        keyword, _, raw_key = header.decode("latin-1").partition(" ")
        raw_key = raw_key.strip()
        if keyword != KEYWORD or not raw_key:
            raise exceptions.AuthenticationFailed(
                f"Send your key as `Authorization: {KEYWORD} <key>`."
            )
        key = PartnerKey.objects.matching(raw_key)
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        key.touch()
        return AnonymousUser(), key

    def authenticate_header(self, request):
        # Makes DRF answer 401, not 403, and tells the caller which scheme we expect.
        return f'{KEYWORD} realm="api"'


class ApiKeySchemeExtension(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": f"`{KEYWORD} <key>`. Without it you get the low anonymous rate.",
        }


def parse_rate(rate):
    """“1000/hour” → (1000, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


class PartnerRateThrottle(BaseThrottle):
    """Fixed windows counted with the cache's atomic increment, so that concurrent requests
    in several processes cannot both take the last slot."""

    def allow_request(self, request, view):
        key = request.auth if isinstance(request.auth, PartnerKey) else None
        if key:
            ident, rate = f"key:{key.pk}", key.rate
        else:
            ident, rate = f"address:{self.get_ident(request)}", settings.API_ANON_RATE
        limit, period = parse_rate(rate)
        now = time.time()
        window = int(now // period)
        count = increment(f"api-throttle:{ident}:{period}:{window}", timeout=period + 1)
        self.retry_after = (window + 1) * period - now
        # The middleware-facing request, so the counts can go out as headers.
        request._request.rate_limit = (limit, max(limit - count, 0))
        return count <= limit

    def wait(self):
        return self.retry_after


def increment(cache_key, timeout):
    """One round trip to the cache for every request but a window's first."""
    try:
        return cache.incr(cache_key)
    except ValueError:  # the window's first request, or its count just expired
        if cache.add(cache_key, 1, timeout=timeout):
            return 1
        return cache.incr(cache_key)  # another process started the window meanwhile
