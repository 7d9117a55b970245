"""Wire the search service into the app: one index and service per app, following the
database's change record (never built inside a web request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from flask import Flask, current_app, has_request_context

from directory.background import AppThread
from directory.providers.changes import changes_committed

from .errors import SearchUnavailable
from .index import SearchIndex
from .service import SearchService
from .source import active_ids, document_sources, read_documents
from .sync import count_documents, wake_up

if TYPE_CHECKING:
    from .sync import Cursor


def init_search(app: Flask) -> None:
    """Attach a search service for SEARCH_INDEX_DIR; commits here wake its catch-up."""
    index = SearchIndex(app.config["SEARCH_INDEX_DIR"])
    index.discard_unfinished()  # what a build killed mid-way left behind
    app.extensions["search"] = SearchService(index, on_damage=lambda: _rebuild_soon(app))
    changes_committed.connect(wake_up)
    if app.config.get("SEARCH_POLL_SECONDS", 0) > 0:
        # Serving processes follow the database in a background thread, started when a
        # gunicorn worker boots (serving/gunicorn_conf.py), else by the first request (after
        # a server forks its workers, never before). Starting it again does nothing.
        app.before_request(lambda: start_following(current_app._get_current_object()))


def start_following(app: Flask) -> None:
    """Start this process's thread that keeps the index following the database (once)."""
    if "search" in app.extensions and app.config.get("SEARCH_POLL_SECONDS", 0) > 0:
        from .follower import follower

        follower(app).start()


def close_search(app: Flask) -> None:
    """Stop this app's follower thread and close its index (an app ended before its process)."""
    for found in list(app.extensions.values()):  # the follower, the results renderer
        if isinstance(found, AppThread):
            found.stop()
    app.extensions["search"].index.close()


def _rebuild_soon(app: Flask) -> None:
    """A search found the index damaged: the follower rebuilds it (never this request;
    outside one, the next `search_service()` rebuilds it)."""
    if has_request_context():
        from .follower import follower

        follower(app).wake()


# Listings per segment of a full build (SEARCH_BUILD_PART_SIZE): a part this size is sorted
# in memory, without Whoosh's slow merge of runs spilled to disk.
PART_SIZE = 25_000


def search_index() -> SearchIndex:
    """This app's index."""
    return current_app.extensions["search"].index


def build_index(
    on_progress: Callable[[int], None] | None = None,
    total: int | None = None,
    cursor: Cursor | None = None,
) -> int:
    """Build a fresh index from the database and swap it in; returns the count indexed.

    Without a `cursor` (the change-record position taken before reading the database), this
    is a full catch-up: the same build, with its position stored.
    """
    if cursor is None:
        from .sync import catch_up

        outcome = catch_up(full=True, wait=3600, on_document=on_progress)
        if outcome.busy:
            raise RuntimeError("another process held the search index for an hour")
        return outcome.indexed
    service: SearchService = current_app.extensions["search"]
    total = count_documents() if total is None else total
    parts = -(-total // current_app.config.get("SEARCH_BUILD_PART_SIZE", PART_SIZE))
    # Several parts: each read and written by its own child process, two at a time.
    documents = document_sources(parts) if parts > 1 else read_documents(active_ids())
    return service.index.rebuild(documents, on_progress=on_progress, applied=cursor.to_json())


def search_service() -> SearchService:
    """This app's search service; raises SearchUnavailable while its index is being built.

    Outside a web request (a command, a test) a missing index is built first.
    """
    service: SearchService = current_app.extensions["search"]
    if not service.index.exists():
        if has_request_context():
            from .follower import follower

            follower(current_app._get_current_object()).start()
            raise SearchUnavailable()
        build_index()
    return service
