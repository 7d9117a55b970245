"""`flask providers import|export` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from directory.extensions import db
from directory.geo.services import configured_geocoder

from .exporter import export_providers
from .importer import ImportFileError, ImportReport, import_providers
from .statistics import refresh_statistics

providers_cli = AppGroup("providers", help="Import and export provider listings.")

# Below this many rows a progress bar is only noise.
PROGRESS_MIN_ROWS = 500


def _progress(items):
    items = list(items)
    if len(items) < PROGRESS_MIN_ROWS:
        yield from items
        return
    with click.progressbar(items, label="Importing", file=sys.stderr) as bar:
        yield from bar


def run_import(path: Path, dry_run: bool = False) -> ImportReport:
    """Import `path` with the configured geocoder; raises ImportFileError.

    Every change is recorded in the audit trail as made by "import".
    """
    from directory.manage.audit import record_import

    report = import_providers(
        path,
        configured_geocoder(),
        current_app.config["DEFAULT_TIME_ZONE"],
        dry_run=dry_run,
        progress=_progress,
        record=record_import,
    )
    if report.ok and not dry_run and (report.created or report.updated):
        refresh_statistics(db.session)  # the planner must know the tables grew
    return report


@providers_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and count, but write nothing.")
def import_command(path: Path, dry_run: bool) -> None:
    """Validate PATH (providers.csv format) and upsert every listing by id."""
    try:
        report = run_import(path, dry_run)
    except ImportFileError as error:
        raise click.ClickException(f"{path}: {error}") from error
    if report.ignored_columns:
        click.echo(f"Ignored unknown column(s): {', '.join(report.ignored_columns)}", err=True)
    if not report.ok:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(report.errors)} problem(s) found in {path}; nothing was imported."
        )
    prefix = "Dry run (nothing written): would have " if dry_run else ""
    click.echo(
        f"{prefix}{report.created} created, {report.updated} updated, {report.unchanged} unchanged."
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
