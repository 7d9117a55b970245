"""Listings read for display with core statements: plain records shaped like `Provider`.

A page of results shows ~20 listings holding ~30 codes each; as ORM instances they cost more
than the search that found them (bench/README.md), so the API and the results page read them
here: the same columns, organization, phones, codes and hours, without identity map or events.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select

from directory.extensions import db

from .hours import Interval
from .models import ListingFacts, OpeningHours, Organization, Phone, Provider, ProviderCode, Status
from .rows import CODE_SCHEMES
from .stored import child_query, grouped


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    """The organization running a listing, as pages show it."""

    id: str
    name: str
    website: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class PhoneRecord:
    """One of a listing's phones."""

    number: str
    type: str
    description: str | None


class ListingRecord(ListingFacts):
    """A listing's public columns as attributes (every `Provider` column), its `organization`,
    `phones`, `intervals` and its codes by scheme (`services`, `populations`, `languages`)."""

    organization: OrganizationRecord
    phones: list[PhoneRecord]
    intervals: list[Interval]

    def __init__(self, columns: dict[str, Any]) -> None:
        self.__dict__.update(columns)

    def codes_for(self, scheme: str) -> list[str]:
        """This listing's codes of one scheme."""
        return getattr(self, scheme)


def _in_ids(column):
    return column.in_(bindparam("ids", expanding=True))


@cache
def _statements():
    """Built once: making a statement per request (and coercing each id) cost more than
    running it."""
    providers, organizations = Provider.__table__, Organization.__table__
    listings = (
        select(providers, *(organizations.c[f.name] for f in fields(OrganizationRecord)))
        .join(organizations, organizations.c.id == providers.c.organization_id)
        .where(providers.c.id.in_(bindparam("ids", expanding=True)))
    )
    return (
        listings,
        child_query(ProviderCode, ("scheme", "code"), _in_ids),
        child_query(Phone, ("number", "type", "description"), _in_ids),
        child_query(OpeningHours, ("weekday", "opens", "closes"), _in_ids),
    )


def active_listings_by_id(ids: list[str]) -> dict[str, ListingRecord]:
    """The active listings among `ids`: four statements by primary key, whatever the count."""
    if not ids:
        return {}
    listings, codes_query, phones_query, hours_query = _statements()
    names = [c.name for c in Provider.__table__.c]
    status = names.index("status")
    connection = db.session.connection()
    found: dict[str, ListingRecord] = {}
    for row in connection.execute(listings, {"ids": ids}).all():
        # The status is checked here, not in SQL: with bound parameters SQLite may read
        # `status = ?` as more selective than `id IN (...)` and walk every active row.
        if row[status] != Status.active:
            continue
        record = ListingRecord(dict(zip(names, row, strict=False)))
        record.organization = OrganizationRecord(*row[len(names) :])
        found[record.id] = record
    if not found:
        return {}
    shown = list(found)
    codes = grouped(connection, codes_query, {"ids": shown})
    phones = grouped(connection, phones_query, {"ids": shown})
    hours = grouped(connection, hours_query, {"ids": shown})
    for listing_id, record in found.items():
        by_scheme: dict[str, list[str]] = {scheme: [] for scheme in CODE_SCHEMES}
        for scheme, code in codes.get(listing_id, ()):
            by_scheme[scheme].append(code)
        record.__dict__.update(by_scheme)
        record.phones = [PhoneRecord(*phone) for phone in phones.get(listing_id, ())]
        record.intervals = [Interval(*interval) for interval in hours.get(listing_id, ())]
    return found
