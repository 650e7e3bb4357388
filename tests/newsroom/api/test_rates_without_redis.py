"""Rate limits hold while Redis is down: each process counts on its own until Redis is back.
Redis is really unreachable here (nothing listens on the port), nothing is mocked."""

import pytest
from django.core.cache import cache

from newsroom.http.outages import FailOpenRedisCache
from tests.api_helpers import make_key

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once
TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.http.outages.FailOpenRedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": TIMEOUTS,
        }
    }
    cache.clear()  # this process's counts, from any earlier test against the same address
    yield
    cache.clear()


def statuses(client, count, **headers):
    return [client.get("/api/v1/shows/", **headers).status_code for _ in range(count)]


def test_the_anonymous_rate_holds_while_redis_is_down(client, settings, redis_down):
    settings.API_ANON_RATE = "3/hour"
    assert statuses(client, 5) == [200, 200, 200, 429, 429]

    response = client.get("/api/v1/shows/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["detail"]
    assert 0 < int(response["Retry-After"]) <= 3600
    # Another address has its own count, as with Redis.
    assert client.get("/api/v1/shows/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_partner_keys_rate_holds_while_redis_is_down(client, redis_down):
    _, headers = make_key(rate="2/minute")
    assert statuses(client, 3, **headers) == [200, 200, 429]


def test_the_threads_of_a_process_share_the_counts():
    # Django gives each thread its own cache object; the counts must not be per thread.
    one, other = (FailOpenRedisCache(UNREACHABLE, {"OPTIONS": TIMEOUTS}) for _ in range(2))
    one.clear()
    with pytest.raises(ValueError):
        one.incr("api-throttle:address:198.51.100.1:3600:1")
    assert other.add("api-throttle:address:198.51.100.1:3600:1", 1, timeout=60)
    assert one.incr("api-throttle:address:198.51.100.1:3600:1") == 2
    assert other.get("api-throttle:address:198.51.100.1:3600:1") is None  # reads still miss
    one.clear()
