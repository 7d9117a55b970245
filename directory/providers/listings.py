"""Listings read for display with core statements: plain records shaped like `Provider`.

A page of results shows ~20 listings holding ~30 codes each; as ORM instances they cost more
than the search that found them (bench/README.md), so the API and the results page read them
here: the same columns, organization, phones, codes and hours, without identity map or events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from sqlalchemy import Integer, String, bindparam, cast, literal_column, null, select, union_all

from directory.extensions import db

from .hours import Interval
from .models import ListingFacts, OpeningHours, Organization, Phone, Provider, ProviderCode, Status
from .rows import CODE_SCHEMES


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


# A listing's codes, phones and hours come back in one statement (a round trip to PostgreSQL
# costs ~0.2 ms, as much as reading them): each row says which it is and holds up to three
# text and three number values.
CODES, PHONES, HOURS = 0, 1, 2
_CHILDREN = (
    (CODES, ProviderCode, ("scheme", "code"), ()),
    (PHONES, Phone, ("number", "type", "description"), ()),
    (HOURS, OpeningHours, (), ("weekday", "opens", "closes")),
)


@cache
def _statements():
    """Built once: making a statement per request (and coercing each id) cost more than
    running it."""
    providers, organizations = Provider.__table__, Organization.__table__
    ids = bindparam("ids", expanding=True)
    listings = (
        select(providers, *(organizations.c[f.name] for f in fields(OrganizationRecord)))
        .join(organizations, organizations.c.id == providers.c.organization_id)
        .where(providers.c.id.in_(ids))
    )
    parts = []
    for kind, model, texts, numbers in _CHILDREN:
        values = [getattr(model, name) for name in texts]
        values += [cast(null(), String)] * (3 - len(texts))
        values += [getattr(model, name) for name in numbers]
        values += [cast(null(), Integer)] * (3 - len(numbers))
        parts.append(
            select(
                literal_column(str(kind), Integer).label("kind"),
                model.provider_id.label("provider_id"),
                *(value.label(f"v{i}") for i, value in enumerate(values)),
                model.position.label("position"),
                model.id.label("id"),
            ).where(model.provider_id.in_(ids))
        )
    rows = union_all(*parts).subquery()
    children = select(rows.c.kind, rows.c.provider_id, *(rows.c[f"v{i}"] for i in range(6)))
    # Each listing's rows in its own order, as the ORM relationships read them.
    children = children.order_by(rows.c.kind, rows.c.provider_id, rows.c.position, rows.c.id)
    return listings, children


def active_listings_by_id(ids: list[str]) -> dict[str, ListingRecord]:
    """The active listings among `ids`: two statements by primary key, whatever the count."""
    if not ids:
        return {}
    listings, children = _statements()
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
    codes: dict[str, list] = defaultdict(list)
    phones: dict[str, list] = defaultdict(list)
    hours: dict[str, list] = defaultdict(list)
    for kind, listing_id, t0, t1, t2, n0, n1, n2 in connection.execute(
        children, {"ids": shown}
    ).all():
        if kind == CODES:
            codes[listing_id].append((t0, t1))
        elif kind == PHONES:
            phones[listing_id].append(PhoneRecord(t0, t1, t2))
        else:
            hours[listing_id].append(Interval(n0, n1, n2))
    for listing_id, record in found.items():
        by_scheme: dict[str, list[str]] = {scheme: [] for scheme in CODE_SCHEMES}
        for scheme, code in codes.get(listing_id, ()):
            by_scheme[scheme].append(code)
        record.__dict__.update(by_scheme)
        record.phones = phones.get(listing_id, [])
        record.intervals = hours.get(listing_id, [])
    return found
