"""Wire the search service into the app: one index and service per app, built on first use."""

from __future__ import annotations

import os
from collections.abc import Callable

from flask import Flask, current_app

from .index import SearchIndex
from .service import SearchService
from .source import document_sources
from .sync import count_documents, install_listeners, iter_documents, load_documents


def init_search(app: Flask) -> None:
    """Attach a search service for SEARCH_INDEX_DIR and keep it in sync with commits."""
    app.extensions["search"] = SearchService(SearchIndex(app.config["SEARCH_INDEX_DIR"]))
    install_listeners()


# Below this many listings a second indexing process costs more than it saves.
PARALLEL_ABOVE = 20_000


def build_index(on_progress: Callable[[int], None] | None = None, total: int | None = None) -> int:
    """Build a fresh index from the database and swap it in; returns the count indexed."""
    service: SearchService = current_app.extensions["search"]
    total = count_documents() if total is None else total
    procs = min(2, os.cpu_count() or 1) if total > PARALLEL_ABOVE else 1
    documents = document_sources(procs) if procs > 1 else iter_documents()
    return service.index.rebuild(documents, load_documents, on_progress)


def search_service() -> SearchService:
    """This app's search service, building the index first if there is none yet."""
    service: SearchService = current_app.extensions["search"]
    if not service.index.exists():
        build_index()
    return service
