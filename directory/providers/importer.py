"""All-or-nothing import of `providers.csv`: validate every row, then upsert in one transaction.

The file is streamed once: each batch of rows is checked, then planned (nothing written) into
a spool while the next rows are checked; only a file without problems has its plans written,
so memory stays bounded and the write lock is held only while writing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from directory.extensions import db
from directory.geo.geocoder import Geocoder

from .changes import record_changes
from .checking import RowChecker, RowError, checked_batches, validate_rows, worker_count
from .organizations import Organizations
from .reader import ImportFileError, open_rows
from .schemas import COLUMNS
from .writer import Recorder, Spool, apply_plan, batched, plan_batch

__all__ = [
    "ImportFileError", "ImportReport", "RowError", "import_providers", "upsert_rows",
    "validate_rows",
]  # fmt: skip

# Called with a phase's name, the work done and the work to do (bytes, then rows).
Progress = Callable[[str, int, int], None]
CHECKING, WRITING = "Checking", "Importing"
# Past this many problems the rest are only counted: a wrong file can have a million.
MAX_ERRORS = 1000


@dataclass
class ImportReport:
    """What an import did, or would do with `dry_run`."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    # Problems found past MAX_ERRORS, counted but not kept.
    more_errors: int = 0
    # Listing ids written (and of listings whose organization changed): for the search.
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def add_errors(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            if len(self.errors) < MAX_ERRORS:
                self.errors.append(error)
            else:
                self.more_errors += 1


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage rarely while importing (a third of its time went to collections)."""
    # An import allocates millions of short-lived objects while its set of ids grows.
    threshold = gc.get_threshold()
    gc.freeze()  # objects from before the import are never scanned during it
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def import_providers(
    path: Path,
    geocoder: Geocoder,
    default_time_zone: str,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    record: Recorder | None = None,
) -> ImportReport:
    """Validate the whole file, then upsert every row by id in one transaction.

    If any row is invalid nothing is written and the report lists the problems.
    `record([(id, cells before, cells after), ...])` is called for each batch of changed
    listings, in the same transaction (the audit trail).
    Raises ImportFileError when the file cannot be read as a spreadsheet at all.
    """
    report = ImportReport(dry_run=dry_run)
    checker = RowChecker()
    workers = worker_count(path.stat().st_size)
    planner = Planner(db.session, geocoder, default_time_zone, report, record is not None)
    with fewer_collections(), planner:
        with open_rows(path, lambda done, size: progress(CHECKING, done, size)) as (header, rows):
            report.ignored_columns = [name for name in header if name and name not in COLUMNS]
            # Each batch is planned (read, not written) as soon as it is checked: this
            # process plans while the checking processes load the next rows.
            for batch in checked_batches(batched(rows), checker, workers):
                report.add_errors(batch.errors)
                if not report.errors:
                    planner.plan(batch.rows())
        if report.errors:
            return report
        del checker  # the ids seen: ~100 bytes each, not needed any more
        return planner.write(record, progress)


def upsert_rows(
    loaded: Iterable[tuple[int, dict]],
    geocoder: Geocoder,
    default_time_zone: str,
    report: ImportReport,
    progress: Progress = _no_progress,
    record: Recorder | None = None,
) -> ImportReport:
    """Upsert validated rows by id in one transaction (nothing written for a dry run).

    Every listing written is added to the change record in the same transaction.
    """
    with Planner(db.session, geocoder, default_time_zone, report, record is not None) as planner:
        for chunk in batched(loaded):
            planner.plan(chunk)
        return planner.write(record, progress)


class Planner:
    """Plans batches of validated rows (nothing written), spooled; then writes them all.

    Used as a context manager: the spool is closed at the end, and the session rolled back
    if the block raised (nothing half-written)."""

    def __init__(
        self, session, geocoder: Geocoder, time_zone: str, report: ImportReport, audit: bool
    ) -> None:
        self.session, self.geocoder, self.time_zone = session, geocoder, time_zone
        self.report, self.audit = report, audit
        self.plans = Spool()
        self.rows = 0

    @cached_property
    def organizations(self) -> Organizations:
        """Every organization, read when the first batch is planned (inside the block)."""
        return Organizations(self.session)

    def __enter__(self) -> Planner:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *exc: object) -> None:
        self.plans.close()
        if error_type is not None:
            self.session.rollback()

    def plan(self, chunk: list[tuple[int, dict]]) -> None:
        """Plan one batch of loaded rows; count what it would create, update or leave."""
        session, report = self.session, self.report
        plan = plan_batch(
            session, chunk, self.geocoder, self.time_zone, self.organizations, self.audit
        )
        report.created += plan.created
        report.updated += plan.updated
        report.unchanged += plan.unchanged
        self.rows += plan.rows
        if plan.created or plan.updated:
            self.plans.add(plan)
        if session.new or session.dirty:  # online geocoding's cache: kept at once
            session.rollback() if report.dry_run else session.commit()

    def write(self, record: Recorder | None, progress: Progress) -> ImportReport:
        """Apply every plan and commit (nothing for a dry run), with the change record."""
        session, report = self.session, self.report
        if report.dry_run or not self.plans.count:
            return report
        done = 0
        for plan in self.plans:
            written = apply_plan(session, plan, record)
            # The listings the plan wrote have their new revisions; those of an
            # organization it changed get theirs here.
            record_changes(session, written, revised=set(plan.written))
            report.written += len(written)
            done += plan.rows
            progress(WRITING, done, self.rows)
        session.commit()
        return report
