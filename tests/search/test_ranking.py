"""Ranking beyond the text match: law enforcement, reachability, distance and placement."""

from __future__ import annotations

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import COLUMNS
from directory.search.extension import build_index, search_service
from directory.search.request import SearchRequest

from ..providers.rows import csv_text
from .helpers import ids

# Two listings alike in every word; only the fact under test differs.
TWIN_TEXT = {
    "name": "Trafficking Hotline",
    "description": "A 24-hour hotline for trafficking survivors.",
    "services": "hotline",
    "populations": "sex_trafficking",
}
# Fictional points in Brooklyn: Sunset Park, 0.8 km from it, and the Bronx, 25 km away.
SUNSET_PARK = "40.6455,-74.0124"


def listing(id_: str, **cells: str) -> dict[str, str]:
    return {
        "id": id_,
        "organization": f"Org {id_}",
        "source_url": f"https://example.org/{id_}",
        "state": "NY",
        **TWIN_TEXT,
        **cells,
    }


@pytest.fixture
def index_of(app, write_csv):
    """Import and index the given listings; return a search function."""

    def build(*rows: dict[str, str]):
        path = write_csv(csv_text(*rows, columns=COLUMNS))
        with app.app_context():
            report = import_providers(path, OfflineGeocoder(), "America/New_York")
            assert report.ok, report.errors
            build_index()

        def search(**kwargs):
            with app.app_context():
                return search_service().search(SearchRequest(**kwargs))

        return search

    return build


def test_law_enforcement_ranks_below_an_equal_service(index_of):
    search = index_of(
        listing("da", law_enforcement="true", phone="212-555-0101"),
        listing("service", phone="212-555-0102"),
    )
    assert ids(search(q="trafficking hotline")) == ["service", "da"]
    assert ids(search(q="")) == ["service", "da"]


@pytest.mark.parametrize(
    "query",
    ["police trafficking", "prosecutor", "report to police", "fiscalía", "policía trata",
     "警察", "报警", "경찰 신고", "الشرطة", "پولیس", "porter plainte", "policja", "полиция",
     "পুলিশ", "lapolis"],
)  # fmt: skip
def test_asking_for_police_puts_law_enforcement_first(index_of, query):
    search = index_of(
        listing("da", law_enforcement="true", phone="212-555-0101"),
        listing("service", phone="212-555-0102"),
    )
    assert ids(search(q=query))[0] == "da"


@pytest.mark.parametrize("query", ["no police", "sin policía", "不报警", "不找警察", "경찰 없이"])
def test_asking_for_no_police_never_shows_law_enforcement(index_of, query):
    search = index_of(
        listing("da", law_enforcement="true", phone="212-555-0101"),
        listing("service", phone="212-555-0102", no_police_required="true"),
    )
    assert ids(search(q=query)) == ["service"]


def test_exclude_law_enforcement_filter(index_of):
    search = index_of(
        listing("da", law_enforcement="true", phone="212-555-0101"),
        listing("service", phone="212-555-0102"),
    )
    assert ids(search(q="trafficking", facts={"exclude_law_enforcement"})) == ["service"]
    assert ids(search(facts={"exclude_law_enforcement"})) == ["service"]


def test_a_listing_nobody_can_contact_ranks_below_a_reachable_one(index_of):
    search = index_of(
        listing("no-contact", city="Queens"),
        listing("web-only", city="Queens", website="https://example.org/web"),
        listing("door", city="Queens", address="1 Main St", postal_code="11354"),
    )
    assert ids(search(q="trafficking hotline"))[2] == "no-contact"


def test_a_near_listing_beats_a_far_one_with_the_same_match(index_of):
    search = index_of(
        listing("far", latitude="40.8448", longitude="-73.8648", phone="718-555-0101"),
        listing("near", latitude="40.6510", longitude="-74.0050", phone="718-555-0102"),
    )
    result = search(q="trafficking hotline", near=SUNSET_PARK)
    assert ids(result) == ["near", "far"]
    assert 0.5 < result.hits[0].distance_km < 1.2 and result.hits[1].distance_km > 20


def test_a_near_listing_beats_a_far_one_with_a_somewhat_better_match(index_of):
    far = listing("far", latitude="40.8448", longitude="-73.8648", phone="718-555-0101")
    far["name"] = "Trafficking Hotline for trafficking survivors"
    search = index_of(
        far, listing("near", latitude="40.6510", longitude="-74.0050", phone="718-555-0102")
    )
    assert ids(search(q="trafficking hotline", near=SUNSET_PARK))[0] == "near"


def test_a_citywide_listing_shows_no_distance_and_its_centre_never_beats_a_real_point(index_of):
    # Brooklyn's centre is where `near` is: the citywide listing sits exactly on it.
    search = index_of(
        listing("citywide", city="Brooklyn", service_area="New York City", phone="718-555-0101"),
        listing("real", latitude="40.6600", longitude="-73.9600", phone="718-555-0102"),
    )
    result = search(q="trafficking hotline", near="Brooklyn")
    assert ids(result) == ["real", "citywide"]
    distances = {hit.id: hit.distance_km for hit in result.hits}
    assert distances["citywide"] is None and distances["real"] is not None
    assert ids(search(q="trafficking hotline", near="Brooklyn", sort="distance")) == [
        "real",
        "citywide",
    ]


def test_a_borough_centre_distance_is_not_shown(index_of):
    search = index_of(listing("queens", city="Queens", phone="718-555-0101"))
    assert search(q="trafficking hotline", near="Flushing").hits[0].distance_km is None


def test_within_a_radius_listings_without_a_location_come_after_located_ones(index_of):
    national = listing("national", service_area="United States", phone="1-888-555-0103")
    national["name"] = "National Trafficking Hotline for trafficking survivors"
    search = index_of(
        national,
        listing("near", latitude="40.6510", longitude="-74.0050", phone="718-555-0102"),
        listing("far", latitude="40.8448", longitude="-73.8648", phone="718-555-0101"),
    )
    result = search(q="trafficking hotline", near=SUNSET_PARK, radius_km=5)
    assert ids(result) == ["near", "national"]


def test_distance_outweighs_a_match_up_to_twice_as_strong():
    import numpy as np

    from directory.search.ranking import proximity

    near, far = proximity(np.array([0.8, 25.7]))  # 0.5 mi and 16 mi
    assert near * 1.0 > far * 2.0
    assert proximity(np.array([np.nan]))[0] < near  # no distance: neither near nor far
