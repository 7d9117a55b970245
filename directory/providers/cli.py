"""`flask providers import|export` commands."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import inspect

from directory.extensions import db
from directory.geo.services import configured_geocoder

from .changes import wake_up_held
from .exporter import export_providers
from .importer import CHECKING, ImportFileError, ImportReport, import_providers
from .importlock import ImportRunning, import_lock
from .models import Provider
from .statistics import refresh_statistics

providers_cli = AppGroup("providers", help="Import and export provider listings.")

# Below this many rows (or bytes of file) a progress bar is only noise.
PROGRESS_MIN_ROWS = 500
PROGRESS_MIN_BYTES = 256 * 1024
# Added to an import command's niceness (0-19, higher yields more): imports are background work.
IMPORT_NICENESS = 10


class ProgressBars:
    """One click progress bar per import phase, on stderr."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.bar: Any = None
        self.shown = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            minimum = PROGRESS_MIN_BYTES if phase == CHECKING else PROGRESS_MIN_ROWS
            if total >= minimum:
                self.bar = click.progressbar(length=total, label=phase, file=sys.stderr)
                self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        self.bar, self.shown = None, 0


def ensure_tables() -> None:
    """A new database gets its tables (the migrations), as `flask setup` would make them."""
    if inspect(db.engine).has_table(Provider.__tablename__):
        return
    click.echo("The database has no tables yet: creating them (flask db upgrade).", err=True)
    try:
        upgrade()
    except Exception as error:  # any migration failure gets the same advice
        raise click.ClickException(
            f"could not create the tables ({error}); run `flask setup` first"
        ) from error


@contextmanager
def one_import() -> Iterator[None]:
    """Refuse to start while another import into this database runs."""
    try:
        with import_lock(db.engine, Path(current_app.instance_path)):
            yield
    except ImportRunning as error:
        raise click.ClickException(str(error)) from None


def yield_to_the_site() -> None:
    """Run this command at a lower CPU priority: a site on the same machine answers first."""
    os.nice(IMPORT_NICENESS)


def run_import(path: Path, dry_run: bool = False) -> ImportReport:
    """Import `path` with the configured geocoder, one import at a time; raises ImportFileError.

    Every change is recorded in the audit trail as made by "import", and in the change
    record, whose wake-up (sent once the import has ended and its memory is freed) brings
    the search index up to date.
    """
    from directory.manage.audit import record_import

    ensure_tables()
    bars = ProgressBars()
    with one_import(), wake_up_held(db.session()):
        try:
            report = import_providers(
                path,
                configured_geocoder(),
                current_app.config["DEFAULT_TIME_ZONE"],
                dry_run=dry_run,
                progress=bars,
                record=record_import,
            )
        finally:
            bars.close()
        if report.ok and not dry_run and (report.created or report.updated):
            refresh_statistics(db.session)  # the planner must know the tables grew
    return report


@providers_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and count, but write nothing.")
def import_command(path: Path, dry_run: bool) -> None:
    """Validate PATH (providers.csv format) and upsert every listing by id."""
    started = time.monotonic()
    yield_to_the_site()
    try:
        report = run_import(path, dry_run)
    except ImportFileError as error:
        raise click.ClickException(f"{path}: {error}") from error
    if report.ignored_columns:
        click.echo(f"Ignored unknown column(s): {', '.join(report.ignored_columns)}", err=True)
    if not report.ok:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        if report.more_errors:
            click.echo(f"... and {report.more_errors} more problem(s).", err=True)
        count = len(report.errors) + report.more_errors
        raise click.ClickException(f"{count} problem(s) found in {path}; nothing was imported.")
    prefix = "Dry run (nothing written): would have " if dry_run else ""
    click.echo(
        f"{prefix}{report.created} created, {report.updated} updated, {report.unchanged} "
        f"unchanged. {report.rows} row(s) in {time.monotonic() - started:.1f} s."
    )


@providers_cli.command("convert-nyc-victim-services")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def convert_nyc_command(source: Path, out: Path) -> None:
    """Convert the City's victim-services facility.csv (SOURCE) to providers.csv rows (OUT)."""
    from directory.sources.cli import write_listings
    from directory.sources.nyc_victim_services import SourceFileError, convert

    try:
        listings = convert(source)
    except (SourceFileError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{source}: not the City's facility.csv ({error})") from error
    write_listings(listings, out)
    click.echo(f"Converted {len(listings)} City row(s) to {out}.")


@providers_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_command(path: Path) -> None:
    """Write every listing to PATH in the providers.csv format."""
    count = export_providers(path)
    click.echo(f"Exported {count} listing(s) to {path}.")
