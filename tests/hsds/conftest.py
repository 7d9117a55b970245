"""A small directory on a real database, exported as an HSDS package for the HSDS tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXAMPLE = FIXTURES / "hsds-example"


@pytest.fixture
def listed_app(app):
    """The app holding the three listings of `providers_good.csv` (one confidential)."""
    with app.app_context():
        report = import_providers(
            FIXTURES / "providers_good.csv", OfflineGeocoder(), "America/New_York"
        )
        assert report.created == 3
    return app
