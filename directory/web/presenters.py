"""What a page shows of a listing: labels, phones, hours and distance, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from babel.dates import format_time
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from directory.locale_names import date_text, day_names, place_name
from directory.providers.models import Cost, Provider, SourceKind
from directory.providers.phones import display
from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES, language_label
from directory.search.facts import (
    GOOD_TO_KNOW_FACTS,
    is_reachable,
    serves_area_without_location,
)

MILES_PER_KM = 0.621371


@dataclass
class PhoneView:
    """A phone number ready to show and to dial or text."""

    display: str
    href: str
    kind: str
    label: str | None


@dataclass
class ListingView:
    """One listing as a page shows it."""

    id: str
    name: str
    organization: str
    services: list[str]
    languages: list[str]
    populations: list[str]
    phones: list[PhoneView]
    website: str | None
    confidential: bool
    area: str
    distance: str | None
    open_now: bool | None
    always_open: bool
    closes_at: str | None
    cost: str | None
    verified: str | None
    source_note: str | None
    provider: Provider
    law_enforcement: bool = False
    reachable: bool = True
    serves: str | None = None  # "Serves all of New York City": a wide area, no distance
    good_to_know: list[str] = field(default_factory=list)  # "Walk-in", "No ID needed", ...
    week: list[tuple[str, str]] = field(default_factory=list)
    hours: str | None = None


def uses_miles() -> bool:
    """Whether distances are in miles: the deployment's DISTANCE_UNIT, whatever the language."""
    return current_app.config["DISTANCE_UNIT"] == "mi"


def cost_label(cost: Cost | None) -> str | None:
    """The cost in words."""
    labels = {
        Cost.free: _("Free"),
        Cost.sliding_scale: _("Sliding scale"),
        Cost.fee: _("Fee"),
    }
    return labels.get(cost) if cost else None


# Service areas that mean the whole country: such a listing is shown as national.
NATIONAL_AREAS = {"united states", "united states of america", "usa", "us", "nationwide"}


def area_text(provider: Provider, locale: str) -> str:
    """Where a listing is (`Queens, NY`), its city or service area named in the page's language."""
    if provider.city or provider.state:
        city = place_name(provider.city, locale) if provider.city else None
        return ", ".join(filter(None, (city, provider.state)))
    return place_name(provider.service_area or "", locale)


def serves_text(provider: Provider) -> str | None:
    """What a listing serving a whole city or country shows instead of a distance."""
    if not serves_area_without_location(provider) or not provider.service_area:
        return None
    if provider.service_area.strip().casefold() in NATIONAL_AREAS:
        return _("National: serves the whole country")
    area = place_name(provider.service_area, str(get_locale()))
    return _("Serves all of %(area)s", area=area)


def source_note(provider: Provider) -> str | None:
    """For a listing taken only from a dataset and never verified: which data, which year."""
    if provider.last_verified or provider.source_date is None:
        return None
    year = provider.source_date.year
    notes = {
        SourceKind.city_data: _("Information from City data, %(year)s: call to confirm", year=year),
        SourceKind.public_data: _(
            "Information from public data, %(year)s: call to confirm", year=year
        ),
    }
    return notes.get(provider.source_kind)


def distance_text(km: float | None, miles: bool) -> str | None:
    """`1.2 mi` or `1,9 km`, in the page's number format."""
    if km is None:
        return None
    locale = str(get_locale())
    if miles:
        return _("%(distance)s mi", distance=_tenths(round(km * MILES_PER_KM, 1), locale))
    return _("%(distance)s km", distance=_tenths(round(km, 1), locale))


@lru_cache(maxsize=8192)
def _tenths(value: float, locale: str) -> str:
    """A distance in the locale's number format: written once per value (Babel took 27-57 us
    a distance, ~10 a results page; distances repeat to the tenth)."""
    return format_decimal(value, "#,##0.0", locale=locale)


def phones_of(provider: Provider) -> list[PhoneView]:
    """Phones as links: `tel:` to call, `sms:` to text."""
    kinds = {"main": _("Phone"), "hotline": _("Hotline"), "text": _("Text")}
    return [
        PhoneView(
            display(p.number),
            ("sms:" if p.type == "text" else "tel:") + p.number,
            kinds.get(p.type, p.type),
            p.description,
        )
        for p in provider.phones
    ]


def week_of(provider: Provider) -> list[tuple[str, str]]:
    """Each weekday's opening hours in words, Monday first."""
    locale = str(get_locale())
    names = day_names(locale)
    days = []
    for weekday in range(7):
        spans = [i for i in provider.intervals if i.weekday == weekday]
        if not spans:
            text = _("Closed") if provider.intervals else _("Not known")
        else:
            text = ", ".join(f"{_clock(i.opens, locale)}–{_clock(i.closes, locale)}" for i in spans)
        days.append((names[weekday], text))
    return days


def hours_summary(provider: Provider) -> str | None:
    """The week in one short line for a sheet or a text message: `Mon–Fri 9:00 AM–5:00 PM`."""
    if not provider.intervals:
        return None
    locale = str(get_locale())
    names = day_names(locale, abbreviated=True)
    spans: dict[int, str] = {}
    for i in provider.intervals:
        text = f"{_clock(i.opens, locale)}–{_clock(i.closes, locale)}"
        spans[i.weekday] = f"{spans[i.weekday]}, {text}" if i.weekday in spans else text
    groups: list[tuple[int, int, str]] = []  # first day, last day, hours
    for weekday in sorted(spans):
        if groups and groups[-1][1] == weekday - 1 and groups[-1][2] == spans[weekday]:
            groups[-1] = (groups[-1][0], weekday, spans[weekday])
        else:
            groups.append((weekday, weekday, spans[weekday]))
    return "; ".join(
        (names[first] if first == last else f"{names[first]}–{names[last]}") + " " + hours
        for first, last, hours in groups
    )


def _clock(minutes: int, locale: str) -> str:
    from datetime import time

    minutes %= 24 * 60
    return format_time(time(minutes // 60, minutes % 60), "short", locale=locale)


def listing_view(
    provider: Provider, distance_km: float | None, now: datetime, miles: bool, week: bool = False
) -> ListingView:
    """Everything a result row or detail page needs about one listing."""
    locale = str(get_locale())
    is_open, closes = provider.open_status(now)
    return ListingView(
        id=provider.id,
        name=provider.name,
        organization=provider.organization.name,
        services=[SERVICE_TYPES.label(c) for c in provider.services],
        languages=[language_label(c, locale) for c in provider.languages],
        populations=[POPULATIONS.label(c) for c in provider.populations],
        phones=phones_of(provider),
        website=provider.website,
        confidential=provider.location_confidential,
        area=area_text(provider, locale),
        distance=distance_text(distance_km, miles),
        open_now=is_open,
        always_open=provider.always_open,
        closes_at=format_time(closes, "short", locale=locale) if closes else None,
        cost=cost_label(provider.cost),
        verified=date_text(provider.last_verified, locale) if provider.last_verified else None,
        source_note=source_note(provider),
        provider=provider,
        week=week_of(provider) if week else [],
        hours=hours_summary(provider) if week else None,
        law_enforcement=provider.law_enforcement is True,
        reachable=is_reachable(provider),
        serves=serves_text(provider),
        good_to_know=[str(f.label) for f in GOOD_TO_KNOW_FACTS if f.read and f.read(provider)],
    )
