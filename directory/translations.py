"""`flask translate update|compile`: keep the message catalogs in step with the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from .translation_review import REVIEWED, review_summary, sync_review_files
from .web.i18n import CATALOG_LOCALES

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "translations"
TEMPLATE = CATALOGS / "messages.pot"
BABEL_CFG = ROOT / "babel.cfg"

translate_cli = AppGroup("translate", help="Extract, update and compile translations.")


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), *args], check=True, cwd=ROOT)


def extract() -> None:
    """Write translations/messages.pot from the code and templates."""
    _pybabel(
        "extract", "-F", str(BABEL_CFG), "-k", "_l", "--no-location", "--sort-output",
        "--omit-header", "-o", str(TEMPLATE), "directory",
    )  # fmt: skip


@translate_cli.command("update")
def update_command() -> None:
    """Extract messages, then merge them into every language's catalog (new ones are created)."""
    extract()
    for locale in CATALOG_LOCALES:
        if (CATALOGS / locale / "LC_MESSAGES" / "messages.po").exists():
            _pybabel("update", "-i", str(TEMPLATE), "-d", str(CATALOGS), "-l", locale, "--no-wrap")
        else:
            _pybabel("init", "-i", str(TEMPLATE), "-d", str(CATALOGS), "-l", locale, "--no-wrap")
    click.echo(f"Updated {len(CATALOG_LOCALES)} catalogs from {TEMPLATE.name}.")
    _sync_reviews()


@translate_cli.command("compile")
def compile_command() -> None:
    """Compile every catalog to the .mo files the app reads."""
    _pybabel("compile", "-d", str(CATALOGS), "--statistics")
    click.echo("Compiled the catalogs.")
    _sync_reviews()


def _sync_reviews() -> None:
    # The review files describe what users see, so they follow every update and compile.
    changed = sync_review_files(CATALOGS, CATALOG_LOCALES)
    if changed:
        click.echo(f"Review files brought in step with the catalogs: {', '.join(changed)}.")


@translate_cli.command("review")
def review_command() -> None:
    """Show how many messages a native speaker has reviewed in each language."""
    for entry in review_summary(CATALOGS):
        state = "reviewed" if entry.complete else "machine-assisted"
        click.echo(
            f"{entry.language.locale:8} {entry.reviewed:4d} of {entry.total:4d} {REVIEWED}"
            f"  ({state})"
        )
