"""Wire the search service into the app: one index and service per app, built on first use."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from .index import SearchIndex
from .service import SearchService
from .source import active_ids, document_sources, read_documents
from .sync import count_documents, install_listeners, load_documents


def init_search(app: Flask) -> None:
    """Attach a search service for SEARCH_INDEX_DIR and keep it in sync with commits."""
    index = SearchIndex(app.config["SEARCH_INDEX_DIR"])
    index.discard_unfinished()  # what a build killed mid-way left behind
    app.extensions["search"] = SearchService(index)
    install_listeners()


# Listings per segment of a full build (SEARCH_BUILD_PART_SIZE): a part this size is sorted
# in memory, without Whoosh's slow merge of runs spilled to disk.
PART_SIZE = 25_000


def build_index(on_progress: Callable[[int], None] | None = None, total: int | None = None) -> int:
    """Build a fresh index from the database and swap it in; returns the count indexed."""
    service: SearchService = current_app.extensions["search"]
    total = count_documents() if total is None else total
    parts = -(-total // current_app.config.get("SEARCH_BUILD_PART_SIZE", PART_SIZE))
    documents = document_sources(parts) if parts > 1 else read_documents(active_ids())
    return service.index.rebuild(documents, load_documents, on_progress)


def search_service() -> SearchService:
    """This app's search service, building the index first if there is none yet."""
    service: SearchService = current_app.extensions["search"]
    if not service.index.exists():
        build_index()
    return service
