"""Write validated rows in batches inside one transaction, with core statements.

Everything slow (geocoding, comparing with what is stored, the audit diff) is planned first
without writing; the plans wait in a temporary file, then are applied in one short
transaction, so a large import holds the database's write lock for seconds, not minutes.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import IO, Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from directory.geo.geocoder import Geocoder

from .bulk import bulk_insert
from .changes import new_revision
from .models import OpeningHours, Organization, Phone, Provider, ProviderCode
from .organizations import Organizations
from .rows import CODE_SCHEMES, PLAIN_COLUMNS, resolve_values, values_row
from .schemas import dump_row
from .stored import LOCATION_COLUMNS, stored_values

# Rows planned and written together: big enough for fast executemany, small for memory.
BATCH_ROWS = 1000
# Called with (listing id, cells before, cells after) for each changed listing (the audit);
# a new listing's cells are its id alone, from empty.
Change = tuple[str, dict[str, str], dict[str, str]]
Recorder = Callable[[list[Change]], None]


@dataclass
class Plan:
    """The statements one batch of rows needs, and what it counts."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organization_inserts: list[tuple] = field(default_factory=list)
    organization_updates: list[dict] = field(default_factory=list)
    inserts: list[tuple] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    codes: list[tuple] = field(default_factory=list)
    phones: list[tuple] = field(default_factory=list)
    hours: list[tuple] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def written(self) -> list[str]:
        return [row[0] for row in self.inserts] + [row["b_id"] for row in self.updates]


class Spool:
    """Objects pickled to a temporary file and read back in order: bounded memory."""

    def __init__(self) -> None:
        # Closed by close() (the spool is a context manager itself).
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="import-")  # noqa: SIM115
        self.count = 0

    def add(self, item: Any) -> None:
        pickle.dump(item, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def add_pickled(self, pickled: bytes) -> None:
        """Add an item another process pickled (one `pickle.dumps` result)."""
        self.file.write(pickled)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def batched(items: Iterable[Any], size: int = BATCH_ROWS) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# Columns of the rows a plan inserts.
PROVIDER_COLUMNS = (*PLAIN_COLUMNS, *LOCATION_COLUMNS, "organization_id", "updated_at")
CODE_COLUMNS = ("provider_id", "scheme", "code", "position")
PHONE_COLUMNS = ("provider_id", "number", "type", "description", "position")
HOURS_COLUMNS = ("provider_id", "weekday", "opens", "closes", "position")
ORGANIZATION_COLUMNS = ("id", "name", "website", "description")


def _provider_row(values: dict[str, Any], now: datetime) -> dict[str, Any]:
    row = {column: values[column] for column in (*PLAIN_COLUMNS, *LOCATION_COLUMNS)}
    row["organization_id"] = values["organization"]["id"]
    row["updated_at"] = now
    return row


def _child_rows(plan: Plan, values: dict[str, Any]) -> None:
    provider_id = values["id"]
    for scheme in CODE_SCHEMES:
        plan.codes.extend(
            (provider_id, scheme, code, position) for position, code in enumerate(values[scheme])
        )
    plan.phones.extend(
        (provider_id, number, kind, label, position)
        for position, (number, kind, label) in enumerate(values["phones"])
    )
    plan.hours.extend(
        (provider_id, i.weekday, i.opens, i.closes, position)
        for position, i in enumerate(values["intervals"])
    )


def plan_batch(
    session: Session,
    rows: list[tuple[int, dict]],
    geocoder: Geocoder,
    default_time_zone: str,
    organizations: Organizations,
    audit: bool,
) -> Plan:
    """Compare a batch of validated rows with what is stored; plan only the differences."""
    plan = Plan(rows=len(rows))
    stored = stored_values(session, [data["id"] for _, data in rows])
    now = datetime.now(UTC)
    for _, data in rows:
        values = resolve_values(data, geocoder, default_time_zone)
        values["organization"]["id"] = organizations.id_for(data["organization"])
        current = stored.get(values["id"])
        if current is not None:
            current["organization"] = dict(organizations.by_id[current.pop("organization_id")])
            if current == values:
                plan.unchanged += 1
                continue
        step = organizations.plan(values["organization"])
        if step == "insert":
            plan.organization_inserts.append(
                tuple(values["organization"][c] for c in ORGANIZATION_COLUMNS)
            )
        elif step == "update":
            plan.organization_updates.append({"b_id": values["organization"]["id"],
                                              **values["organization"]})  # fmt: skip
        row = _provider_row(values, now)
        if current is None:
            plan.inserts.append(
                (values["id"], now, new_revision(), *(row[c] for c in PROVIDER_COLUMNS))
            )
            plan.created += 1
        else:
            plan.updates.append({"b_id": values["id"], "revision": new_revision(), **row})
            plan.updated += 1
        _child_rows(plan, values)
        if audit:
            plan.changes.append(_audit_change(values, current))
    return plan


def _audit_change(values: dict[str, Any], current: dict[str, Any] | None) -> Change:
    """A changed listing's cells before and after; a new listing's id alone, from empty.

    A new listing's first values are the listing itself, unwound by its later audit rows'
    old values; a row per cell repeated all of it (23 rows a listing, most of an import's
    writes and most of its database).
    """
    if current is None:
        return values["id"], {}, {"id": values["id"]}
    return values["id"], dump_row(values_row(current)), dump_row(values_row(values))


def apply_plan(session: Session, plan: Plan, record: Recorder | None) -> list[str]:
    """Run a plan's statements in the session's transaction; return the listings it touched."""
    organizations = Organization.__table__
    providers = Provider.__table__
    bulk_insert(session, organizations, ORGANIZATION_COLUMNS, plan.organization_inserts)
    touched = plan.written
    if plan.organization_updates:
        rows = [{k: v for k, v in row.items() if k != "id"} for row in plan.organization_updates]
        session.execute(update(organizations).where(organizations.c.id == bindparam("b_id")), rows)
        ids = [row["b_id"] for row in plan.organization_updates]
        query = select(providers.c.id).where(providers.c.organization_id.in_(ids))
        touched += list(session.scalars(query))
    columns = ("id", "created_at", "revision", *PROVIDER_COLUMNS)
    bulk_insert(session, providers, columns, plan.inserts)
    if plan.updates:
        replaced = [row["b_id"] for row in plan.updates]
        session.execute(update(providers).where(providers.c.id == bindparam("b_id")), plan.updates)
        for model in (ProviderCode, Phone, OpeningHours):
            table = model.__table__
            session.execute(delete(table).where(table.c.provider_id.in_(replaced)))
    bulk_insert(session, ProviderCode.__table__, CODE_COLUMNS, plan.codes)
    bulk_insert(session, Phone.__table__, PHONE_COLUMNS, plan.phones)
    bulk_insert(session, OpeningHours.__table__, HOURS_COLUMNS, plan.hours)
    if record is not None and plan.changes:
        record(plan.changes)
    return sorted(set(touched))
