"""Read an HSDS CSV data package: every table's rows with their spreadsheet row numbers."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from directory.providers.reader import ImportFileError, check_encoding, csv_problem

from .package import table_for_path


class PackageError(ValueError):
    """Raised when a folder cannot be read as an HSDS data package at all."""


@dataclass(frozen=True)
class Row:
    """One CSV row of a table, located as a spreadsheet shows it (the header is row 1)."""

    table: str
    file: str
    number: int
    cells: dict[str, str]

    def get(self, name: str) -> str | None:
        value = (self.cells.get(name) or "").strip()
        return value or None


@dataclass
class Package:
    """The tables of a package by our table keys, plus files this directory cannot use."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    other_files: dict[str, list[Row]] = field(default_factory=dict)

    def by_id(self, table: str) -> dict[str, Row]:
        return {row.get("id"): row for row in self.tables.get(table, []) if row.get("id")}

    def grouped(self, table: str, column: str) -> dict[str, list[Row]]:
        groups: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables.get(table, []):
            if row.get(column):
                groups[row.get(column)].append(row)  # type: ignore[index]
        return groups


def _read_csv(path: Path, table: str) -> list[Row]:
    try:
        check_encoding(path)
        text = path.read_bytes().decode("utf-8-sig")
    except ImportFileError as error:
        raise PackageError(f"{path.name}: {error}") from error
    except UnicodeDecodeError as error:
        raise PackageError(f"{path.name} is not UTF-8 text (byte {error.start})") from error
    # The csv module splits lines itself: U+2028, NEL or a form feed stay inside their cell.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for cells in reader:
            if any((value or "").strip() for value in cells.values() if isinstance(value, str)):
                clean = {
                    k: v for k, v in cells.items() if isinstance(k, str) and isinstance(v, str)
                }
                rows.append(Row(table, path.name, reader.line_num, clean))
    except csv.Error as error:
        problem = csv_problem(error, reader.line_num, reader.line_num)
        raise PackageError(f"{path.name}, {problem}") from error
    return rows


def read_package(folder: Path) -> Package:
    """Read every CSV file of a package folder. Raises PackageError.

    HSDS fixes each table's file name, so files are found by name; `datapackage.json` is not
    needed (the specification's own example ships it as a link to elsewhere).
    """
    if not folder.is_dir():
        raise PackageError(f"{folder} is not a folder")
    package = Package()
    for path in sorted(folder.glob("*.csv")):
        table = table_for_path(path.name)
        if table is None:
            package.other_files[path.name] = _read_csv(path, path.stem)
        else:
            package.tables[table] = _read_csv(path, table)
    if not package.tables:
        raise PackageError(f"{folder} holds none of the HSDS tables (services.csv, ...)")
    return package
