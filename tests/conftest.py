"""Shared fixtures: an app on a real SQLite database and search index in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_migrate import stamp

from directory import create_app
from directory.extensions import db
from directory.search.extension import build_index

from .support import app_config

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def app(tmp_path: Path):
    """An application with its own database file and index folder."""
    app = create_app(app_config(tmp_path, PROVIDERS_CSV=str(FIXTURES / "providers_good.csv")))
    with app.app_context():
        db.create_all()
        stamp()  # the models' schema is the migrations' head
        build_index()  # as `flask setup` does: a web request never builds one
    yield app
    app.extensions["search"].index.close()
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
