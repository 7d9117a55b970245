"""The API tells a listing taken only from City data (and its date) from a curated one."""

from __future__ import annotations

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import COLUMNS
from directory.search.extension import build_index

from ..providers.rows import csv_text, good_row


def test_detail_and_results_carry_source_kind_and_date(app, write_csv):
    rows = (
        good_row(id="city-row", source_kind="city_data", source_date="2021-06-07"),
        good_row(id="curated-row"),
    )
    with app.app_context():
        path = write_csv(csv_text(*rows, columns=COLUMNS))
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()
    api = app.test_client()
    city = api.get("/api/v1/providers/city-row").get_json()
    assert (city["source_kind"], city["source_date"]) == ("city_data", "2021-06-07")
    curated = api.get("/api/v1/providers/curated-row").get_json()
    assert (curated["source_kind"], curated["source_date"]) == ("curated", None)
    results = api.get("/api/v1/search?service=legal").get_json()["results"]
    assert {r["id"]: r["source_kind"] for r in results} == {
        "city-row": "city_data",
        "curated-row": "curated",
    }
