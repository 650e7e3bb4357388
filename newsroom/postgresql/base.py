"""Django's PostgreSQL backend, checking a reused connection without a round trip.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request on a
reused connection. On the story page that round trip cost about a sixth of its throughput: a
query's fixed cost (two context switches, a transaction on the server) is most of what a short
query costs. A connection between requests has nothing left to read, unless the server closed
it (restart, idle timeout, a terminated backend) or sent a notice of its own. So a socket with
nothing to read is taken as healthy; anything else gets Django's `SELECT 1`."""

import select

from django.db.backends.postgresql import base
from psycopg.pq import ConnStatus, TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
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
