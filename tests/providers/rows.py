"""Build spreadsheet rows for import tests from one good row and per-test changes."""

from __future__ import annotations

import csv
import io

from directory.providers.schemas import CORE_COLUMNS

GOOD_ROW = {
    "id": "bk-legal",
    "name": "Immigration Legal Clinic",
    "organization": "Example Legal Aid",
    "description": "Free legal help with T visas, U visas and asylum.",
    "services": "legal;immigration",
    "populations": "adults;immigrants",
    "languages": "en;es",
    "address": "123 Example St",
    "city": "Brooklyn",
    "state": "NY",
    "postal_code": "11201",
    "latitude": "40.6943",
    "longitude": "-73.9903",
    "location_confidential": "false",
    "phone": "718-555-0100 (intake)",
    "hours": "Mo-Fr 09:00-17:00",
    "cost": "free",
    "walk_in": "yes",
    "source_url": "https://example.org/clinic",
}


def csv_text(*rows: dict[str, str], columns=CORE_COLUMNS) -> str:
    """A CSV file with the given columns and rows (missing cells empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return out.getvalue()


def good_row(**changes: str) -> dict[str, str]:
    """The good row with some cells changed."""
    return {**GOOD_ROW, **changes}
