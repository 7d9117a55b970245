"""Write converted listings in the providers.csv column order."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from directory.providers.schemas import COLUMNS


def write_listings(listings: list[dict[str, Any]], path: Path) -> None:
    """Write `listings` (string cells) with every providers.csv column, plus any extra ones."""
    extra = [c for c in dict.fromkeys(k for row in listings for k in row) if c not in COLUMNS]
    columns = [*COLUMNS, *extra]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in listings:
            writer.writerow({column: row.get(column, "") for column in columns})
