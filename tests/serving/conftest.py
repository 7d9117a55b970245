"""A prepared site (database and index of the fictional fixture listings) for server processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .processes import flask_command, server_env

FIXTURE_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "providers_good.csv"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, str]:
    """The environment of a site set up with `flask setup`, shared by a module's servers."""
    env = server_env(tmp_path_factory.mktemp("site"), FIXTURE_CSV)
    flask_command(env, "setup")
    return env
