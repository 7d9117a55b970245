"""Wire the search service into the app: one index and service per app, built on first use."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from .index import SearchIndex
from .service import SearchService
from .sync import install_listeners, iter_documents, load_documents


def init_search(app: Flask) -> None:
    """Attach a search service for SEARCH_INDEX_DIR and keep it in sync with commits."""
    app.extensions["search"] = SearchService(SearchIndex(app.config["SEARCH_INDEX_DIR"]))
    install_listeners()


def build_index(on_document: Callable[[], None] | None = None) -> int:
    """Build a fresh index from the database and swap it in; returns the count indexed."""
    service: SearchService = current_app.extensions["search"]
    return service.index.rebuild(iter_documents(), load_documents, on_document)


def search_service() -> SearchService:
    """This app's search service, building the index first if there is none yet."""
    service: SearchService = current_app.extensions["search"]
    if not service.index.exists():
        build_index()
    return service
