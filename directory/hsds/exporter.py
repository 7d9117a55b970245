"""`flask hsds export`: every listing as an HSDS 3.0 CSV data package."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select

from directory.extensions import db
from directory.providers.models import Organization, Provider, Status

from .capacity import capacity_resources, capacity_tables
from .package import RESOURCES, descriptor, resource
from .profile import taxonomy_records, term_records
from .records import Tables, organization_record, provider_tables


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def collect_tables() -> Tables:
    """Every table's rows for the whole directory, in a stable order."""
    tables: Tables = defaultdict(list)
    with force_locale("en"):
        tables["taxonomies"] = taxonomy_records()
        tables["taxonomy_terms"] = term_records()
        # Inactive listings are never shown, so never published either.
        active = select(Provider).where(Provider.status == Status.active)
        organizations = db.session.scalars(
            select(Organization)
            .where(Organization.id.in_(active.with_only_columns(Provider.organization_id)))
            .order_by(Organization.id)
        )
        tables["organizations"] = [organization_record(o) for o in organizations]
        for provider in db.session.scalars(active.order_by(Provider.id)):
            for table, rows in provider_tables(provider).items():
                tables[table].extend(rows)
    tables.update(capacity_tables())
    return tables


def write_package(folder: Path, tables: Tables) -> dict[str, int]:
    """Write `datapackage.json` and one CSV per resource; return the row count per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    resources = {table: resource(table) for table in RESOURCES}
    resources.update({t: r for t, r in capacity_resources().items() if tables.get(t)})
    for table, described in resources.items():
        columns = [f["name"] for f in described["schema"]["fields"]]
        path = folder / described["path"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in tables.get(table, []):
                writer.writerow([_cell(row.get(column)) for column in columns])
        counts[table] = len(tables.get(table, []))
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor(list(resources.values())), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return counts


def export_package(folder: Path) -> dict[str, int]:
    """Export every listing to `folder`; return the row count per table."""
    return write_package(folder, collect_tables())
