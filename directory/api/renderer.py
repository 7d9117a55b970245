"""The background thread of a serving process that stores listings' search results
(rendered.py): every listing once at start, then those the change record names."""

from __future__ import annotations

import logging
import os
import random
import threading
import time

from flask import Flask, current_app
from sqlalchemy import func, select

from directory.extensions import db
from directory.providers.changes import changes_after, changes_committed, latest_seq
from directory.providers.models import Provider
from directory.search.follower import retry_delay

from .rendered import outdated, outdated_after, results_to_store, save

log = logging.getLogger(__name__)

BATCH = 200  # listings a transaction: a short hold of SQLite's write lock
# Change records read again behind the last one seen: on PostgreSQL a sequence number may
# become visible after a higher one (its transaction committed later).
LATE_WINDOW = 500
# Share of the time spent writing while catching up: the rest is left to requests.
DUTY = 0.5
_start_lock = threading.Lock()


class Renderer:
    """One per app and process; a result it fails to store is written at the request."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.poll = float(app.config.get("SEARCH_POLL_SECONDS") or 0)
        self._event = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self.seq = 0
        self.ready = threading.Event()  # every listing looked at once (tests, benchmark)

    def _running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread in this process (once; again in a forked child)."""
        with _start_lock:
            if self._running():
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="render", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """End this process's thread (an app closed before its process ends: tests)."""
        self._stopped.set()
        self._event.set()
        if self._running():
            self._thread.join(timeout)

    def wake(self, *args, **kwargs) -> None:
        self._event.set()

    def _run(self) -> None:
        failures = 0
        while not self._stopped.is_set():
            self._event.clear()
            try:
                with self.app.app_context():
                    if not self.ready.is_set():
                        self.seq = latest_seq(db.session)
                        db.session.rollback()
                        self.store_all()
                        self.ready.set()
                    self.store_changed()
                failures = 0
            except Exception as error:  # the database away, or locked by an import
                failures += 1
                if failures == 1:
                    log.warning("storing search results failed (%s)", type(error).__name__)
                self._stopped.wait(retry_delay(self.poll, failures))
                continue
            self._event.wait(self.poll)

    def _store(self, ids: list[str]) -> None:
        started = time.monotonic()
        rows = results_to_store(ids)
        # Read, then write in a transaction of its own: on SQLite a write transaction that
        # read first fails at once if another writer committed since (no busy wait).
        db.session.rollback()
        if rows:
            with db.session.begin():
                save(db.session, rows)
        # Leave the processor to requests for a while: catching up is no hurry.
        spent = time.monotonic() - started
        self._stopped.wait(spent * (1 - DUTY) / DUTY)

    def store_all(self) -> None:
        """Store every listing without a current result, from a random point in id order
        (so the workers of a node share the work rather than repeat it)."""
        first = self._random_id()
        for start, end in ((first, None), ("", first)):
            after = start
            while after is not None and not self._stopped.is_set():
                ids, last = outdated_after(db.session, after, BATCH)
                db.session.rollback()
                if end is not None:
                    ids = [i for i in ids if i <= end]
                    last = None if last is None or last >= end else last
                if ids:
                    self._store(ids)
                after = last

    def store_changed(self) -> None:
        """Store the listings changed since last looked (and a window before it)."""
        while not self._stopped.is_set():
            changes = changes_after(db.session, max(0, self.seq - LATE_WINDOW), 5 * BATCH)
            ids = list(dict.fromkeys(provider_id for _, provider_id in changes))
            needed = [i for batch in _batches(ids) for i in outdated(db.session, batch)]
            db.session.rollback()
            for batch in _batches(needed):
                self._store(batch)
            if not changes or changes[-1][0] <= self.seq:
                return
            self.seq = changes[-1][0]

    def _random_id(self) -> str:
        count = db.session.scalar(select(func.count()).select_from(Provider)) or 1
        query = select(Provider.id).order_by(Provider.id).offset(random.randrange(count))
        found = db.session.scalar(query.limit(1))
        db.session.rollback()
        return found or ""


def _batches(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]


def renderer(app: Flask) -> Renderer:
    """This app's renderer (created on first use)."""
    with _start_lock:
        found = app.extensions.get("renderer")
        if found is None:
            found = app.extensions["renderer"] = Renderer(app)
            changes_committed.connect(found.wake, weak=False)
    return found


def start_rendering(app: Flask) -> None:
    """Start this process's thread that stores search results, if serving processes poll."""
    if app.config.get("SEARCH_POLL_SECONDS", 0) > 0 and app.config.get("RENDER_RESULTS", True):
        renderer(app).start()


def init_renderer(app: Flask) -> None:
    """Serving processes store results from their start (gunicorn: serving/gunicorn_conf.py;
    else the first request, after a server forks its workers)."""
    if app.config.get("SEARCH_POLL_SECONDS", 0) > 0:
        app.before_request(lambda: start_rendering(current_app._get_current_object()))
