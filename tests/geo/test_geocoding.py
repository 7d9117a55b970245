"""Geocoding: offline centroids by default, an online geocoder cached and rate limited."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from directory.extensions import db
from directory.geo.gazetteer import find_nyc_place, find_place, other_names
from directory.geo.geocoder import GeopyGeocoder, OfflineGeocoder, approximate_area
from directory.geo.models import GeocodeCache
from directory.geo.services import configured_geocoder
from directory.providers.importer import import_providers
from directory.providers.models import CoordinatesSource, Provider

from ..providers.rows import csv_text, good_row


class RecordingGeocoder:
    """Stands in for geopy's Nominatim at the network boundary: answers from a table."""

    def __init__(self, answers):
        self.answers, self.queries = answers, []

    def geocode(self, query, exactly_one=True):
        self.queries.append(query)
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return SimpleNamespace(latitude=answer[0], longitude=answer[1]) if answer else None


def test_offline_uses_postal_code_then_place():
    offline = OfflineGeocoder()
    by_zip = offline.locate("1 Main St", "Queens", "NY", "11373")
    assert by_zip.source == "postal_code_centroid"
    assert round(by_zip.latitude, 2) == 40.74
    by_place = offline.locate(None, "Sunset Park", "NY", None)
    assert by_place.source == "place_centroid"
    assert 40.6 < by_place.latitude < 40.7
    assert offline.locate(None, "Chicago", "IL", None).source == "place_centroid"
    assert offline.locate(None, None, None, None) is None


def test_import_geocodes_missing_coordinates_offline(app, write_csv):
    path = write_csv(
        csv_text(
            good_row(latitude="", longitude=""),
            good_row(id="no-zip", latitude="", longitude="", postal_code="", city="Bronx"),
            good_row(id="nowhere", latitude="", longitude="", postal_code="", city=""),
        )
    )
    with app.app_context():
        import_providers(path, configured_geocoder(), "America/New_York")
        assert db.session.get(Provider, "bk-legal").coordinates_source == (
            CoordinatesSource.postal_code_centroid
        )
        bronx = db.session.get(Provider, "no-zip")
        assert bronx.coordinates_source == CoordinatesSource.place_centroid
        nowhere = db.session.get(Provider, "nowhere")
        assert nowhere.latitude is None and nowhere.coordinates_source is None


def test_online_geocoder_is_cached_in_the_database(app, write_csv):
    query = "123 Example St, Brooklyn, NY, 11201"
    online = RecordingGeocoder({query: (40.69, -73.99)})
    path = write_csv(csv_text(good_row(latitude="", longitude="")))
    with app.app_context():
        import_providers(path, configured_geocoder(online), "America/New_York")
        provider = db.session.get(Provider, "bk-legal")
        assert (provider.latitude, provider.coordinates_source) == (
            40.69,
            CoordinatesSource.geocoded_address,
        )
        assert db.session.get(GeocodeCache, query).latitude == 40.69
        import_providers(path, configured_geocoder(online), "America/New_York")
    assert online.queries == [query]  # the second import used the cache


def test_online_failure_or_miss_falls_back_to_offline(app, write_csv):
    online = RecordingGeocoder({"123 Example St, Brooklyn, NY, 11201": TimeoutError("down")})
    path = write_csv(csv_text(good_row(latitude="", longitude="")))
    with app.app_context():
        import_providers(path, configured_geocoder(online), "America/New_York")
        provider = db.session.get(Provider, "bk-legal")
        assert provider.coordinates_source == CoordinatesSource.postal_code_centroid


def test_requests_are_spaced_by_the_minimum_delay():
    clock = SimpleNamespace(now=100.0)
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        clock.now += seconds

    cache = {}
    geocoder = GeopyGeocoder(
        RecordingGeocoder({}),
        cache.get,
        lambda q, lat, lon: cache.__setitem__(q, (lat, lon)),
        min_delay_seconds=1.0,
        clock=lambda: clock.now,
        sleep=sleep,
    )
    for street in ("1 A St", "2 B St", "3 C St"):
        geocoder.locate(street, "Chicago", "IL", None)
        clock.now += 0.25
    assert sleeps == [0.75, 0.75]


def test_confidential_listings_get_an_approximate_area(app, write_csv):
    path = write_csv(
        csv_text(
            good_row(location_confidential="true"),
            good_row(
                id="grid",
                location_confidential="true",
                postal_code="",
                city="",
                latitude="40.712345",
                longitude="-73.954321",
            ),
        )
    )
    with app.app_context():
        import_providers(path, OfflineGeocoder(), "America/New_York")
        shelter = db.session.get(Provider, "bk-legal")
        assert (shelter.latitude, shelter.longitude) == (40.6943, -73.9903)  # kept for admins
        assert (shelter.public_latitude, shelter.public_longitude) == (40.694, -73.9903)
        grid = db.session.get(Provider, "grid")
        assert (grid.public_latitude, grid.public_longitude) == (40.71, -73.95)


def test_approximate_area_hides_the_exact_point():
    lat, lon = approximate_area(40.712345, -73.954321, None, None, None)
    assert (lat, lon) != (40.712345, -73.954321)
    assert abs(lat - 40.712345) <= 0.01 and abs(lon + 73.954321) <= 0.01


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("Brooklin", "Brooklyn"),
        ("flushng", "Flushing"),
        ("washington heigths", "Washington Heights"),
        ("Sunset Prak", "Sunset Park"),
        ("布鲁克林", "Brooklyn"),
        ("Брайтон-Бич", "Brighton Beach"),
        ("جیکسن ہائٹس", "Jackson Heights"),
        ("플러싱", "Flushing"),
        ("El Bronx", "Bronx"),
    ],
)
def test_near_accepts_misspelt_and_other_script_place_names(typed, place):
    assert find_place(typed).name == place


def test_every_other_script_name_points_to_a_known_place():
    assert all(find_nyc_place(place) for place in other_names().values())
