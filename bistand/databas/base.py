"""Django's PostgreSQL backend, with the health check of a persistent connection made only
after the connection has rested (docs/drift.md: Databasen; docs/prestanda.md: Anslutningens
hälsokontroll).

Django's `CONN_HEALTH_CHECKS` sends `SELECT 1` before the first query of every request that
reuses a connection, so that a connection the server has closed (a restart, an idle timeout
in a firewall or a pooler) is replaced instead of failing the request. That is one round trip
more on every page. Here the check is made only when the connection has not finished a
request without error for `DATABASE_HALSOKONTROLL_EFTER` seconds (the setting; 0: before every
request, as Django does): a connection that served a request a moment ago is in use, and the
timeouts that close idle connections are counted in minutes.

What is given up: when the server restarts while a worker is busy, the next request on each of
that worker's connections fails once (the error page), as the requests under way when it went
down do, and Django then replaces the connection (`close_if_unusable_or_obsolete`).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    # The time (time.monotonic) the connection last finished a request without error.
    _frisk_sedan: float | None = None

    def close_if_unusable_or_obsolete(self):
        """Django's rule at the start and the end of each request; then, while the connection
        finished a request without error less than DATABASE_HALSOKONTROLL_EFTER seconds ago,
        the health check counts as done."""
        forra = self._frisk_sedan
        super().close_if_unusable_or_obsolete()
        if self.connection is None or self.errors_occurred:
            self._frisk_sedan = None
            return
        nu = time.monotonic()
        efter = getattr(settings, "DATABASE_HALSOKONTROLL_EFTER", 0)
        if forra is not None and nu - forra < efter:
            self.health_check_done = True
        self._frisk_sedan = nu

    def close(self):
        self._frisk_sedan = None
        super().close()
