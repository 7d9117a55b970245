"""Geocoders behind one small interface: offline by default, geopy when configured."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .gazetteer import find_place, postal_code_place

# Confidential listings without a ZIP or place are shown on a grid this coarse (~2 km).
APPROXIMATE_GRID_DEGREES = 0.02


@dataclass(frozen=True)
class GeoPoint:
    """Coordinates and how they were obtained (see `CoordinatesSource`)."""

    latitude: float
    longitude: float
    source: str


class Geocoder(Protocol):
    """Turns a postal address into a point, or None."""

    def locate(
        self, address: str | None, city: str | None, state: str | None, postal_code: str | None
    ) -> GeoPoint | None: ...


class OfflineGeocoder:
    """Postal-code centroid, else city/borough/neighborhood centroid: approximate, no network."""

    def locate(
        self, address: str | None, city: str | None, state: str | None, postal_code: str | None
    ) -> GeoPoint | None:
        if postal_code and (place := postal_code_place(postal_code)):
            return GeoPoint(place.latitude, place.longitude, "postal_code_centroid")
        if city and (place := find_place(city, state)):
            return GeoPoint(place.latitude, place.longitude, "place_centroid")
        return None


class GeopyGeocoder:
    """An online geopy geocoder with a cache and a minimum delay, falling back to offline."""

    def __init__(
        self,
        geocoder: Any,
        cache_get: Callable[[str], tuple[float | None, float | None] | None],
        cache_put: Callable[[str, float | None, float | None], None],
        min_delay_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._geocoder = geocoder
        self._cache_get, self._cache_put = cache_get, cache_put
        self._min_delay, self._clock, self._sleep = min_delay_seconds, clock, sleep
        self._last_call: float | None = None
        self._offline = OfflineGeocoder()

    def _ask(self, query: str) -> tuple[float | None, float | None]:
        # Nominatim's usage policy allows one request a second; others have similar limits.
        if self._last_call is not None:
            wait = self._min_delay - (self._clock() - self._last_call)
            if wait > 0:
                self._sleep(wait)
        self._last_call = self._clock()
        try:
            location = self._geocoder.geocode(query, exactly_one=True)
        except Exception:
            return None, None
        return (location.latitude, location.longitude) if location else (None, None)

    def locate(
        self, address: str | None, city: str | None, state: str | None, postal_code: str | None
    ) -> GeoPoint | None:
        if address:
            query = ", ".join(p for p in (address, city, state, postal_code) if p)
            cached = self._cache_get(query)
            if cached is None:
                cached = self._ask(query)
                self._cache_put(query, *cached)
            if cached[0] is not None and cached[1] is not None:
                return GeoPoint(cached[0], cached[1], "geocoded_address")
        return self._offline.locate(address, city, state, postal_code)


def approximate_area(
    latitude: float, longitude: float, city: str | None, state: str | None, postal_code: str | None
) -> tuple[float, float]:
    """Return a point that hides an exact location: ZIP or place centroid, else a grid cell."""
    place = OfflineGeocoder().locate(None, city, state, postal_code)
    if place:
        return round(place.latitude, 4), round(place.longitude, 4)
    step = APPROXIMATE_GRID_DEGREES
    return (
        round(math.floor(latitude / step) * step + step / 2, 4),
        round(math.floor(longitude / step) * step + step / 2, 4),
    )
