"""Availability as HSDS 3.1 `service_capacity` and `unit` rows, for listings that report it."""

from __future__ import annotations

import json
from datetime import UTC
from functools import cache
from typing import Any

from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import ServiceCapacity
from directory.providers.models import Provider, Status

from .package import SPEC_DIR
from .profile import stable_id
from .records import Tables

CAPACITY_TABLES = {"units": "unit", "service_capacity": "service_capacity"}


@cache
def capacity_resources() -> dict[str, dict[str, Any]]:
    """The 3.1 resource descriptors, by our table key."""
    text = (SPEC_DIR / "capacity-3.1.json").read_text(encoding="utf-8")
    by_name = {r["name"]: r for r in json.loads(text)["resources"]}
    return {table: by_name[name] for table, name in CAPACITY_TABLES.items()}


def capacity_tables() -> Tables:
    """Units and capacities of active listings; empty when no listing reports availability."""
    rows = db.session.execute(
        select(ServiceCapacity, Provider.id)
        .join(Provider, Provider.id == ServiceCapacity.provider_id)
        .where(Provider.status == Status.active)
        .order_by(Provider.id)
    ).all()
    tables: Tables = {"units": [], "service_capacity": []}
    for capacity, provider_id in rows:
        unit_id = stable_id("unit", capacity.unit)
        if all(unit["id"] != unit_id for unit in tables["units"]):
            tables["units"].append({"id": unit_id, "name": capacity.unit})
        updated = capacity.updated_at.replace(tzinfo=capacity.updated_at.tzinfo or UTC)
        tables["service_capacity"].append(
            {
                "id": stable_id("service_capacity", provider_id),
                "service_id": stable_id("service", provider_id),
                "unit_id": unit_id,
                "available": capacity.available,
                "maximum": capacity.maximum,
                "updated": updated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
    return tables if rows else {}
