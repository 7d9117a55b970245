"""Search results as the API writes them, stored once per revision of each listing.

An answer of 20 listings spent ~3.5 ms of a ~8 ms request reading them from five tables
and writing them with marshmallow (bench/README.md). A result depends on the listing alone,
apart from its distance and whether it is open now, so each listing's result is written
once, by a background thread (renderer.py), and stored with the revision it was made from.
A stored result is used only while the listing is active, its revision is still that one
(every change replaces the revision in the change's own transaction: changes.py) and it was
written by this code (`SHAPE`); anything else is read and written at the request, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import BigInteger, ForeignKey, String, Text, bindparam, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from directory.extensions import db
from directory.providers import hours, listings, models, phones
from directory.providers.hours import Interval
from directory.providers.listings import ListingRecord, active_listings_by_id
from directory.providers.models import ListingFacts, Provider, Status

from . import schemas
from .schemas import ListingView, ProviderSummarySchema, hours_now

# How `_stored_row` stores a result and `search_results` reads it: change it with them.
FORMAT = b"1"
# The code that writes a result: a deploy that changes any of it writes every result again.
_WRITERS = (schemas, hours, listings, models, phones)
SHAPE = hashlib.sha1(
    b"".join(Path(module.__file__).read_bytes() for module in _WRITERS) + FORMAT
).hexdigest()[:16]

SUMMARY = ProviderSummarySchema()
# Any moment: the parts of a result that change with the time are written at each request.
_WRITTEN_AT = datetime(2000, 1, 3, tzinfo=UTC)


class RenderedListing(db.Model):
    """One listing's search result (the API's `ProviderSummary`) as of `revision`."""

    __tablename__ = "rendered_listing"

    provider_id: Mapped[str] = mapped_column(
        String(120), ForeignKey("provider.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(BigInteger)
    shape: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)  # JSON; `distance_km` and `hours` rewritten
    intervals: Mapped[str] = mapped_column(Text)  # JSON [[weekday, opens, closes], ...]


class _Hours(ListingFacts):
    """A stored listing's weekly hours and time zone: enough to tell if it is open now."""

    __slots__ = ("intervals", "time_zone")

    def __init__(self, intervals: list[Interval], time_zone: str) -> None:
        self.intervals = intervals
        self.time_zone = time_zone


@lru_cache(maxsize=4096)
def _hours_at(intervals: str, time_zone: str, minute: datetime) -> dict[str, Any]:
    """`hours_now` of stored weekly hours at a whole minute, which it does not look past: a
    page repeats a few patterns, and every request in that minute asks the same. Callers
    copy the result."""
    weekly = [Interval(*interval) for interval in orjson.loads(intervals)]
    return hours_now(_Hours(weekly, time_zone), minute)


def result_of(record: ListingRecord, now: datetime, distance_km: float | None) -> dict[str, Any]:
    """A listing as a search result, written from its tables."""
    return SUMMARY.dump(ListingView(record, now, distance_km))


@cache
def _stored_statement():
    stored, providers = RenderedListing.__table__, Provider.__table__
    return (
        select(stored.c.provider_id, stored.c.body, stored.c.intervals, providers.c.status)
        .join(providers, providers.c.id == stored.c.provider_id)
        .where(
            stored.c.provider_id.in_(bindparam("ids", expanding=True)),
            stored.c.revision == providers.c.revision,
            stored.c.shape == bindparam("shape"),
        )
    )


def search_results(distances: dict[str, float | None], now: datetime) -> dict[str, dict[str, Any]]:
    """The active listings among `distances`' ids as search results at `now`: stored ones
    where current, the others written from their tables."""
    if not distances:
        return {}
    found: dict[str, dict[str, Any]] = {}
    rows = (
        db.session.connection()
        .execute(_stored_statement(), {"ids": list(distances), "shape": SHAPE})
        .all()
    )
    withdrawn = set()
    minute = now.replace(second=0, microsecond=0)
    for provider_id, body, intervals, status in rows:
        # Checked here, not in SQL, for the reason given in listings.active_listings_by_id.
        if status != Status.active:
            withdrawn.add(provider_id)
            continue
        result = orjson.loads(body)
        result["hours"].update(_hours_at(intervals, result["hours"]["time_zone"], minute))
        distance = distances[provider_id]
        result["distance_km"] = None if distance is None else float(distance)
        found[provider_id] = result
    missing = [i for i in distances if i not in found and i not in withdrawn]
    for provider_id, record in active_listings_by_id(missing).items():
        found[provider_id] = result_of(record, now, distances[provider_id])
    return found


def _stored_row(record: ListingRecord) -> dict[str, Any]:
    intervals = [[i.weekday, i.opens, i.closes] for i in record.intervals]
    return {
        "provider_id": record.id,
        # Read in the same statement as the listing's columns, before its codes and hours:
        # anything read after it is as new or newer, and newer means a newer revision.
        "revision": record.revision,
        "shape": SHAPE,
        "body": orjson.dumps(result_of(record, _WRITTEN_AT, None)).decode(),
        "intervals": orjson.dumps(intervals).decode(),
    }


def _upsert(session: Session):
    table = RenderedListing.__table__
    dialect = session.connection().dialect.name
    statement = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    columns = ("revision", "shape", "body", "intervals")
    return statement.on_conflict_do_update(
        index_elements=[table.c.provider_id],
        set_={name: statement.excluded[name] for name in columns},
    )


def _without_current_result():
    """Listings (id, status) with no stored result of this shape at their revision."""
    stored, providers = RenderedListing.__table__, Provider.__table__
    return (
        select(providers.c.id, providers.c.status)
        .outerjoin(stored, (stored.c.provider_id == providers.c.id) & (stored.c.shape == SHAPE))
        .where(or_(stored.c.revision.is_(None), stored.c.revision != providers.c.revision))
    )


def _active(rows) -> list[str]:
    return [provider_id for provider_id, status in rows if status == Status.active]


def outdated(session: Session, ids: Sequence[str]) -> list[str]:
    """Those of `ids` that are active listings without a current stored result."""
    if not ids:
        return []
    return _active(session.execute(_without_current_result().where(Provider.id.in_(ids))))


def outdated_after(session: Session, after: str, limit: int) -> tuple[list[str], str | None]:
    """Active listings without a current stored result, the first `limit` listings after
    `after` in id order that lack one (the inactive ones left out), and the last id looked
    at (None past the last listing): one walk of the listings' primary key."""
    query = _without_current_result().where(Provider.id > after).order_by(Provider.id)
    rows = session.execute(query.limit(limit)).all()
    return _active(rows), (rows[-1][0] if len(rows) == limit else None)


def results_to_store(ids: Sequence[str]) -> list[dict[str, Any]]:
    """The results of the active listings among `ids`, as rows for `save`."""
    return [_stored_row(record) for record in active_listings_by_id(list(ids)).values()]


def save(session: Session, rows: list[dict[str, Any]]) -> None:
    """Store these results (replacing older ones) in the session's transaction."""
    if rows:
        session.execute(_upsert(session), rows)
