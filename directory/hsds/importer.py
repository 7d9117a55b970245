"""All-or-nothing import of an HSDS data package through the spreadsheet importer's schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from directory.extensions import db
from directory.geo.geocoder import Geocoder
from directory.providers.importer import ImportReport, upsert_rows, validate_rows
from directory.providers.models import Provider
from directory.providers.schemas import REQUIRED_COLUMNS
from directory.providers.writer import Recorder

from .mapping import Listing, ListingBuilder, Origin
from .reader import read_package

# The services.csv field to look at when a required column came out empty.
REQUIRED_FIELDS = {"name": "name", "organization": "organization_id", "source_url": "url"}
# Why a required column can be empty after mapping, in HSDS's words.
REQUIRED_HINTS = {
    "services": "no taxonomy term or word of the service's name matches one of this "
    "directory's service types",
    "source_url": "no public source: give the service a url (or a source_url attribute)",
    "organization": "the service's organization_id names no row of organizations.csv",
}


@dataclass(frozen=True)
class Problem:
    """A problem or a value left out, located by file, row (header is row 1) and field."""

    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, field {self.field}: {self.message}"


@dataclass
class HsdsImportReport(ImportReport):
    """What an HSDS import did, with every value it could not bring in."""

    problems: list[Problem] = field(default_factory=list)
    not_imported: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _problem(origin: Origin, message: str) -> Problem:
    return Problem(origin[0], origin[1], origin[2], message)


def _load(listing: Listing, number: int, report: HsdsImportReport) -> dict | None:
    """Validate one listing; optional values that fail are left out and reported."""
    service_origin = listing.origin.get("id", ("services.csv", 0, "id"))
    while True:
        loaded, errors = validate_rows([(number, listing.cells)])
        if not errors:
            return loaded[0][1]
        fatal = [e for e in errors if e.column in REQUIRED_COLUMNS or e.column == "-"]
        if fatal:
            for error in fatal:
                origin = listing.origin.get(error.column) or (
                    *service_origin[:2],
                    REQUIRED_FIELDS.get(error.column, "id"),
                )
                hint = REQUIRED_HINTS.get(error.column, "")
                message = hint if hint and error.message == "is required" else error.message
                report.problems.append(_problem(origin, f"{error.column}: {message}"))
            return None
        dropped = False
        for error in errors:
            origin = listing.origin.get(error.column, service_origin)
            report.not_imported.append(_problem(origin, f"not imported: {error.message}"))
            pair = ("latitude", "longitude") if error.column in ("latitude", "longitude") else ()
            for column in (error.column, *pair):
                dropped = listing.cells.pop(column, None) is not None or dropped
        if not dropped:  # a problem no single value causes: the listing cannot come in
            report.problems.extend(_problem(service_origin, e.message) for e in errors)
            return None


def import_package(
    folder: Path,
    geocoder: Geocoder,
    default_time_zone: str,
    dry_run: bool = False,
    record: Recorder | None = None,
) -> HsdsImportReport:
    """Map, validate, then upsert every listing in one transaction; nothing if any fails.

    `record(id, cells before, cells after)` is called for each changed listing, in the same
    transaction (the audit trail). Raises PackageError when the folder cannot be read as an
    HSDS package.
    """
    package = read_package(folder)
    report = HsdsImportReport(dry_run=dry_run)
    existing = {p.id: p for p in db.session.scalars(select(Provider))}
    builder = ListingBuilder(package, existing)
    loaded = []
    for number, listing in enumerate(builder.listings(), start=2):
        report.not_imported.extend(_problem(origin, note) for origin, note in listing.notes)
        data = _load(listing, number, report)
        if data is not None:
            loaded.append((number, data))
    report.not_imported.extend(_problem(origin, note) for origin, note in builder.unused())
    report.not_imported.sort(key=lambda p: (p.file, p.row, p.field))
    ids = [data["id"] for _, data in loaded]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        report.problems.append(Problem("services.csv", 0, "id", f"listing {duplicate} twice"))
    if report.problems:
        return report
    upsert_rows(loaded, geocoder, default_time_zone, report, record=record)
    return report
