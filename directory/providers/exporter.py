"""Export listings in the same spreadsheet format they are imported from."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from directory.extensions import db

from .models import Provider
from .rows import row_data
from .schemas import COLUMNS, FORMULA_PREFIXES, dump_row


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def neutralize(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: prefix `'` (import removes it).

    A plain number such as a longitude (`-73.99`) is no formula and stays as it is.
    """
    if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell):
        return "'" + cell
    return cell


def export_providers(path: Path) -> int:
    """Write every listing to `path` as UTF-8 CSV; return how many rows were written."""
    providers = db.session.scalars(select(Provider).order_by(Provider.id))
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for provider in providers:
            row = dump_row(row_data(provider))
            writer.writerow({column: neutralize(value) for column, value in row.items()})
            count += 1
    return count
