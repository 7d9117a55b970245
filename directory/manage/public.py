"""What public pages show from the staff side: bed or slot availability, while it is recent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, g
from flask_babel import format_timedelta, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from directory.extensions import db
from directory.providers.models import Provider

from .models import ServiceCapacity


def _places(unit: str, count: int) -> str:
    if unit == "appointments":
        return ngettext("%(num)d appointment available", "%(num)d appointments available", count)
    if unit == "places":
        return ngettext("%(num)d place available", "%(num)d places available", count)
    return ngettext("%(num)d bed available", "%(num)d beds available", count)


def preload_capacities(provider_ids: list[str]) -> None:
    """Read the availability of a page of listings in one query, for capacity_line."""
    query = select(ServiceCapacity).where(ServiceCapacity.provider_id.in_(provider_ids))
    found = {capacity.provider_id: capacity for capacity in db.session.scalars(query)}
    g.capacities = {provider_id: found.get(provider_id) for provider_id in provider_ids}


def _capacity(provider_id: str) -> ServiceCapacity | None:
    preloaded = g.get("capacities") or {}
    if provider_id in preloaded:
        return preloaded[provider_id]
    return db.session.scalar(
        select(ServiceCapacity).where(ServiceCapacity.provider_id == provider_id)
    )


def capacity_line(provider: Provider, now: datetime | None = None) -> str | None:
    """ "3 beds available (updated 2 hours ago)", or None when unknown or too old to trust."""
    capacity = _capacity(provider.id)
    if capacity is None:
        return None
    now = (now or datetime.now(UTC)).replace(tzinfo=None)
    age = now - capacity.updated_at
    if age > timedelta(hours=current_app.config["CAPACITY_SHOWN_HOURS"]) or age < -timedelta(
        minutes=5
    ):
        return None
    ago = format_timedelta(-max(age, timedelta(0)), add_direction=True, threshold=1)
    return _(
        "%(places)s (updated %(ago)s)",
        places=_places(capacity.unit, capacity.available),
        ago=ago,
    )
