"""What a card, a detail page and a referral sheet say about police, contact and area."""

from __future__ import annotations

import re

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import COLUMNS
from directory.search.extension import build_index

from ..providers.rows import csv_text

LE_LABEL = "Police / prosecutor: reports go to law enforcement"
NO_CONTACT = "No phone or website is listed. The National Human Trafficking Hotline"


def listing(id_: str, **cells: str) -> dict[str, str]:
    return {
        "id": id_,
        "name": f"Harbor line {id_}",
        "organization": f"Org {id_}",
        "services": "hotline",
        "source_url": f"https://example.org/{id_}",
        "state": "NY",
        **cells,
    }


LISTINGS = [
    listing("da", city="Bronx", law_enforcement="true", phone="718-555-0101"),
    listing("nothing", city="Queens"),
    listing("hidden", city="Queens", location_confidential="true", email="a@example.org"),
    listing("citywide", city="Manhattan", service_area="New York City", phone="212-555-0102"),
    listing("national", service_area="United States", hotline="1-888-555-0103"),
    listing("street", address="1 Main St", city="Queens", postal_code="11354",
            phone="718-555-0104", walk_in="yes", status_neutral="yes", no_id_required="no"),
]  # fmt: skip


@pytest.fixture
def web(app, write_csv):
    with app.app_context():
        path = write_csv(csv_text(*LISTINGS, columns=COLUMNS))
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()
    return app.test_client()


def card(html: str, id_: str) -> str:
    """The HTML of one result card."""
    start = html.index(f'aria-labelledby="l-{id_}"')
    return html[start : html.index("</article>", start)]


def test_law_enforcement_is_labelled_on_card_detail_and_sheet(web):
    html = web.post("/en/search", data={"q": "harbor"}).get_data(as_text=True)
    assert LE_LABEL in card(html, "da")
    assert LE_LABEL not in card(html, "street")
    assert LE_LABEL in web.get("/en/providers/da").get_data(as_text=True)
    assert web.get("/en/listings").get_data(as_text=True).count(LE_LABEL) == 1
    sheet = web.post("/en/referral", data={"pick": ["da"], "for_lang": "en"})
    assert sheet.get_data(as_text=True).count(LE_LABEL) == 2  # the sheet and its text version
    spanish = web.post("/es/search", data={"q": "harbor"}).get_data(as_text=True)
    assert "Policía / fiscalía" in card(spanish, "da")


def test_the_law_enforcement_filter_sits_next_to_no_police_and_works(web):
    html = web.post("/en/search", data={"q": "harbor"}).get_data(as_text=True)
    names = re.findall(r'name="(\w+)" value="true"', html)
    assert names.index("exclude_law_enforcement") == names.index("no_police_required") + 1
    assert "Not police or prosecutors" in html
    left_out = web.post(
        "/en/search", data={"q": "harbor", "exclude_law_enforcement": "true"}
    ).get_data(as_text=True)
    assert 'aria-labelledby="l-da"' not in left_out
    assert re.search(r'name="exclude_law_enforcement" value="true" checked', left_out)


def test_a_listing_with_no_contact_says_how_to_reach_it(web):
    html = web.post("/en/search", data={"q": "harbor"}).get_data(as_text=True)
    assert NO_CONTACT in card(html, "nothing") and "1-888-373-7888" in card(html, "nothing")
    assert NO_CONTACT not in card(html, "street")
    hidden = card(html, "hidden")  # confidential, an email but no number to call
    assert "Confidential location" in hidden and "call for the address" not in hidden
    assert NO_CONTACT in web.get("/en/providers/nothing").get_data(as_text=True)
    sheet = web.post("/en/referral", data={"pick": ["nothing"], "for_lang": "en"})
    assert sheet.get_data(as_text=True).count(NO_CONTACT) == 2


def test_citywide_and_national_listings_show_their_area_not_a_distance(web):
    html = web.post("/en/search", data={"q": "harbor", "near": "Manhattan"}).get_data(as_text=True)
    citywide, national = card(html, "citywide"), card(html, "national")
    assert "Serves all of New York City" in citywide and 'class="distance"' not in citywide
    assert "National: serves the whole country" in national
    assert 'class="distance"' not in national
    assert re.search(r'class="distance">\d+\.\d mi<', card(html, "street"))


def test_a_listing_page_lists_what_is_good_to_know_from_the_declared_facts(web):
    html = web.get("/en/providers/street").get_data(as_text=True)
    assert "Walk-in, no appointment · Any immigration status" in html
    assert "No ID needed" not in html  # stated as "no"
    assert "Good to know" not in web.get("/en/providers/nothing").get_data(as_text=True)
