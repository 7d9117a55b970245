"""Export listings in the same spreadsheet format they are imported from."""

from __future__ import annotations

from collections.abc import Iterable
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
        handle.write(csv_line(COLUMNS))
        for provider in providers:
            row = dump_row(row_data(provider))
            handle.write(csv_line([neutralize(row[column]) for column in COLUMNS]))
            count += 1
    return count


# Cells with these are quoted: the csv module quotes only for "\r" and "\n", but other
# readers (str.splitlines, some spreadsheets) also break lines at NEL, U+2028, form feed...
_QUOTE_FOR = frozenset(',"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')


def csv_line(cells: Iterable[str]) -> str:
    """One CSV record (RFC 4180, CRLF), quoting every cell that holds a line break."""
    return ",".join(_quoted(cell) for cell in cells) + "\r\n"


def _quoted(cell: str) -> str:
    if _QUOTE_FOR.isdisjoint(cell):
        return cell
    return '"' + cell.replace('"', '""') + '"'
