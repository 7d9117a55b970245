"""Yes/no facts about a listing, each declared once: how it is read, its label, its filter.

The index flag bits, the filter table and the search request fields are all derived from
`FACTS`, so adding a yes/no filter is adding a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from directory.providers.models import CoordinatesSource, Cost, Provider

# Coordinates good enough for a distance: a city or borough centre is not (issue 7, item 4).
_LOCATING_SOURCES = {
    CoordinatesSource.given,
    CoordinatesSource.geocoded_address,
    CoordinatesSource.postal_code_centroid,
}


def has_usable_location(provider: Provider) -> bool:
    """Whether the listing's public point says where it is, not only which city it serves."""
    if provider.public_latitude is None or provider.coordinates_source not in _LOCATING_SOURCES:
        return False
    # A confidential place without a ZIP code is shown at its city's centre.
    return not provider.location_confidential or bool(provider.postal_code)


def serves_area_without_location(provider: Provider) -> bool:
    """A listing that serves a whole city or country and has no point of its own: no distance."""
    if provider.public_latitude is None:
        return True
    return bool(provider.service_area) and not has_usable_location(provider)


def is_reachable(provider: Provider) -> bool:
    """Whether the listing says how to contact it: a number, an email, a site or a door."""
    return bool(
        provider.phones
        or provider.email
        or provider.website
        or (provider.address and not provider.location_confidential)
    )


def stale_after_days() -> int:
    """STALE_AFTER_DAYS: a listing verified longer ago than this "may be out of date"."""
    return int(current_app.config.get("STALE_AFTER_DAYS", 365)) if has_app_context() else 365


@dataclass(frozen=True)
class Fact:
    """A yes/no fact: `read` from a listing when indexing (None: known only at search time);
    with a `label` it is offered as a filter, which keeps listings having the fact or, with
    `exclude`, leaves them out; `good_to_know` facts are listed on a listing's page."""

    name: str
    read: Callable[[Provider], bool] | None
    label: Any = None  # a lazy string, so it is translated when shown
    exclude: bool = False
    good_to_know: bool = False

    @property
    def field(self) -> str:
        """The request field (API parameter and form input) of this fact's filter."""
        return f"exclude_{self.name}" if self.exclude else self.name


# In the order pages offer the filters; an index built with other facts is rebuilt (schema.py).
FACTS: tuple[Fact, ...] = (
    Fact("free", lambda p: p.cost == Cost.free, _l("Free")),
    Fact("open_now", None, _l("Open now")),
    Fact("open_24_7", lambda p: p.always_open, _l("Open 24/7")),
    Fact("walk_in", lambda p: p.walk_in is True, _l("Walk-in, no appointment"), good_to_know=True),
    Fact(
        "no_id_required", lambda p: p.no_id_required is True, _l("No ID needed"), good_to_know=True
    ),
    Fact(
        "no_police_required",
        lambda p: p.no_police_required is True,
        _l("No police report needed"),
        good_to_know=True,
    ),
    Fact(
        "law_enforcement",
        lambda p: p.law_enforcement is True,
        _l("Not police or prosecutors"),
        exclude=True,
    ),
    Fact(
        "status_neutral",
        lambda p: p.status_neutral is True,
        _l("Any immigration status"),
        good_to_know=True,
    ),
    Fact("confidential", lambda p: p.location_confidential),
    Fact("has_location", lambda p: p.public_latitude is not None),
    Fact("located", has_usable_location),
    Fact("area_wide", serves_area_without_location),
    Fact("has_hours", lambda p: bool(p.intervals)),
    Fact("reachable", is_reachable),
)  # fmt: skip

INDEXED_FACTS = tuple(fact for fact in FACTS if fact.read is not None)
FLAG_BITS = {fact.name: 1 << n for n, fact in enumerate(INDEXED_FACTS)}
assert len(FLAG_BITS) <= 32
FILTER_FACTS = tuple(fact for fact in FACTS if fact.label is not None)
GOOD_TO_KNOW_FACTS = tuple(fact for fact in FACTS if fact.good_to_know)


def flag_bits_of(provider: Provider) -> int:
    """The index's flag word for a listing."""
    return sum(FLAG_BITS[fact.name] for fact in INDEXED_FACTS if fact.read(provider))
