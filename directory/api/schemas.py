"""Response shapes of the search API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from directory.providers.hours import format_hours
from directory.providers.models import CoordinatesSource, Provider, SourceKind
from directory.providers.phones import display


def phones_of(provider: Provider) -> list[dict[str, Any]]:
    """Phones with their stored (E.164) and displayed forms."""
    return [
        {
            "number": p.number,
            "display": display(p.number),
            "type": p.type,
            "description": p.description,
        }
        for p in provider.phones
    ]


def location_of(provider: Provider) -> dict[str, Any]:
    """Where a listing is; confidential ones give only their area and an approximate point."""
    location: dict[str, Any] = {
        "confidential": provider.location_confidential,
        "area": provider.area or None,
        "city": provider.city,
        "state": provider.state,
        "service_area": provider.service_area,
        "latitude": provider.public_latitude,
        "longitude": provider.public_longitude,
        "approximate": provider.location_confidential
        or provider.coordinates_source not in (None, CoordinatesSource.given),
    }
    if not provider.location_confidential:
        location.update(address=provider.address, postal_code=provider.postal_code)
    return location


def _clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


def _interval(interval) -> dict[str, Any]:
    return {
        "day": interval.weekday,
        "opens": _clock(interval.opens),
        "closes": _clock(interval.closes),
    }


def hours_of(provider: Provider, now: datetime) -> dict[str, Any]:
    """Weekly hours, and whether the listing is open at `now` in its own time zone."""
    intervals = provider.intervals
    is_open, closes = provider.open_status(now)
    return {
        "text": format_hours(intervals) or None,
        "weekly": [_interval(i) for i in intervals],
        "open_24_7": provider.always_open,
        "open_now": is_open,
        "closes_at": closes.strftime("%H:%M") if closes else None,
        "time_zone": provider.time_zone,
    }


def provider_summary(
    provider: Provider, distance_km: float | None, now: datetime
) -> dict[str, Any]:
    """The fields a result list shows."""
    return {
        "id": provider.id,
        "name": provider.name,
        "organization": provider.organization.name,
        "services": provider.services,
        "languages": provider.languages,
        "populations": provider.populations,
        "distance_km": distance_km,
        "phones": phones_of(provider),
        "website": provider.website,
        "location": location_of(provider),
        "hours": hours_of(provider, now),
        "cost": provider.cost.value if provider.cost else None,
        "walk_in": provider.walk_in,
        "no_id_required": provider.no_id_required,
        "no_police_required": provider.no_police_required,
        "status_neutral": provider.status_neutral,
        "law_enforcement": provider.law_enforcement,
        "last_verified": provider.last_verified.isoformat() if provider.last_verified else None,
        "source_kind": (provider.source_kind or SourceKind.curated).value,
        "source_date": provider.source_date.isoformat() if provider.source_date else None,
    }


def provider_detail(provider: Provider, now: datetime) -> dict[str, Any]:
    """Every public field of a listing (never curation notes or a confidential address)."""
    detail = provider_summary(provider, None, now)
    del detail["distance_km"]
    organization = provider.organization
    detail.update(
        description=provider.description,
        organization_details={
            "name": organization.name,
            "website": organization.website,
            "description": organization.description,
        },
        email=provider.email,
        eligibility=provider.eligibility,
        intake=provider.intake,
        documents_required=provider.documents_required,
        accessibility=provider.accessibility,
        source_urls=provider.source_url.split(";"),
        updated_at=provider.updated_at.isoformat(),
    )
    return detail
