"""The real seed data as a survivor sees it: City-data listings say so, shelters stay hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.search.extension import build_index

SEED = Path(__file__).resolve().parents[2] / "data" / "providers.csv"


@pytest.fixture
def web(app):
    with app.app_context():
        assert import_providers(SEED, OfflineGeocoder(), "America/New_York").ok
        build_index()
    return app.test_client()


def test_city_data_listings_say_so_in_the_visitors_language(web):
    page = "/providers/nyc-vs-safe-horizon-queens-family-justice-center"
    assert "Information from City data, 2021: call to confirm" in web.get(f"/en{page}").text
    assert "信息来自市政府数据（2021年）：请致电确认" in web.get(f"/zh-hans{page}").text
    assert "معلومات من بيانات المدينة، 2021: اتصل للتأكد" in web.get(f"/ar{page}").text
    curated = web.get("/en/providers/safe-horizon-anti-trafficking-program").text
    assert "Not yet verified" in curated and "Information from City data" not in curated


def test_shelter_sites_and_rows_naming_no_service_are_not_shown(web):
    shelter = web.get(
        "/en/providers/nyc-vs-volunteers-of-america-greater-new-york-inc-cromwell-safe-haven"
    )
    assert shelter.status_code == 200
    assert "Confidential location: call for the address" in shelter.text
    assert "1365 Cromwell" not in shelter.text
    assert web.get("/en/providers/nyc-vs-safe-horizon-police-service-area-psa-1").status_code == 404


def test_a_district_attorney_office_is_labelled_law_enforcement(web):
    page = web.get(
        "/en/providers/nyc-vs-queens-district-attorney-s-office-crime-victims-advocate-program"
    ).text
    assert "law enforcement" in page.lower()
