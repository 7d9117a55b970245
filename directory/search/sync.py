"""Keep the index in step with the database: committed listing changes are reindexed."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from directory.extensions import db
from directory.providers.models import (
    OpeningHours,
    Organization,
    Phone,
    Provider,
    ProviderCode,
    Status,
)

from .documents import provider_to_document

log = logging.getLogger(__name__)

CHANGED = "search_changed_provider_ids"
# Past this many changed listings, one fresh build is faster than that many updates.
REBUILD_ABOVE = 2000
_LOAD_OPTIONS = (
    selectinload(Provider.organization),
    selectinload(Provider.codes),
    selectinload(Provider.opening_hours),
)


def iter_documents(batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every active listing as an index document, read in batches with a separate session."""
    with Session(db.engine) as session:
        ids = session.scalars(
            select(Provider.id).where(Provider.status == Status.active).order_by(Provider.id)
        ).all()
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            query = select(Provider).where(Provider.id.in_(chunk)).options(*_LOAD_OPTIONS)
            for provider in session.scalars(query).all():
                yield provider_to_document(provider)
            session.expunge_all()


def count_documents() -> int:
    """How many listings a full build will index."""
    with Session(db.engine) as session:
        return len(
            session.scalars(select(Provider.id).where(Provider.status == Status.active)).all()
        )


def load_documents(ids: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Documents for the listings still active, and the ids to take out of the index."""
    with Session(db.engine) as session:
        query = select(Provider).where(Provider.id.in_(ids)).options(*_LOAD_OPTIONS)
        active = {p.id: p for p in session.scalars(query) if p.status == Status.active}
        documents = [provider_to_document(active[i]) for i in ids if i in active]
    return documents, [i for i in ids if i not in active]


def _changed_ids(session: Session, objects: Iterable[object]) -> set[str]:
    ids: set[str] = set()
    organizations = []
    for obj in objects:
        if isinstance(obj, Provider):
            ids.add(obj.id)
        elif isinstance(obj, ProviderCode | Phone | OpeningHours) and obj.provider_id:
            ids.add(obj.provider_id)
        elif isinstance(obj, Organization):
            organizations.append(obj.id)
    if organizations:
        query = select(Provider.id).where(Provider.organization_id.in_(organizations))
        ids.update(session.execute(query).scalars())
    return ids


def _after_flush(session: Session, flush_context) -> None:
    touched = [*session.new, *session.dirty, *session.deleted]
    ids = _changed_ids(session, touched)
    if ids:
        session.info.setdefault(CHANGED, set()).update(ids)


def _after_commit(session: Session) -> None:
    ids = session.info.pop(CHANGED, None)
    if not ids or not has_app_context():
        return
    search = current_app.extensions.get("search")
    if search is None or not current_app.config.get("SEARCH_SYNC", True):
        return
    try:
        if len(ids) > REBUILD_ABOVE and search.index.exists():
            search.index.rebuild(iter_documents(), load_documents)
        else:
            search.index.update(sorted(ids), load_documents)
    except Exception:  # the database is the source of truth: never fail a commit on search
        log.exception("search index update failed for %d listing(s)", len(ids))


def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED, None)


def install_listeners() -> None:
    """Listen to every session of this app's database (installed once per process)."""
    session_class = db.session.session_factory.class_
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)
        event.listen(session_class, "after_commit", _after_commit)
        event.listen(session_class, "after_soft_rollback", lambda s, previous: _after_rollback(s))
