"""How fresh a listing is: "verified 3 months ago", "may be out of date", stale listings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from directory.extensions import db
from directory.locale_names import ago_text
from directory.providers.models import Organization, Provider, Status


@dataclass(frozen=True)
class Freshness:
    """What a page says about when a listing was last verified."""

    text: str
    stale: bool


def stale_after_days() -> int:
    return int(current_app.config.get("STALE_AFTER_DAYS", 365))


def is_stale(last_verified: date | None, today: date, days: int) -> bool:
    """Never verified, or not for `days` days."""
    return last_verified is None or (today - last_verified).days > days


def freshness(last_verified: date | None, today: date | None = None) -> Freshness:
    """ "verified today" / "verified 3 months ago" / "not yet verified", in the page's language."""
    today = today or date.today()
    if last_verified is None:
        return Freshness(_("Not yet verified"), False)  # says so already
    stale = is_stale(last_verified, today, stale_after_days())
    age = today - last_verified
    if age.days <= 0:
        return Freshness(_("Verified today"), stale)
    ago = ago_text(age, str(get_locale()))  # CLDR has no Haitian Creole "ago": our table
    return Freshness(_("Verified %(ago)s", ago=ago), stale)


def _stale_query(days: int):
    cutoff = date.today() - timedelta(days=days)
    return select(Provider).where(
        Provider.status == Status.active,
        or_(Provider.last_verified.is_(None), Provider.last_verified < cutoff),
    )


def stale_listings(days: int) -> list[Provider]:
    """Active listings not verified for `days` days (or never), by organization and name."""
    query = _stale_query(days).order_by(Provider.organization_id, Provider.name)
    return list(db.session.scalars(query))


def stale_counts(organization_id: str | None = None) -> list[tuple[str, int]]:
    """(organization name, stale listings) for the dashboard, most first."""
    stale = _stale_query(stale_after_days()).subquery()
    query = (
        select(Organization.name, func.count())
        .join(stale, stale.c.organization_id == Organization.id)
        .group_by(Organization.name)
        .order_by(func.count().desc(), Organization.name)
    )
    if organization_id:
        query = query.where(Organization.id == organization_id)
    return [(name, count) for name, count in db.session.execute(query)]
