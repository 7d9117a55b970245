"""The `flask` commands, run through Flask's CLI test runner on a real database."""

from __future__ import annotations

from sqlalchemy import func, select

from directory.extensions import db
from directory.providers.models import Provider

from .providers.rows import csv_text, good_row


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Provider))


def test_import_reports_counts(app, runner, write_csv):
    path = write_csv(csv_text(good_row(), good_row(id="two")))
    result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 unchanged." in result.output
    result = runner.invoke(args=["providers", "import", str(path)])
    assert "0 created, 0 updated, 2 unchanged." in result.output


def test_import_dry_run_writes_nothing(app, runner, write_csv):
    path = write_csv(csv_text(good_row()))
    result = runner.invoke(args=["providers", "import", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert "Dry run (nothing written): would have 1 created" in result.output
    assert count(app) == 0


def test_import_errors_are_listed_and_exit_nonzero(app, runner, write_csv):
    path = write_csv(csv_text(good_row(), good_row(id="b", services="shelter;lawyer")))
    result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 1
    assert "row 3, column services: unknown service type 'lawyer'; did you mean 'legal'?" in (
        result.output
    )
    assert "1 problem(s) found" in result.output and "nothing was imported" in result.output
    assert count(app) == 0


def test_import_unreadable_file(app, runner, write_csv):
    path = write_csv("name,city\nx,y\n")
    result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 1
    assert "row 1: required column(s) missing: id, organization, services, source_url" in (
        result.output
    )


def test_large_import_shows_progress(app, runner, write_csv):
    rows = [good_row(id=f"row-{n}") for n in range(600)]
    result = runner.invoke(args=["providers", "import", str(write_csv(csv_text(*rows)))])
    assert result.exit_code == 0, result.output
    assert "Importing" in result.output and "600 created" in result.output


def test_export_command(app, runner, write_csv, tmp_path):
    runner.invoke(args=["providers", "import", str(write_csv(csv_text(good_row())))])
    target = tmp_path / "out.csv"
    result = runner.invoke(args=["providers", "export", str(target)])
    assert result.exit_code == 0
    assert "Exported 1 listing(s)" in result.output
    assert "bk-legal" in target.read_text(encoding="utf-8")


def test_setup_imports_once(app, runner):
    first = runner.invoke(args=["setup"])
    assert first.exit_code == 0, first.output
    assert "Imported 3 listing(s)" in first.output
    second = runner.invoke(args=["setup"])
    assert "seed import skipped" in second.output
    assert count(app) == 3
