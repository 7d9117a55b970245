"""The background thread of a serving process that keeps its index following the database:
woken by PostgreSQL NOTIFY (or a local commit), polling every SEARCH_POLL_SECONDS anyway."""

from __future__ import annotations

import logging
import os
import threading
import time

from flask import Flask

from directory.extensions import db
from directory.providers.changes import NOTIFY_CHANNEL, prune

log = logging.getLogger(__name__)

# How often old change records are pruned (by whichever node gets there).
PRUNE_EVERY_SECONDS = 3600.0
# The longest wait between retries while the database is away.
MAX_RETRY_SECONDS = 60.0
_start_lock = threading.Lock()


class Follower:
    """One per app and process: catches up at start, then on every wake-up or poll."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        # 0: no polling; the thread then only builds a missing index, once, and ends.
        self.poll = float(app.config.get("SEARCH_POLL_SECONDS") or 0)
        self._event = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._pruned_at = 0.0

    def _running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread in this process (once; again in a forked child)."""
        if self._running():
            return
        with _start_lock:
            if self._running():
                return
            listen = self._pid != os.getpid() and self.poll > 0 and self._listens()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="search-sync", daemon=True)
            self._thread.start()
            if listen:
                threading.Thread(target=self._listen, name="search-listen", daemon=True).start()

    def stop(self, timeout: float = 10.0) -> None:
        """End this process's threads (an app closed before its process ends: tests)."""
        self._stopped.set()
        self._event.set()
        if self._running():
            self._thread.join(timeout)

    def wake(self) -> None:
        """Catch up now rather than at the next poll."""
        self.start()
        self._event.set()

    def _run(self) -> None:
        failures = 0
        while not self._stopped.is_set():
            self._event.clear()
            try:
                with self.app.app_context():
                    self._catch_up()
                failures = 0
            except Exception as error:  # a database restart: keep following once it is back
                failures += 1
                delay = retry_delay(self.poll, failures)
                if failures == 1:
                    log.exception("search catch-up failed; retrying in %.1f s", delay)
                else:  # one line per retry, not a traceback, while the database is away
                    log.warning("search catch-up failed again (%s)", type(error).__name__)
                self._stopped.wait(delay)  # wake-ups do not shorten the back-off
                continue
            if self.poll <= 0:  # no polling: the start-up catch-up was all
                return
            self._event.wait(self.poll)

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


def retry_delay(poll: float, failures: int) -> float:
    """Seconds to wait after this many failures in a row: doubling, capped."""
    if failures <= 0:
        return poll
    return min(max(poll, 0.5) * 2 ** (failures - 1), MAX_RETRY_SECONDS)


def follower(app: Flask) -> Follower:
    """This app's follower (created on first use)."""
    with _start_lock:
        found = app.extensions.get("search_follower")
        if found is None:
            found = app.extensions["search_follower"] = Follower(app)
    return found
