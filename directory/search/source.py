"""Listings read from the database for a full build, fast, in parts that run in parallel.

A full build reads every listing. Loading each as an ORM object with its codes, phones and
hours cost about 0.5 ms a listing, more than indexing it; here each batch is four plain
queries over a range of ids, and each listing a `ListingRecord`: the same attributes and
the same derived properties as a `Provider` (taken from the model, not rewritten), mapped
by the one `provider_to_document`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from operator import methodcaller
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import select

from directory.extensions import db
from directory.providers.models import (
    OpeningHours,
    Organization,
    Phone,
    Provider,
    ProviderCode,
    Status,
)
from directory.providers.stored import grouped_rows

from .building import DocumentSource
from .documents import provider_to_document

BATCH = 2000


class CodeRow(NamedTuple):
    scheme: str
    code: str


class PhoneRow(NamedTuple):
    number: str
    type: str
    description: str | None


class HoursRow(NamedTuple):
    weekday: int
    opens: int
    closes: int


class ListingRecord:
    """A listing as read for indexing: a Provider's columns, relations and properties."""

    codes_for = Provider.codes_for
    services = Provider.services
    populations = Provider.populations
    languages = Provider.languages
    area = Provider.area
    intervals = Provider.intervals
    always_open = Provider.always_open

    def __init__(self, columns: dict[str, Any], organization: str, codes, phones, hours) -> None:
        self.__dict__.update(columns)
        self.organization = SimpleNamespace(name=organization)
        self.codes, self.phones, self.opening_hours = codes, phones, hours


_PROVIDER = Provider.__table__


def _grouped(connection, model, row_type, first: str, last: str) -> dict[str, list]:
    between = methodcaller("between", first, last)
    grouped = grouped_rows(connection, model, row_type._fields, between)
    return {key: [row_type(*values) for values in rows] for key, rows in grouped.items()}


def read_records(first: str, last: str) -> Iterator[ListingRecord]:
    """Every active listing whose id is between `first` and `last` (inclusive), in id order."""
    query = (
        select(_PROVIDER, Organization.name.label("_organization"))
        .join(Organization, Organization.id == _PROVIDER.c.organization_id)
        .where(_PROVIDER.c.id.between(first, last))
        .order_by(_PROVIDER.c.id)
    )
    with db.engine.connect() as connection:
        codes = _grouped(connection, ProviderCode, CodeRow, first, last)
        phones = _grouped(connection, Phone, PhoneRow, first, last)
        hours = _grouped(connection, OpeningHours, HoursRow, first, last)
        for row in connection.execute(query).mappings():
            # The status is checked here, not in SQL: SQLite's sampled statistics (ANALYZE
            # with an analysis limit) made `status = ?` look more selective than the id range
            # at 1M listings, and each batch walked every active listing (13 GB read per 25k).
            if row["status"] != Status.active:
                continue
            columns = dict(row)
            organization = columns.pop("_organization")
            listing_id = columns["id"]
            yield ListingRecord(
                columns, organization, codes.get(listing_id, []),
                phones.get(listing_id, []), hours.get(listing_id, []),
            )  # fmt: skip


def active_ids() -> list[str]:
    """The ids of every active listing, in order."""
    query = select(_PROVIDER.c.id).where(_PROVIDER.c.status == Status.active).order_by("id")
    with db.engine.connect() as connection:
        return list(connection.scalars(query))


def read_documents(ids: list[str]) -> Iterator[dict[str, Any]]:
    """The index documents of the active listings from ids[0] to ids[-1] (sorted ids)."""
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for record in read_records(chunk[0], chunk[-1]):
            yield provider_to_document(record)


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
