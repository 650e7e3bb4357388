"""Django's PostgreSQL backend, checking a reused connection without a round trip and reading
`json` values with orjson.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request on a
reused connection: a round trip and a statement on the server (about 0.1 ms under pgbench) for
every page, where the story page now runs a single query. A connection between requests has
nothing left to read, unless the server closed it (restart, idle timeout, a terminated backend)
or sent a message of its own. So a socket with nothing to read is taken as healthy; anything
else gets Django's `SELECT 1`.

The reader pages' and the API's short lists come back as PostgreSQL `json` (newsroom/core/rows.py),
which psycopg decodes itself: orjson reads the story page's 9 KB of them in 55 µs where
json.loads took 97. `jsonb` is left to Django, which has psycopg hand it over as text for
JSONField.

psycopg converts a statement's `%s` placeholders to `$n` on every run, keeping the result only for
statements up to 4 KB. The story page's one statement is 12 KB, so it was converted again for
each page (33 µs, where a cached one costs 6). psycopg has no setting for the limit, only a
module constant, raised here to 32 KB (its cache keeps 128 statements, so 4 MB at most);
tests/newsroom/test_settings.py fails if a psycopg release moves it.

A server that stops answering (frozen, or its host gone) would keep a request waiting for its
reply until gunicorn killed the worker: the statement timeout is the server's to enforce, and
TCP still acknowledges a frozen process's packets. With OPTIONS["reply_timeout"] (seconds), a
connection waits that long at most for any one reply, then closes and raises OperationalError,
which the 503 page answers (newsroom/http/outages.py)."""

import select

import orjson
import psycopg
import psycopg._queries
from django.db.backends.postgresql import base
from psycopg import errors
from psycopg.pq import ConnStatus, TransactionStatus
from psycopg.types.json import JsonLoader

CACHED_STATEMENT_LENGTH = 32 * 1024
psycopg._queries.MAX_CACHED_STATEMENT_LENGTH = max(
    psycopg._queries.MAX_CACHED_STATEMENT_LENGTH, CACHED_STATEMENT_LENGTH
)


class OrjsonLoader(JsonLoader):
    _loads = orjson.loads


class RepliesInTime(psycopg.Connection):
    """psycopg's connection, waiting at most `reply_timeout` seconds for each reply."""

    reply_timeout = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.reply_timeout
        try:
            return super().wait(gen, interval, timeout)
        except errors._WaitTimeout:
            # The reply may still come: the connection is mid-exchange, so nothing else can use
            # it. Closed, Django opens a new one for the next request.
            self.close()
            raise psycopg.OperationalError(
                f"The database did not reply within {timeout:g} seconds."
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("reply_timeout", None)  # ours, not libpq's
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.adapters.register_loader("json", OrjsonLoader)
        if reply_timeout := self.settings_dict["OPTIONS"].get("reply_timeout"):
            # Django makes the connection with psycopg.connect() and has no hook for its class.
            connection.__class__ = RepliesInTime
            connection.reply_timeout = float(reply_timeout)
        return connection

    def close_if_health_check_failed(self):
        if self.health_check_enabled and not self.health_check_done and self.idle_and_intact():
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def idle_and_intact(self):
        """Whether the connection is open, outside a transaction, with nothing to read."""
        if self.connection is None or self.pool:
            return False
        pgconn = self.connection.pgconn
        if pgconn.status != ConnStatus.OK:
            return False
        if pgconn.transaction_status != TransactionStatus.IDLE:
            return False
        waiting = select.poll()
        waiting.register(pgconn.socket, select.POLLIN | select.POLLPRI)
        # Any event at all (data, end of file, hang-up, error) sends it to Django's own check.
        return not waiting.poll(0)
