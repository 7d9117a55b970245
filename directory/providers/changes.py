"""The durable change record: which listings changed, written in the same transaction as the
change, so every derived copy (each node's search index) can follow the database."""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from blinker import Namespace
from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    String,
    bindparam,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from directory.extensions import db
from directory.faults import crash_point
from directory.memory import return_free_memory

from .models import OpeningHours, Organization, Phone, Provider, ProviderCode

# Set in `session.info` when the session's transaction recorded a change.
RECORDED = "change_records_written"
PENDING = "change_records_pending"  # listing ids seen before a flush, written after it
# Set in `session.info` while `wake_up_held` holds the wake-up: whether a commit is waiting.
HELD = "change_wake_up_held"

_signals = Namespace()
# Sent with the session after a commit that recorded changes: a wake-up for this process's
# index. The record itself is what the index follows; a missed wake-up delays, never loses.
changes_committed = _signals.signal("changes-committed")
# PostgreSQL: the transaction that records changes notifies this channel (delivered at its
# commit), so other nodes wake up at once instead of at their next poll.
NOTIFY_CHANNEL = "directory_changes"

# Models whose rows are part of a listing's indexed state, found by their `provider_id`.
LISTING_PARTS: list[type] = [ProviderCode, Phone, OpeningHours]


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ChangeRecord(db.Model):
    """One listing changed (created, edited, deactivated or deleted) at sequence `seq`."""

    __tablename__ = "change_records"
    # AUTOINCREMENT: SQLite must never reuse a sequence number after old rows are pruned.
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # Not a foreign key: deleted listings are recorded too.
    provider_id: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=_utcnow, index=True)


def track(model: type) -> None:
    """Record a change of the listing named by `model.provider_id` whenever a row changes."""
    if model not in LISTING_PARTS:
        LISTING_PARTS.append(model)


def new_revision() -> int:
    """A listing's next revision: random, not a count, so a listing deleted and made again
    never takes back a revision that a copy of its old self was made at."""
    return secrets.randbits(62)


def record_changes(
    session: Session, provider_ids: Iterable[str], revised: Collection[str] = ()
) -> None:
    """Record these listings as changed, in the session's current transaction, and give
    each a new revision (but those in `revised`: their writer gave them one)."""
    rows = [{"provider_id": i, "recorded_at": _utcnow()} for i in dict.fromkeys(provider_ids)]
    if not rows:
        return
    connection = session.connection()
    connection.execute(insert(ChangeRecord), rows)
    revisions = [
        {"b_id": row["provider_id"], "revision": new_revision()}
        for row in rows
        if row["provider_id"] not in revised
    ]
    if revisions:
        providers = Provider.__table__
        # `updated_at` kept as it is: a new revision is not an edit of the listing's row.
        statement = update(providers).where(providers.c.id == bindparam("b_id"))
        connection.execute(statement.values(updated_at=providers.c.updated_at), revisions)
    session.info[RECORDED] = True
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": NOTIFY_CHANNEL})


def latest_seq(session: Session) -> int:
    """The highest sequence recorded so far (0 if none)."""
    return session.scalar(select(func.max(ChangeRecord.seq))) or 0


def oldest_seq(session: Session) -> int | None:
    """The lowest sequence still kept (None if no record is kept)."""
    return session.scalar(select(func.min(ChangeRecord.seq)))


def changes_after(session: Session, seq: int, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` (seq, listing id) pairs recorded after `seq`, in sequence order."""
    query = (
        select(ChangeRecord.seq, ChangeRecord.provider_id)
        .where(ChangeRecord.seq > seq)
        .order_by(ChangeRecord.seq)
        .limit(limit)
    )
    return [(row.seq, row.provider_id) for row in session.execute(query)]


def prune(session: Session, keep_days: int) -> int:
    """Delete records older than `keep_days`, always keeping the newest; returns the count."""
    newest = latest_seq(session)
    cutoff = _utcnow() - timedelta(days=keep_days)
    result = session.execute(
        delete(ChangeRecord).where(ChangeRecord.recorded_at < cutoff, ChangeRecord.seq < newest)
    )
    return result.rowcount or 0


def _changed_ids(session: Session) -> set[str]:
    ids: set[str] = set()
    organizations = []
    parts = tuple(LISTING_PARTS)
    for obj in [*session.new, *session.deleted]:
        if isinstance(obj, Provider):
            ids.add(obj.id)
        elif isinstance(obj, parts) and obj.provider_id:
            ids.add(obj.provider_id)
        elif isinstance(obj, Organization):
            organizations.append(obj.id)
    for obj in session.dirty:
        if not isinstance(obj, (Provider, Organization, *parts)):
            continue
        # A listing whose phones or codes were replaced is modified through its collections.
        if not session.is_modified(obj, include_collections=isinstance(obj, Provider)):
            continue
        if isinstance(obj, Provider):
            ids.add(obj.id)
        elif isinstance(obj, Organization):
            organizations.append(obj.id)
        elif obj.provider_id:
            ids.add(obj.provider_id)
    if organizations:
        query = select(Provider.id).where(Provider.organization_id.in_(organizations))
        ids.update(session.execute(query).scalars())
    return {i for i in ids if i}


def _before_flush(session: Session, flush_context, instances) -> None:
    # Gathered before the flush too: a listing whose collection changed is dirty only then.
    ids = _changed_ids(session)
    if ids:
        session.info.setdefault(PENDING, set()).update(ids)


def _after_flush(session: Session, flush_context) -> None:
    # After the flush new child rows know their listing; the rows written here are in the
    # same transaction as the change.
    ids = session.info.pop(PENDING, set()) | _changed_ids(session)
    if ids:
        record_changes(session, sorted(ids))


def _after_commit(session: Session) -> None:
    if session.info.pop(RECORDED, False):
        crash_point("after-commit")  # the fault tests: committed, not yet in any index
        if HELD in session.info:
            session.info[HELD] = True
        else:
            changes_committed.send(session)


@contextmanager
def wake_up_held(session: Session) -> Iterator[None]:
    """Send the wake-up of what the block commits only once the block has ended and its
    memory is freed: an import's index build then forks writers from a smaller process."""
    session.info[HELD] = False
    try:
        yield
    finally:
        committed = session.info.pop(HELD, False)
    if committed:
        return_free_memory()
        changes_committed.send(session)


def _after_rollback(session: Session) -> None:
    session.info.pop(RECORDED, None)
    session.info.pop(PENDING, None)


def install_listeners(session_class: type[Session] = Session) -> None:
    """Record ORM writes of listings in every session, whatever made it (installed once)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_flush", _after_flush)
        event.listen(session_class, "after_commit", _after_commit)
        event.listen(session_class, "after_soft_rollback", lambda s, previous: _after_rollback(s))
