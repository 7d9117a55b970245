"""Read what listings hold now, in the shape `resolve_values` returns, with core queries.

An import compares 100k listings: loading them as ORM objects would cost minutes and gigabytes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .hours import Interval
from .models import OpeningHours, Phone, Provider, ProviderCode
from .rows import CODE_SCHEMES, PLAIN_COLUMNS

# Provider columns `resolve_values` fills besides the plain ones.
LOCATION_COLUMNS = (
    "source_url", "time_zone", "latitude", "longitude", "coordinates_source",
    "public_latitude", "public_longitude",
)  # fmt: skip


def stored_values(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The current values of those of `ids` that exist, by id (with `organization_id`)."""
    providers = Provider.__table__
    found = {
        row["id"]: row
        for row in session.execute(select(providers).where(providers.c.id.in_(ids))).mappings()
    }
    if not found:
        return {}
    known = list(found)
    codes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    table = ProviderCode.__table__
    query = (
        select(table.c.provider_id, table.c.scheme, table.c.code)
        .where(table.c.provider_id.in_(known))
        .order_by(table.c.provider_id, table.c.position, table.c.id)
    )
    for provider_id, scheme, code in session.execute(query):
        codes[provider_id][scheme].append(code)
    phones: dict[str, list[tuple]] = defaultdict(list)
    table = Phone.__table__
    query = (
        select(table.c.provider_id, table.c.number, table.c.type, table.c.description)
        .where(table.c.provider_id.in_(known))
        .order_by(table.c.provider_id, table.c.position, table.c.id)
    )
    for provider_id, *phone in session.execute(query):
        phones[provider_id].append(tuple(phone))
    hours: dict[str, list[Interval]] = defaultdict(list)
    table = OpeningHours.__table__
    query = (
        select(table.c.provider_id, table.c.weekday, table.c.opens, table.c.closes)
        .where(table.c.provider_id.in_(known))
        .order_by(table.c.provider_id, table.c.position, table.c.id)
    )
    for provider_id, *interval in session.execute(query):
        hours[provider_id].append(Interval(*interval))
    result = {}
    for provider_id, row in found.items():
        values = {column: row[column] for column in (*PLAIN_COLUMNS, *LOCATION_COLUMNS)}
        values["id"] = provider_id
        for scheme in CODE_SCHEMES:
            values[scheme] = codes[provider_id][scheme]
        values["phones"] = phones[provider_id]
        values["intervals"] = hours[provider_id]
        values["organization_id"] = row["organization_id"]  # the caller adds its current state
        result[provider_id] = values
    return result
