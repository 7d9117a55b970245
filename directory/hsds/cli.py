"""`flask hsds export|import` commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from directory.geo.services import configured_geocoder
from directory.providers.cli import ensure_tables, one_import, yield_to_the_site

from .exporter import export_package
from .importer import import_package
from .reader import PackageError

hsds_cli = AppGroup("hsds", help="Exchange listings as Open Referral HSDS 3.0 data packages.")


@hsds_cli.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export_command(folder: Path) -> None:
    """Write every active listing to FOLDER as an HSDS 3.0 CSV data package."""
    counts = export_package(folder)
    click.echo(
        f"Exported {counts['services']} service(s) and {counts['organizations']} "
        f"organization(s) to {folder / 'datapackage.json'}."
    )


@hsds_cli.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Map, validate and count, but write nothing.")
def import_command(folder: Path, dry_run: bool) -> None:
    """Import an HSDS 3.0 CSV data package from FOLDER (all listings or none)."""
    yield_to_the_site()
    ensure_tables()
    try:
        with one_import():
            report = import_package(
                folder, configured_geocoder(), current_app.config["DEFAULT_TIME_ZONE"], dry_run
            )
    except PackageError as error:
        raise click.ClickException(str(error)) from error
    for note in report.not_imported:
        click.echo(str(note), err=True)
    if not report.ok:
        for problem in report.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(report.problems)} problem(s) found in {folder}; nothing was imported."
        )
    prefix = "Dry run (nothing written): would have " if dry_run else ""
    left_out = f" {len(report.not_imported)} value(s) not imported (listed above)."
    click.echo(
        f"{prefix}{report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged.{left_out if report.not_imported else ''}"
    )
