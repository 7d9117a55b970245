"""Listings read from the database for a full build, in parts that run in parallel."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.extensions import db
from directory.providers.models import Provider, Status

from .building import DocumentSource
from .documents import provider_to_document

BATCH = 1000
_LOAD_OPTIONS = (
    selectinload(Provider.organization),
    selectinload(Provider.codes),
    selectinload(Provider.opening_hours),
)


def active_ids() -> list[str]:
    """The ids of every active listing, in order."""
    with Session(db.engine) as session:
        query = select(Provider.id).where(Provider.status == Status.active).order_by(Provider.id)
        return list(session.scalars(query))


def read_documents(ids: list[str]) -> Iterator[dict[str, Any]]:
    """The index documents of these listings, read in batches with a session of its own."""
    with Session(db.engine) as session:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            query = select(Provider).where(Provider.id.in_(chunk)).options(*_LOAD_OPTIONS)
            for provider in session.scalars(query):
                if provider.status == Status.active:
                    yield provider_to_document(provider)
            session.expunge_all()


def document_sources(parts: int) -> list[DocumentSource]:
    """`parts` sources splitting the active listings between them, for parallel writers."""
    ids = active_ids()
    size = -(-len(ids) // parts) if ids else 0
    return [_source(ids[n * size : (n + 1) * size]) for n in range(parts)]


def _source(ids: list[str]) -> DocumentSource:
    owner = os.getpid()

    def documents() -> Iterator[dict[str, Any]]:
        if os.getpid() != owner:  # in a child process: never share the parent's connections
            db.engine.dispose(close=False)
        return read_documents(ids)

    return documents
