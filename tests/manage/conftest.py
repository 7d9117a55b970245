"""An app with fixture listings, one account per role, and a search index."""

from __future__ import annotations

import pytest

from ..staff import https_client, seed_staff, sign_in


@pytest.fixture
def staffed_app(app):
    seed_staff(app)
    return app


@pytest.fixture
def as_user(staffed_app):
    """A signed-in https client for one of the staff accounts (or anonymous for None)."""

    def client_for(name: str | None):
        client = https_client(staffed_app)
        if name:
            assert sign_in(client, name).status_code == 302
        return client

    return client_for
