"""Staying up when a backing service is down.

Redis is a cache: when it cannot be reached, every read is a miss and every write is dropped, so
pages and the API still answer from the database. Counters are the exception: the API's rate
limits count in this process's memory meanwhile, so they still hold, per process. The database is
the source of truth: when it cannot be reached, or does not answer in time, readers get a short
503 page that asks them to come back, not a traceback (JSON under /api/)."""

import logging
import pickle
import sys
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from newsroom.core.api.errors import API_PREFIX, error_response

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 30


def fail_open(method, fallback):
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except REDIS_DOWN:
            logger.warning("Redis unreachable: cache %s skipped", method.__name__)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    guarded.__name__ = method.__name__
    return guarded


def fail_over(method):
    """Like fail_open(), but the call goes to this process's own counters instead of nowhere:
    a rate limit whose counts were all dropped would let every request through."""

    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except REDIS_DOWN:
            logger.warning("Redis unreachable: cache %s counted in this process", method.__name__)
            return getattr(self.process_counters, method.__name__)(*args, **kwargs)

    guarded.__name__ = method.__name__
    return guarded


class ForgivingSerializer(RedisSerializer):
    """Django's serializer, except that a stored value this code cannot read is a miss.

    Pickles name the class they hold by module path: after a deploy that moves a class (as the
    layout of December 2026 moved newsroom.public_cache), every value an older release stored
    would otherwise raise on every request until it expired. Callers treat None as a miss."""

    UNREADABLE = (pickle.UnpicklingError, ImportError, AttributeError, EOFError, TypeError)

    def loads(self, data):
        try:
            return super().loads(data)
        except self.UNREADABLE:
            logger.warning("Cache value left by another release ignored")
            return None


# Adds to a counter only if it exists, as Django's incr() does with EXISTS then INCRBY.
INCREMENT_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


class ReusedRedisClient(RedisCacheClient):
    """Django's Redis client, except that it keeps one redis.Redis per connection pool, and
    incr() is one round trip.

    Django builds a new redis.Redis for every cache call, and each fills a table of some 170
    response callbacks: about 0.2 ms, paid twice by every page served from the cache. Its incr()
    asks EXISTS, then INCRBY: two round trips for every API request's rate limit, and a counter
    that expired between them would come back without its expiry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]

    def incr(self, key, delta):
        value = self.get_client(key, write=True).eval(INCREMENT_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable Redis behaves like an empty cache, and
    its counters (add() and incr(), the API's rate limits) are kept in this process meanwhile."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisClient
        # Named after the Redis it stands in for, so the threads of a process share the counts
        # (local-memory caches of one name share their store). Room for the addresses of an
        # outage's worth of anonymous callers: past it, the least recently used third goes.
        self.process_counters = LocMemCache(
            f"redis-down-counters:{server}", {"OPTIONS": {"MAX_ENTRIES": 100_000}}
        )

    get = fail_open(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = fail_open(RedisCache.get_many, {})
    has_key = fail_open(RedisCache.has_key, False)
    set = fail_open(RedisCache.set, None)
    touch = fail_open(RedisCache.touch, False)
    set_many = fail_open(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    delete = fail_open(RedisCache.delete, False)
    delete_many = fail_open(RedisCache.delete_many, None)
    add = fail_over(RedisCache.add)
    incr = fail_over(RedisCache.incr)
    clear_redis = fail_open(RedisCache.clear, False)

    def clear(self):
        self.process_counters.clear()
        return self.clear_redis()


def server_error(request):
    """handler500: a 503 with Retry-After when the database is out of reach or did not answer
    in time (a statement timeout, a connection that stopped replying), else the 500 page. Under
    /api/ both are the API's JSON error body.

    Django calls it while handling the exception, at whatever layer it was raised (a view, the
    session middleware, the page cache), so sys.exc_info() still names it."""
    exception = sys.exc_info()[1]
    api = request.path.startswith(API_PREFIX)
    if isinstance(exception, (OperationalError, InterfaceError)):
        logger.error("Database unavailable: %s", exception)
        if api:
            message = f"The database is unavailable. Retry in {RETRY_AFTER_SECONDS} seconds."
            response = error_response(message, 503)
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    elif api:
        response = error_response("Server error.", 500)
    else:
        response = HttpResponseServerError(render_to_string("500.html"))
    response["Cache-Control"] = "no-store"
    return response


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        return False


def cache_answers():
    probe = f"healthz:{time.time_ns()}"
    cache.set(probe, "ok", 10)
    return cache.get(probe) == "ok"


def healthz(request):
    """For load balancers and monitors: 200 when the database and the cache both answer."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
    response = JsonResponse(body, status=200 if all(checks.values()) else 503)
    response["Cache-Control"] = "no-store"
    return response
