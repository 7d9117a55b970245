"""All-or-nothing import of `providers.csv`: validate every row, then upsert in one transaction."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from marshmallow import ValidationError
from sqlalchemy import select

from directory.extensions import db
from directory.geo.geocoder import Geocoder

from .models import Organization, Provider
from .rows import apply_values, current_values, resolve_values, row_data
from .schemas import COLUMNS, REQUIRED_COLUMNS, ProviderRowSchema, dump_row

T = TypeVar("T")
Progress = Callable[[Iterable[T]], Iterator[T]]
# Called with a listing id and its cells before and after a change (the audit trail).
Recorder = Callable[[str, dict[str, str], dict[str, str]], None]


class ImportFileError(ValueError):
    """Raised when the file itself cannot be read as a providers spreadsheet."""


@dataclass(frozen=True)
class RowError:
    """One problem, located as a spreadsheet shows it (the header is row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ImportReport:
    """What an import did, or would do with `dry_run`."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Read the header and the non-blank rows with their spreadsheet row numbers."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8'"
        ) from error
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportFileError("the file is empty: row 1 must be the header") from None
    except csv.Error as error:
        raise ImportFileError(f"row 1: {error}") from error
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise ImportFileError(f"row 1: column(s) named twice: {', '.join(duplicates)}")
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(f"row 1: required column(s) missing: {', '.join(missing)}")
    rows = []
    try:
        for cells in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            row: dict[str, Any] = dict(zip(header, cells, strict=False))
            if len(cells) > len(header):
                row[None] = cells[len(header) :]  # type: ignore[index]
            rows.append((number, row))
    except csv.Error as error:
        raise ImportFileError(f"row {reader.line_num}: {error}") from error
    return header, rows


def flatten_messages(messages: Any) -> list[str]:
    """Every message in a marshmallow error structure, in order."""
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in flatten_messages(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in flatten_messages(value)]
    return [str(messages)]


def validate_rows(
    rows: list[tuple[int, dict[str, Any]]],
) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Validate every row; return the loaded ones and every problem found."""
    schema = ProviderRowSchema()
    loaded, errors = [], []
    first_seen: dict[str, int] = {}
    for number, row in rows:
        if None in row:
            errors.append(RowError(number, "-", "has more cells than the header has columns"))
        try:
            data = schema.load(row)
        except ValidationError as error:
            for column, messages in sorted(error.normalized_messages().items()):
                label = "-" if column == "_schema" else column
                errors.extend(RowError(number, label, m) for m in flatten_messages(messages))
            continue
        if data["id"] in first_seen:
            errors.append(
                RowError(
                    number,
                    "id",
                    f"duplicate id {data['id']!r} (first on row {first_seen[data['id']]})",
                )
            )
            continue
        first_seen[data["id"]] = number
        loaded.append((number, data))
    return loaded, errors


def _plain(items: Iterable[T]) -> Iterator[T]:
    yield from items


def import_providers(
    path: Path,
    geocoder: Geocoder,
    default_time_zone: str,
    dry_run: bool = False,
    progress: Progress = _plain,
    record: Recorder | None = None,
) -> ImportReport:
    """Validate the whole file, then upsert every row by id in one transaction.

    If any row is invalid nothing is written and the report lists every problem.
    `record(id, cells before, cells after)` is called for each changed listing, in the
    same transaction (the audit trail).
    Raises ImportFileError when the file cannot be read as a spreadsheet at all.
    """
    header, rows = read_rows(path)
    report = ImportReport(dry_run=dry_run)
    report.ignored_columns = [name for name in header if name and name not in COLUMNS]
    loaded, report.errors = validate_rows(rows)
    if report.errors:
        return report
    return upsert_rows(loaded, geocoder, default_time_zone, report, progress, record)


def upsert_rows(
    loaded: list[tuple[int, dict]],
    geocoder: Geocoder,
    default_time_zone: str,
    report: ImportReport,
    progress: Progress = _plain,
    record: Recorder | None = None,
) -> ImportReport:
    """Upsert validated rows by id in one transaction (rolled back for a dry run)."""
    session = db.session
    try:
        existing = {p.id: p for p in session.scalars(select(Provider))}
        organizations = {o.id: o for o in session.scalars(select(Organization))}
        for _, data in progress(loaded):
            values = resolve_values(data, geocoder, default_time_zone)
            provider = existing.get(values["id"])
            if provider is not None and current_values(provider) == values:
                report.unchanged += 1
                continue
            org_values = values["organization"]
            organization = organizations.get(org_values["id"])
            if organization is None:
                organization = organizations[org_values["id"]] = Organization(**org_values)
                session.add(organization)
            else:
                for key in ("name", "website", "description"):
                    setattr(organization, key, org_values[key])
            before = {} if provider is None or record is None else dump_row(row_data(provider))
            if provider is None:
                provider = existing[values["id"]] = Provider(id=values["id"])
                session.add(provider)
                report.created += 1
            else:
                report.updated += 1
            apply_values(provider, values, organization)
            if record is not None:
                record(provider.id, before, dump_row(row_data(provider)))
        if report.dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return report
