"""Alembic migrations: a fresh database, a previous-release database, and models in step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select

from directory import MIGRATIONS, create_app
from directory.extensions import db
from directory.providers.models import Provider
from directory.search.extension import close_search

from .support import app_config

FIXTURES = Path(__file__).parent / "fixtures"
# What the previous release's `flask setup` left, on each database it ran on.
PREVIOUS_RELEASE = {
    "sqlite": FIXTURES / "previous_release.sql",
    "postgresql": FIXTURES / "previous_release_postgresql.sql",
}


@pytest.fixture
def bare_app(tmp_path: Path):
    """An app whose database file is empty (no `create_all`)."""
    app = create_app(app_config(tmp_path, PROVIDERS_CSV=str(FIXTURES / "providers_good.csv")))
    yield app
    close_search(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _revision(app) -> str | None:
    with app.app_context(), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _listings(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Provider.id)))


def _previous_release_database(app) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite:///"):
        # A plain connection: the app's turns foreign keys on, which the dump's order breaks.
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.executescript(PREVIOUS_RELEASE["sqlite"].read_text())
        return
    with app.app_context(), db.engine.begin() as connection:
        connection.exec_driver_sql(PREVIOUS_RELEASE["postgresql"].read_text())


def test_migrated_schema_matches_the_models(bare_app):
    """A model change without its migration fails here."""
    with bare_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_every_migration_downgrades_to_nothing(bare_app):
    from flask_migrate import downgrade

    with bare_app.app_context():
        upgrade()
        downgrade(revision="base")
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()


def test_db_upgrade_keeps_every_listing_of_the_previous_release(bare_app):
    _previous_release_database(bare_app)
    before = _listings(bare_app)
    assert len(before) == 3
    result = bare_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert _listings(bare_app) == before
    assert _revision(bare_app) == _head()


def test_setup_migrates_a_previous_release_database_and_keeps_it(bare_app):
    _previous_release_database(bare_app)
    result = bare_app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "seed import skipped" in result.output
    assert len(_listings(bare_app)) == 3
    assert _revision(bare_app) == _head()


def test_setup_on_an_empty_database_runs_the_migrations(bare_app):
    result = bare_app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert _revision(bare_app) == _head()
    with bare_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 3


def test_a_migrated_previous_release_database_takes_new_listings(bare_app, tmp_path):
    """Its id sequences carry on: a new listing's phones and hours get fresh ids."""
    _previous_release_database(bare_app)
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    header, first, *_ = (FIXTURES / "providers_good.csv").read_text(encoding="utf-8").splitlines()
    more = tmp_path / "more.csv"
    more.write_text(f"{header}\n{first.replace('brooklyn-legal-clinic', 'second-clinic', 1)}\n")
    result = runner.invoke(args=["providers", "import", str(more)])
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output
    with bare_app.app_context():
        second = db.session.get(Provider, "second-clinic")
        assert [phone.number for phone in second.phones] == ["+17185550100"]
        assert len(second.opening_hours) == 5
