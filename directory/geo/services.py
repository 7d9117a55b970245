"""Build the configured geocoder, with its cache kept in the database."""

from __future__ import annotations

from flask import current_app

from directory.extensions import db

from .geocoder import Geocoder, GeopyGeocoder, OfflineGeocoder
from .models import GeocodeCache


def _cache_get(query: str) -> tuple[float | None, float | None] | None:
    entry = db.session.get(GeocodeCache, query)
    return None if entry is None else (entry.latitude, entry.longitude)


def _cache_put(query: str, latitude: float | None, longitude: float | None) -> None:
    db.session.merge(GeocodeCache(query=query, latitude=latitude, longitude=longitude))


def configured_geocoder(online: object | None = None) -> Geocoder:
    """Return the geocoder named by GEOCODER; `online` replaces geopy's (for tests)."""
    if current_app.config["GEOCODER"] == "offline" and online is None:
        return OfflineGeocoder()
    if online is None:
        from geopy.geocoders import Nominatim

        online = Nominatim(user_agent=current_app.config["GEOCODER_USER_AGENT"], timeout=10)
    return GeopyGeocoder(
        online, _cache_get, _cache_put, current_app.config["GEOCODER_MIN_DELAY_SECONDS"]
    )
