"""Planner statistics are refreshed after imports and `flask setup`."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from directory.extensions import db

from ..conftest import FIXTURES


def _analyzed_tables(app) -> set[str]:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("sqlite_stat1 is SQLite's; PostgreSQL keeps pg_statistic")
        has_stats = db.session.scalar(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        )
        if not has_stats:
            return set()
        return set(db.session.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))


def test_an_import_leaves_the_planner_statistics_current(app, runner):
    assert "provider" not in _analyzed_tables(app)
    result = runner.invoke(args=["providers", "import", str(FIXTURES / "providers_good.csv")])
    assert result.exit_code == 0, result.output
    assert {"provider", "provider_code", "organization"} <= _analyzed_tables(app)


def test_a_dry_run_writes_nothing_not_even_statistics(app, runner):
    args = ["providers", "import", "--dry-run", str(FIXTURES / "providers_good.csv")]
    assert runner.invoke(args=args).exit_code == 0
    assert "provider" not in _analyzed_tables(app)
