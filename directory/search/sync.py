"""Keep this node's index in step with the database by applying its durable change record.

The index stores, with each generation, the last change sequence it holds (its cursor).
Catching up reads the records after the cursor, reindexes those listings from the database's
current state (idempotent: applying twice is harmless) and moves the cursor. On PostgreSQL a
sequence number can become visible after a higher one (transactions commit out of order): the
numbers skipped are kept as gaps and read again until every transaction that was running when
the gap was seen has ended (the oldest running transaction's id passed it).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session, selectinload

from directory.extensions import db
from directory.providers.changes import ChangeRecord, changes_after, latest_seq, oldest_seq
from directory.providers.models import Provider, Status

from .documents import provider_to_document
from .integrity import IndexDamaged

log = logging.getLogger(__name__)

# Past this many changed listings, one fresh build is faster than that many updates.
REBUILD_ABOVE = 2000
# A gap younger than this is kept even when no older transaction runs: between `nextval` and
# the row's insert a transaction may not have its id yet.
GAP_MIN_SECONDS = 5.0
# More gap ranges than this are merged into coarser ones (re-reading a seen record is harmless).
MAX_GAP_RANGES = 200
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
        query = select(func.count()).select_from(Provider).where(Provider.status == Status.active)
        return session.scalar(query) or 0


def load_documents(ids: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Documents for the listings still active, and the ids to take out of the index."""
    with Session(db.engine) as session:
        query = select(Provider).where(Provider.id.in_(ids)).options(*_LOAD_OPTIONS)
        active = {p.id: p for p in session.scalars(query) if p.status == Status.active}
        documents = [provider_to_document(active[i]) for i in ids if i in active]
    return documents, [i for i in ids if i not in active]


# The cursor


@dataclass
class Cursor:
    """How far an index is into the change record: everything up to `seq` but the gaps."""

    seq: int
    # (first, last, xmax, noticed): sequence numbers not seen yet that a transaction running
    # when they were noticed (PostgreSQL xid below xmax) may still commit.
    gaps: list[tuple[int, int, int, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "gaps": [list(gap) for gap in self.gaps]}

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> Cursor | None:
        if not isinstance(value, dict) or not isinstance(value.get("seq"), int):
            return None
        return cls(value["seq"], [tuple(gap) for gap in value.get("gaps", [])])


def _snapshot_bounds(session: Session) -> tuple[int, int] | None:
    """PostgreSQL's (oldest running xid, next xid); None where writers are serialized."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    row = session.execute(
        text(
            "SELECT pg_snapshot_xmin(s)::text, pg_snapshot_xmax(s)::text "
            "FROM pg_current_snapshot() AS s"
        )
    ).one()
    return int(row[0]), int(row[1])


def _missing(first: int, last: int, seen: set[int]) -> Iterator[tuple[int, int]]:
    """The runs of numbers in first..last that are not in `seen`."""
    start = None
    for number in range(first, last + 1):
        if number in seen:
            if start is not None:
                yield start, number - 1
                start = None
        elif start is None:
            start = number
    if start is not None:
        yield start, last


def _merge(gaps: list[tuple[int, int, int, float]]) -> list[tuple[int, int, int, float]]:
    """At most MAX_GAP_RANGES ranges: neighbours merged, keeping the later xmax."""
    gaps = sorted(gaps)
    while len(gaps) > MAX_GAP_RANGES:
        merged = []
        for i in range(0, len(gaps), 2):
            pair = gaps[i : i + 2]
            merged.append(
                (
                    pair[0][0],
                    pair[-1][1],
                    max(g[2] for g in pair),
                    max(g[3] for g in pair),
                )
            )
        gaps = merged
    return gaps


def read_changes(session: Session, cursor: Cursor, limit: int) -> tuple[list[str], Cursor, bool]:
    """The listing ids changed since `cursor`, the cursor after them, and whether more wait."""
    bounds = _snapshot_bounds(session)
    now = time.time()
    # Gaps whose transactions have all ended are read one last time, then forgotten.
    kept = [
        g for g in cursor.gaps if bounds is None or bounds[0] < g[2] or now - g[3] < GAP_MIN_SECONDS
    ]
    rows = changes_after(session, cursor.seq, limit)
    if cursor.gaps:
        within = or_(*(ChangeRecord.seq.between(g[0], g[1]) for g in cursor.gaps))
        query = select(ChangeRecord.seq, ChangeRecord.provider_id).where(within)
        rows += [(row.seq, row.provider_id) for row in session.execute(query)]
    seen = {seq for seq, _ in rows}
    seq = max([cursor.seq, *seen])
    gaps = []
    if bounds is not None:
        for first, last, xmax, noticed in kept:
            gaps += [(a, b, xmax, noticed) for a, b in _missing(first, last, seen)]
        # Taken after the rows were read: a transaction holding a number skipped above had
        # its id before this snapshot, so it is below this xmax.
        xmax = _snapshot_bounds(session)[1]
        gaps += [(a, b, xmax, now) for a, b in _missing(cursor.seq + 1, seq, seen)]
    ids = list(dict.fromkeys(provider_id for _, provider_id in sorted(rows)))
    return ids, Cursor(seq, _merge(gaps)), len(rows) >= limit


def start_cursor(session: Session) -> Cursor:
    """The cursor of a build reading the database from now (taken before reading it)."""
    seq = latest_seq(session)
    if _snapshot_bounds(session) is None:
        return Cursor(seq)
    oldest = oldest_seq(session) or 1
    seen = set(session.scalars(select(ChangeRecord.seq).where(ChangeRecord.seq >= oldest)))
    xmax = _snapshot_bounds(session)[1]
    now = time.time()
    return Cursor(seq, _merge([(a, b, xmax, now) for a, b in _missing(oldest, seq, seen)]))


# Catching up


@dataclass
class CatchUp:
    """What one catch-up did."""

    reindexed: int = 0
    rebuilt: bool = False
    indexed: int = 0  # listings in the rebuilt index
    busy: bool = False  # another thread or process holds the index: it will catch up
    deferred: bool = False  # too much for here (a web request): left for the background
    seq: int | None = None


def catch_up(
    rebuild: bool = True,
    limit: int = REBUILD_ABOVE,
    wait: float = 2.0,
    on_document: Callable[[int], None] | None = None,
    full: bool = False,
) -> CatchUp:
    """Apply the change record to this app's index: incrementally, or by a full rebuild when
    there is no index yet, its cursor is unknown or pruned, or more than `limit` listings
    changed (or `full`). With `rebuild` False (a web request) those cases are left for the
    background. One catch-up at a time per index directory; `wait` seconds for it."""
    from .extension import search_index

    index = search_index()
    outcome = CatchUp()
    with index.exclusive("sync", wait) as acquired:
        if not acquired:
            outcome.busy = True
            return outcome
        while True:
            cursor = Cursor.from_json(index.applied()) if index.exists() and not full else None
            full = False
            with Session(db.engine) as session:
                oldest = oldest_seq(session)
                if cursor is not None and (oldest is None or cursor.seq >= oldest - 1):
                    ids, after, more = read_changes(session, cursor, limit + 1)
                    if len(ids) <= limit:
                        changed = ids or after != cursor
                        try:
                            applied = not changed or index.update(
                                ids, load_documents, after.to_json(), wait
                            )
                        except IndexDamaged:  # marked so: the next turn rebuilds it
                            continue
                        if not applied:
                            outcome.busy = True
                            return outcome
                        outcome.reindexed += len(ids)
                        outcome.seq = after.seq
                        if more:
                            continue
                        return outcome
                if not rebuild:
                    outcome.deferred = True
                    return outcome
                start = start_cursor(session)
            outcome.indexed = _rebuild(start, on_document)
            outcome.rebuilt, outcome.seq = True, start.seq


def _rebuild(start: Cursor, on_document: Callable[[int], None] | None) -> int:
    from .extension import build_index

    return build_index(on_document, cursor=start)


@dataclass(frozen=True)
class SyncStatus:
    """How far this node's index is behind the database (for /readyz)."""

    generation: str | None
    applied_seq: int | None
    latest_seq: int
    behind: int  # change records after the cursor (all of them with no index)


def status() -> SyncStatus:
    """This node's index generation, its cursor and the database's latest change."""
    from .extension import search_index

    index = search_index()
    current = index.current_dir() if index.exists() else None
    cursor = Cursor.from_json(index.applied()) if current is not None else None
    with Session(db.engine) as session:
        latest = latest_seq(session)
        applied = cursor.seq if cursor is not None else None
        query = select(func.count()).select_from(ChangeRecord)
        if applied is not None:
            query = query.where(ChangeRecord.seq > applied)
        behind = session.scalar(query) or 0
    return SyncStatus(current.name if current else None, applied, latest, behind)


def wake_up(session: Session) -> None:
    """After a commit here that recorded changes: apply them now (a request never rebuilds)."""
    from flask import has_app_context, has_request_context

    if not has_app_context() or not current_app.config.get("SEARCH_SYNC", True):
        return
    in_request = has_request_context()
    progress = None if in_request else Progress("Indexing")
    try:
        outcome = catch_up(rebuild=not in_request, wait=1.0, on_document=progress)
    except Exception:  # the database is the source of truth: never fail a commit on search
        log.exception("search catch-up after a commit failed; the poller will retry")
        outcome = CatchUp(deferred=True)
    finally:
        if progress is not None:
            progress.close()
    if in_request and (outcome.deferred or outcome.busy):
        from .follower import follower

        follower(current_app).wake()


class Progress:
    """A progress bar on stderr that appears only if a rebuild starts (commands only)."""

    def __init__(self, label: str) -> None:
        self.label, self.bar = label, None

    def __call__(self, count: int = 1) -> None:
        if self.bar is None:
            import click

            self.bar = click.progressbar(
                length=count_documents(), label=self.label, file=sys.stderr
            )
            self.bar.__enter__()
        self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
