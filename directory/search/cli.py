"""`flask search rebuild|sync|verify`: build, catch up and check this node's index."""

from __future__ import annotations

import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup

from directory.extensions import db
from directory.providers.changes import prune

from .sync import Progress, catch_up, count_documents

search_cli = AppGroup("search", help="Build, catch up and check the search index.")


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Index every active listing into a new directory, then swap it in."""
    started = time.monotonic()
    total = count_documents()
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
        outcome = catch_up(full=True, wait=3600, on_document=bar.update)
    if outcome.busy:
        raise click.ClickException("Another process kept the index busy; try again.")
    click.echo(
        f"Indexed {outcome.indexed} listing(s) in {time.monotonic() - started:.1f} s "
        f"(up to change {outcome.seq})."
    )


@search_cli.command("sync")
@click.option("--wait", default=600.0, show_default=True, help="Seconds to wait for the index.")
def sync_command(wait: float) -> None:
    """Apply the database's change record to this node's index (a rebuild if far behind),
    and prune records older than CHANGE_RECORD_KEEP_DAYS."""
    from .verify import position_line

    progress = Progress("Rebuilding")
    try:
        outcome = catch_up(wait=wait, on_document=progress)
    finally:
        progress.close()
    if outcome.busy:
        raise click.ClickException("Another process is applying changes to this index.")
    keep_days = current_app.config["CHANGE_RECORD_KEEP_DAYS"]
    with db.session.begin():
        pruned = prune(db.session, keep_days)
    if outcome.rebuilt:
        click.echo(f"Index rebuilt: {outcome.indexed} listing(s).")
    if outcome.reindexed or not outcome.rebuilt:
        click.echo(f"{outcome.reindexed} listing(s) reindexed from the change record.")
    if pruned:
        click.echo(f"Pruned {pruned} change record(s) older than {keep_days} day(s).")
    click.echo(position_line())


@search_cli.command("verify")
def verify_command() -> None:
    """Compare the index with the database (counts and each listing's version); exit 1 if
    anything differs."""
    from .verify import compare, position_line

    difference = compare()
    for line in difference.lines():
        click.echo(line)
    click.echo(position_line())
    if not difference.ok:
        raise click.ClickException(
            "The index differs from the database: run `flask search sync` "
            "(or `flask search rebuild`)."
        )
    click.echo("The index matches the database.")
