"""Shared fixtures: an app on a real database and search index in a temp folder.

The suite runs on SQLite (the default) or PostgreSQL: `pytest --database=postgresql`, or
TEST_DATABASE=postgresql. On PostgreSQL it starts a throwaway cluster from Debian's
`postgresql` package (PG_BIN, default /usr/lib/postgresql/15/bin) in a temp folder, or uses
the server at TEST_POSTGRESQL_URL (an admin URL), and gives every test app its own database.
`make test` runs both.

For tests of one database only:
- `@pytest.mark.postgresql`: runs in the PostgreSQL pass only (the `app` fixture is on
  PostgreSQL there); deselected, not skipped, in the SQLite pass.
- the `postgresql_url` fixture: the SQLAlchemy URL of a new, empty PostgreSQL database (for
  DATABASE_URL of subprocesses, or a second app on the same database); a test that uses it
  is a PostgreSQL test, as if marked.
- `@pytest.mark.sqlite`: runs in the SQLite pass only (SQLite's own pragmas, files).
- the `database_kind` fixture: "sqlite" or "postgresql".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask_migrate import stamp

from directory import create_app
from directory.extensions import db
from directory.search.extension import build_index, close_search

from .support import DATABASES, app_config

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = ("sqlite", "postgresql")


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=KINDS,
        default=os.environ.get("TEST_DATABASE", "sqlite") or "sqlite",
        help="the database the suite runs on (default: TEST_DATABASE, else sqlite)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "postgresql: runs in the PostgreSQL pass only")
    config.addinivalue_line("markers", "sqlite: runs in the SQLite pass only")
    DATABASES.kind = config.getoption("--database")


def pytest_report_header(config):
    return f"database: {DATABASES.kind}"


def _only_on(item) -> str | None:
    if item.get_closest_marker("postgresql"):
        return "postgresql"
    if item.get_closest_marker("sqlite"):
        return "sqlite"
    return None


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config, items):
    """Each database's own tests run in that database's pass only."""
    kept, deselected = [], []
    for item in items:
        if "postgresql_url" in item.fixturenames and not item.get_closest_marker("postgresql"):
            item.add_marker(pytest.mark.postgresql)
        only = _only_on(item)
        (deselected if only not in (None, DATABASES.kind) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_unconfigure(config):
    DATABASES.stop()


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """Drop the PostgreSQL databases a test made (module-scoped apps drop theirs in `release`)."""
    before = list(DATABASES.made)
    yield
    for url in [url for url in DATABASES.made if url not in before]:
        DATABASES.drop(url)


@pytest.fixture
def database_kind() -> str:
    """The database this pass runs on: "sqlite" or "postgresql"."""
    return DATABASES.kind


@pytest.fixture
def postgresql_url() -> str:
    """The SQLAlchemy URL of a new, empty PostgreSQL database, dropped after the test."""
    server = DATABASES.postgresql()
    url = server.create_database()
    DATABASES.made.append(url)
    return url


@pytest.fixture
def app(tmp_path: Path):
    """An application with its own database and index folder."""
    app = create_app(app_config(tmp_path, PROVIDERS_CSV=str(FIXTURES / "providers_good.csv")))
    with app.app_context():
        db.create_all()
        stamp()  # the models' schema is the migrations' head
        build_index()  # as `flask setup` does: a web request never builds one
    yield app
    close_search(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write CSV text (header plus rows) to a file and return its path."""

    def write(text: str, name: str = "providers.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return write
