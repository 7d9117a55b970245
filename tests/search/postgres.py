"""A throwaway PostgreSQL database per test on the server TEST_POSTGRES_URL names: a stand-in
until the suite's own PostgreSQL pass (and its `postgresql_url` fixture) reaches main."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.fixture
def postgresql_url():
    """The URL of a new, empty database (dropped afterwards)."""
    admin_url = os.environ.get("TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("set TEST_POSTGRES_URL to run the PostgreSQL tests")
    name = f"directory_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin_url).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
