"""The radius filter finds exactly the points a great-circle distance puts inside it."""

import numpy as np
import pytest

from directory.search.filters import EARTH_RADIUS_KM, haversine_km, longitude_reach, within_radius


class Points:
    """The parts of a snapshot the radius filter reads, over given coordinates."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray) -> None:
        self.lat, self.lon, self.size = lat, lon, len(lat)
        located = np.flatnonzero(~np.isnan(lat))
        self.order = located[np.argsort(lat[located], kind="stable")]

    def latitude_band(self, low: float, high: float) -> np.ndarray:
        latitudes = self.lat[self.order]
        start = np.searchsorted(latitudes, low, side="left")
        stop = np.searchsorted(latitudes, high, side="right")
        return self.order[start:stop]


def _scattered(rng, origin, spread, count):
    lat = np.clip(origin[0] + rng.uniform(-spread, spread, count), -90, 90)
    lon = (origin[1] + rng.uniform(-2 * spread, 2 * spread, count) + 180) % 360 - 180
    return lat, lon


@pytest.mark.parametrize(
    "origin",
    [(40.71, -74.0), (64.8, -147.7), (-33.9, 151.2), (0.0, 179.95), (-51.7, -179.9), (89.5, 10.0)],
)
@pytest.mark.parametrize("radius_km", [1, 5, 25, 100, 400])
def test_radius_keeps_exactly_the_points_inside(origin, radius_km):
    rng = np.random.default_rng(7)
    spread = 3 * radius_km / 111.0
    lat, lon = _scattered(rng, origin, spread, 4000)
    # Points just inside the circle all round it, where it reaches furthest east and west
    # among them: the ones a longitude bound would lose first.
    bearings = np.arange(0.0, 360.0, 0.25)
    edge = [_destination(origin, radius_km * 0.999999, bearing) for bearing in bearings]
    lat = np.concatenate([lat, [p[0] for p in edge], [np.nan]])
    lon = np.concatenate([lon, [p[1] for p in edge], [np.nan]])
    expected = haversine_km(lat, lon, origin) <= radius_km
    found = within_radius(Points(lat, lon), origin, radius_km)
    assert expected[-1 - len(edge) : -1].all()
    assert np.array_equal(found, np.flatnonzero(expected))  # ascending document numbers
    assert 0 < len(found) < len(lat)


def test_longitude_reach_widens_towards_the_poles_and_stops_at_one():
    assert longitude_reach(0.0, 111.19) == pytest.approx(1.0, rel=1e-3)
    assert longitude_reach(60.0, 111.19) > 1.9
    assert longitude_reach(89.9, 50) is None  # the circle holds the pole: every longitude


def _destination(origin, distance_km, bearing_deg):
    """The point `distance_km` from `origin` along an initial bearing (the direct problem)."""
    lat1, lon1 = np.radians(origin[0]), np.radians(origin[1])
    angle, bearing = distance_km / EARTH_RADIUS_KM, np.radians(bearing_deg)
    lat2 = np.arcsin(np.sin(lat1) * np.cos(angle) + np.cos(lat1) * np.sin(angle) * np.cos(bearing))
    lon2 = lon1 + np.arctan2(
        np.sin(bearing) * np.sin(angle) * np.cos(lat1), np.cos(angle) - np.sin(lat1) * np.sin(lat2)
    )
    return float(np.degrees(lat2)), float((np.degrees(lon2) + 180) % 360 - 180)
