"""The background thread of a serving process that stores listings' search results
(rendered.py): every listing once at start, then those the change record names."""

from __future__ import annotations

import logging
import random
import threading
import time

from flask import Flask, current_app
from sqlalchemy import func, select

from directory.background import AppThread
from directory.extensions import db
from directory.providers.changes import changes_after, changes_committed, latest_seq
from directory.providers.models import Provider

from .rendered import outdated, outdated_after, results_to_store, save

log = logging.getLogger(__name__)

BATCH = 200  # listings a transaction: a short hold of SQLite's write lock
# Change records read again behind the last one seen: on PostgreSQL a sequence number may
# become visible after a higher one (its transaction committed later).
LATE_WINDOW = 500
# Share of the time spent writing while catching up: the rest is left to requests.
DUTY = 0.5


class Renderer(AppThread):
    """One per app and process; a result it fails to store is written at the request."""

    name = "renderer"
    what = "storing search results"
    # Expected while the database is away or an import holds SQLite's write lock, and
    # harmless: results are then written at the request.
    traceback = False

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        self.seq = 0
        self.ready = threading.Event()  # every listing looked at once (tests, benchmark)
        changes_committed.connect(self.wake, weak=False)

    def wake(self, *args, **kwargs) -> None:
        self._event.set()

    def step(self) -> None:
        if not self.ready.is_set():
            self.seq = latest_seq(db.session)
            db.session.rollback()
            self.store_all()
            self.ready.set()
        self.store_changed()

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
    return Renderer.of(app)


def _enabled(app: Flask) -> bool:
    """Serving processes (those that poll the change record) store results, unless told not."""
    return app.config.get("SEARCH_POLL_SECONDS", 0) > 0 and app.config.get("RENDER_RESULTS", True)


def start_rendering(app: Flask) -> None:
    """Start this process's thread that stores search results, if enabled."""
    if _enabled(app):
        renderer(app).start()


def init_renderer(app: Flask) -> None:
    """Serving processes store results from their start (gunicorn: serving/gunicorn_conf.py;
    else the first request, after a server forks its workers)."""
    if _enabled(app):
        app.before_request(lambda: renderer(current_app._get_current_object()).start())
