"""The PostgreSQL pass itself: apps really run on PostgreSQL, and servers on fresh databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from directory.extensions import db
from directory.providers.models import Phone, Provider

ROOT = Path(__file__).resolve().parents[1]
GOOD_CSV = ROOT / "tests" / "fixtures" / "providers_good.csv"


@pytest.mark.postgresql
def test_every_test_app_runs_on_its_own_postgresql_database(app, tmp_path):
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        assert db.session.scalar(text("SHOW server_version_num")) >= "150000"
        database = db.session.scalar(text("SELECT current_database()"))
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 0
    assert database.startswith("test_")


def test_flask_setup_then_import_in_server_processes(postgresql_url, tmp_path):
    """What a deployment does: `flask setup` and `flask providers import` on DATABASE_URL."""
    env = {
        **os.environ,
        "DATABASE_URL": postgresql_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "PROVIDERS_CSV": str(GOOD_CSV),
        "SECRET_KEY": "test",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    setup = subprocess.run([*flask, "setup"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "Imported 3 listing(s)" in setup.stdout
    header, first, *_ = GOOD_CSV.read_text(encoding="utf-8").splitlines()
    more = tmp_path / "more.csv"
    more.write_text(f"{header}\n{first.replace('brooklyn-legal-clinic', 'second-clinic', 1)}\n")
    command = [*flask, "providers", "import", str(more)]
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    engine = create_engine(postgresql_url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Provider)) == 4
            numbers = connection.scalars(
                select(Phone.number).where(Phone.provider_id == "second-clinic")
            ).all()
    finally:
        engine.dispose()
    assert numbers == ["+17185550100"]
