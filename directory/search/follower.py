"""The background thread of a serving process that keeps its index following the database:
woken by PostgreSQL NOTIFY (or a local commit), polling every SEARCH_POLL_SECONDS anyway."""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask

from directory.background import AppThread, retry_delay
from directory.extensions import db
from directory.providers.changes import NOTIFY_CHANNEL, prune

log = logging.getLogger(__name__)

# How often old change records are pruned (by whichever node gets there).
PRUNE_EVERY_SECONDS = 3600.0


class Follower(AppThread):
    """One per app and process: catches up at start, then on every wake-up or poll (with no
    polling, SEARCH_POLL_SECONDS=0, it only builds a missing index, once, and ends)."""

    name = "search_follower"
    what = "search catch-up"

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        self._pruned_at = 0.0

    def started_here(self) -> None:
        if self.poll > 0 and self._listens():
            threading.Thread(target=self._listen, name="search-listen", daemon=True).start()

    def wake(self) -> None:
        """Catch up now rather than at the next poll."""
        self.start()
        self._event.set()

    def step(self) -> None:
        self._catch_up()

    def _catch_up(self) -> None:
        from .extension import search_index
        from .sync import catch_up

        # Files changed on disk since last looked at (only those are read again): a damaged
        # generation is marked so, and this catch-up rebuilds it.
        search_index().verify()
        outcome = catch_up(wait=0.0)
        if outcome.rebuilt or outcome.reindexed:
            log.info(
                "search index caught up to change %s (%d reindexed, rebuilt: %s)",
                outcome.seq,
                outcome.reindexed,
                outcome.rebuilt,
            )
        if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
            self._pruned_at = time.monotonic()
            keep_days = self.app.config.get("CHANGE_RECORD_KEEP_DAYS", 30)
            with db.session.begin():
                removed = prune(db.session, keep_days)
            if removed:
                log.info("pruned %d change record(s) older than %d days", removed, keep_days)

    # PostgreSQL LISTEN: a wake-up only; polling goes on if it fails.

    def _listens(self) -> bool:
        with self.app.app_context():
            return db.engine.dialect.name == "postgresql"

    def _listen(self) -> None:
        import psycopg

        with self.app.app_context():
            url = db.engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        failures = 0
        while not self._stopped.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    failures = 0
                    self._event.set()  # anything sent while not listening
                    while not self._stopped.is_set():  # the timeout lets it see a stop
                        for _ in connection.notifies(timeout=max(self.poll, 1.0)):
                            self._event.set()
            except Exception as error:
                failures += 1
                if failures == 1:
                    name = type(error).__name__
                    log.warning("search LISTEN connection lost (%s); retrying", name)
            self._stopped.wait(retry_delay(self.poll, failures))


def follower(app: Flask) -> Follower:
    """This app's follower (created on first use)."""
    return Follower.of(app)
