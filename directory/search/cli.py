"""`flask search rebuild`: a fresh index from the database, swapped in atomically."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from .extension import build_index
from .sync import count_documents

search_cli = AppGroup("search", help="Build and inspect the search index.")


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Index every active listing into a new directory, then swap it in."""
    total = count_documents()
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
        count = build_index(bar.update, total)
    click.echo(f"Indexed {count} listing(s).")
