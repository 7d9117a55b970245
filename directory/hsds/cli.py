"""`flask hsds export|import` commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from .exporter import export_package

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
