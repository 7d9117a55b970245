"""Listings taken only from a dataset say so: cards, detail page and referral sheet."""

from __future__ import annotations

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import COLUMNS
from directory.search.extension import build_index

from ..providers.rows import csv_text, good_row

CITY_NOTE = "Information from City data, 2021: call to confirm"


@pytest.fixture
def web(app, write_csv):
    rows = (
        good_row(id="city-row", name="Victim Services Office", source_kind="city_data",
                 source_date="2021-06-07"),
        good_row(id="curated-row", name="Curated Legal Clinic"),
        good_row(id="checked-row", name="Checked Clinic", source_kind="city_data",
                 source_date="2021-06-07", last_verified="2026-01-15"),
    )  # fmt: skip
    with app.app_context():
        assert import_providers(
            write_csv(csv_text(*rows, columns=COLUMNS)), OfflineGeocoder(), "America/New_York"
        ).ok
        build_index()
    return app.test_client()


def card(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</li>", start)]


def test_result_cards_tell_city_data_from_unverified_and_checked(web):
    html = web.post("/en/search", data={"service": "legal"}).get_data(as_text=True)
    assert CITY_NOTE in card(html, "Victim Services Office")
    assert "Not yet verified" not in card(html, "Victim Services Office")
    assert "Not yet verified" in card(html, "Curated Legal Clinic")
    assert CITY_NOTE not in card(html, "Curated Legal Clinic")
    assert CITY_NOTE not in card(html, "Checked Clinic")


def test_detail_page_and_referral_sheet_say_it_in_the_chosen_language(web):
    assert CITY_NOTE in web.get("/en/providers/city-row").get_data(as_text=True)
    assert CITY_NOTE not in web.get("/en/providers/curated-row").get_data(as_text=True)
    sheet = web.post("/en/referral", data={"pick": ["city-row"], "for_lang": "es"})
    html = sheet.get_data(as_text=True)
    assert "Información de datos de la Ciudad, 2021: llame para confirmar" in html
