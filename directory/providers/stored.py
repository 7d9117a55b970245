"""Read what listings hold now, in the shape `resolve_values` returns, with core queries.

An import compares 100k listings: loading them as ORM objects would cost minutes and gigabytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from operator import methodcaller
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


def grouped_rows(connection, model, columns: Sequence[str], selects: Callable) -> dict[str, list]:
    """A child table's `columns` (codes, phones, hours) for the listings whose id `selects`
    accepts (given the id column), grouped by id, in each listing's own order."""
    query = (
        select(model.provider_id, *(getattr(model, name) for name in columns))
        .where(selects(model.provider_id))
        .order_by(model.provider_id, model.position, model.id)
    )
    found: dict[str, list] = defaultdict(list)
    # all(): one fetch, not a call into the driver per row.
    for provider_id, *values in connection.execute(query).all():
        found[provider_id].append(values)
    return found


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
    in_known = methodcaller("in_", known)
    codes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for provider_id, rows in grouped_rows(
        session, ProviderCode, ("scheme", "code"), in_known
    ).items():
        for scheme, code in rows:
            codes[provider_id][scheme].append(code)
    phones = grouped_rows(session, Phone, ("number", "type", "description"), in_known)
    hours = grouped_rows(session, OpeningHours, ("weekday", "opens", "closes"), in_known)
    result = {}
    for provider_id, row in found.items():
        values = {column: row[column] for column in (*PLAIN_COLUMNS, *LOCATION_COLUMNS)}
        values["id"] = provider_id
        for scheme in CODE_SCHEMES:
            values[scheme] = codes[provider_id][scheme]
        values["phones"] = [tuple(phone) for phone in phones.get(provider_id, [])]
        values["intervals"] = [Interval(*row) for row in hours.get(provider_id, [])]
        values["organization_id"] = row["organization_id"]  # the caller adds its current state
        result[provider_id] = values
    return result
