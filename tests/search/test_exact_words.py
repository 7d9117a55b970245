"""A listing holding the query's own words never ranks below one matched only by category."""

from __future__ import annotations

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import CORE_COLUMNS
from directory.search.extension import build_index, search_service
from directory.search.service import SearchRequest

from ..providers.rows import csv_text
from .helpers import ids

BASE = {"organization": "Example Org", "state": "NY", "city": "Queens", "postal_code": "11354"}
LISTINGS = [
    # Coded immigration, and search reads "visa" as immigration; its text never says T visa.
    {"id": "immigration-center", "name": "Immigration Help Center", "services": "immigration",
     "description": "Green cards, citizenship and asylum applications.", "languages": "en;es"},
    {"id": "status-office", "name": "Status Office", "services": "immigration;case_management",
     "description": "Immigration status questions answered.", "languages": "en;es"},
    # Coded legal only, but says exactly what was asked.
    {"id": "justice-clinic", "name": "Justice Clinic", "services": "legal",
     "description": "We prepare T visa applications for trafficking survivors.", "languages": "en"},
]  # fmt: skip


@pytest.fixture
def search(app, write_csv):
    rows = [{**BASE, "source_url": f"https://example.org/{r['id']}", **r} for r in LISTINGS]
    path = write_csv(csv_text(*rows, columns=CORE_COLUMNS))
    with app.app_context():
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()

    def run(**kwargs):
        with app.app_context():
            return search_service().search(SearchRequest(**kwargs))

    return run


@pytest.mark.parametrize("query", ["t visa", "T-visa", "t visa applications"])
def test_exact_words_outrank_an_expanded_category(search, query):
    assert ids(search(q=query))[0] == "justice-clinic"
