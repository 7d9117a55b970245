"""An app with fixture listings and one account per role."""

from __future__ import annotations

import pytest

from ..staff import seed_staff


@pytest.fixture
def staffed_app(app):
    seed_staff(app)
    return app
