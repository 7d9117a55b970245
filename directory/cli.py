"""`flask setup`: migrate the database and load the seed listings once."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .extensions import db
from .providers.cli import run_import
from .providers.importer import ImportFileError
from .providers.services import count_providers
from .providers.statistics import refresh_statistics
from .search.extension import build_index


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Migrate the database, import PROVIDERS_CSV into an empty directory, build the index."""
    upgrade()
    refresh_statistics(db.session)  # migrations may add tables and indexes
    existing = count_providers()
    if existing:
        click.echo(f"Database ready: {existing} listing(s); seed import skipped.")
    else:
        _import_seed()
    if not current_app.extensions["search"].index.exists():
        click.echo(f"Search index built: {build_index()} listing(s).")


def _import_seed() -> None:
    """Import the seed listings; any invalid row stops with the list of problems."""
    path = Path(current_app.config["PROVIDERS_CSV"])
    if not path.is_file():
        raise click.ClickException(f"{path} does not exist: set PROVIDERS_CSV to your listings.")
    try:
        report = run_import(path)
    except ImportFileError as error:
        raise click.ClickException(f"{path}: {error}") from error
    if not report.ok:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{path} has {len(report.errors)} problem(s); nothing imported.")
    click.echo(f"Imported {report.created} listing(s) from {path}.")
