"""`flask providers import` as a newcomer and an operator meet it: new database, busy database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from directory import create_app
from directory.extensions import db
from directory.providers.importlock import ADVISORY_KEY, import_lock
from directory.providers.models import Provider
from directory.search.extension import close_search

from ..support import app_config
from .rows import csv_text, good_row


def test_import_into_a_database_without_tables_creates_them(tmp_path, write_csv):
    app = create_app(app_config(tmp_path))
    path = write_csv(csv_text(good_row()))
    result = app.test_cli_runner().invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "no tables yet: creating them" in result.output
    assert "1 created, 0 updated, 0 unchanged." in result.output
    assert "Traceback" not in result.output
    with app.app_context():
        assert inspect(db.engine).has_table("alembic_version")
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 1
        db.session.remove()
        db.engine.dispose()
    close_search(app)


def test_second_import_is_refused_while_one_runs(app, runner, write_csv):
    path = write_csv(csv_text(good_row()))
    with app.app_context(), import_lock(db.engine, Path(app.instance_path)):
        result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 1
    assert "another import is running (process " in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    result = runner.invoke(args=["providers", "import", str(path)])  # the lock was released
    assert result.exit_code == 0, result.output


def test_hsds_import_is_refused_too_while_one_runs(app, runner):
    folder = Path(__file__).parent.parent / "fixtures" / "hsds-example"
    with app.app_context(), import_lock(db.engine, Path(app.instance_path)):
        result = runner.invoke(args=["hsds", "import", str(folder), "--dry-run"])
    assert result.exit_code == 1 and "another import is running" in result.output


@pytest.mark.sqlite
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        busy = db.session.execute(text("PRAGMA busy_timeout")).scalar()
        assert busy == int(app.config["SQLITE_BUSY_TIMEOUT_SECONDS"] * 1000) > 0


def test_final_line_gives_counts_rows_and_time(app, runner, write_csv):
    result = runner.invoke(args=["providers", "import", str(write_csv(csv_text(good_row())))])
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("1 created, 0 updated, 0 unchanged. 1 row(s) in "), last
    assert last.endswith(" s.")


@pytest.mark.postgresql
def test_streaming_import_and_refusal_on_postgresql(app, runner, write_csv, monkeypatch):
    from directory.providers import writer
    from directory.providers.importlock import ImportRunning

    monkeypatch.setattr(writer.batched, "__defaults__", (2,))  # several batches, one commit
    rows = [good_row(id=f"row-{n}", organization=f"Organización {n % 2}") for n in range(5)]
    path = write_csv(csv_text(*rows))
    result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "5 created, 0 updated, 0 unchanged." in result.output
    again = runner.invoke(args=["providers", "import", str(path)])
    assert "0 created, 0 updated, 5 unchanged." in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 5
        # Another machine's import holds the advisory lock: this one is refused.
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
            elsewhere = Path(app.instance_path) / "elsewhere"
            with (
                pytest.raises(ImportRunning, match="another machine"),
                import_lock(db.engine, elsewhere),
            ):
                pass
            other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})


def test_the_index_follows_an_import_before_the_command_ends(app, runner, write_csv):
    from directory.search.extension import search_service
    from directory.search.request import SearchRequest

    path = write_csv(csv_text(good_row(name="Zanzibar Legal Clinic")))
    result = runner.invoke(args=["providers", "import", str(path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        found = search_service().search(SearchRequest(q="Zanzibar"))
        assert [hit.id for hit in found.hits] == ["bk-legal"]
