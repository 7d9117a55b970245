"""Ranking beyond the text match: distance, reachability and law enforcement.

Relevance says how well a listing matches the words; these factors say how useful it is to
the person asking: near rather than far, a number to call rather than none, a service
rather than a police line (unless police, a report or a prosecutor was asked for).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .facts import FLAG_BITS
from .schema import NO_DAY
from .understanding import Understanding

# Distance blends into relevance: a listing 1 km away keeps 93% of its score, 8 km away
# 62%, 25 km away 43%; so an equal match nearby always wins and a far one needs a much
# better match to win.
DISTANCE_SCALE_KM = 8.0
DISTANCE_FLOOR = 0.4
# A borough or city centre says only roughly where a listing is: it may be this much
# farther than its centre, so a centre never looks nearer than a real address.
AREA_UNCERTAINTY_KM = 3.0
# Listings serving a whole city or country (and phone lines) are neither near nor far.
AREA_WIDE_DISTANCE_KM = 8.0
# An equal match ranks below when nobody can contact the listing, or when it is police or
# a prosecutor and the person did not ask for them.
UNREACHABLE_FACTOR = 0.6
LAW_ENFORCEMENT_FACTOR = 0.6
# Not verified for STALE_AFTER_DAYS: slightly lower, so a fresh equal match comes first but
# a clearly better match still wins.
OUT_OF_DATE_FACTOR = 0.9
# Sort key offset that puts listings with no usable location after located ones.
_AFTER = 1e12


def _has(flag_bits: np.ndarray, fact: str) -> np.ndarray:
    return (flag_bits & np.uint32(FLAG_BITS[fact])) != 0


def asks_for_law_enforcement(understood: Understanding | None) -> bool:
    """Whether the query asked for police, a report or a prosecutor (not "no police")."""
    if understood is None:
        return False
    return "law_enforcement" in understood.flags and "no_police_required" not in understood.flags


def refuses_law_enforcement(understood: Understanding | None) -> bool:
    """Whether the query said "without police": then police lines are left out entirely."""
    return understood is not None and "no_police_required" in understood.flags


def usefulness(flag_bits: np.ndarray, understood: Understanding | None) -> np.ndarray:
    """A factor per listing for reachability and law enforcement (1.0 for most)."""
    factor = np.where(_has(flag_bits, "reachable"), 1.0, UNREACHABLE_FACTOR)
    if not asks_for_law_enforcement(understood):
        factor = factor * np.where(_has(flag_bits, "law_enforcement"), LAW_ENFORCEMENT_FACTOR, 1.0)
    return factor


def out_of_date(verified_days: np.ndarray, today: date, stale_after_days: int) -> np.ndarray:
    """Verified once, but longer ago than `stale_after_days` (pages: "may be out of date").

    Decided at search time from the day stored in the index, so a listing crosses the line
    on its day, with no reindex. Never verified is not out of date: pages say so already.
    """
    verified = verified_days != NO_DAY
    return verified & (today.toordinal() - verified_days.astype(np.int64) > stale_after_days)


def freshness(verified_days: np.ndarray, today: date, stale_after_days: int) -> np.ndarray:
    """A factor per listing: OUT_OF_DATE_FACTOR for the out-of-date ones, else 1.0."""
    stale = out_of_date(verified_days, today, stale_after_days)
    return np.where(stale, OUT_OF_DATE_FACTOR, 1.0)


def honest_distances(distances: np.ndarray, flag_bits: np.ndarray) -> np.ndarray:
    """Distances a listing can be ranked by: NaN for whole-city or national listings, and a
    centre's distance made no nearer than its area's uncertainty allows."""
    ranked = np.where(_has(flag_bits, "located"), distances, distances + AREA_UNCERTAINTY_KM)
    return np.where(_has(flag_bits, "area_wide"), np.nan, ranked)


def shown_distances(distances: np.ndarray, flag_bits: np.ndarray) -> np.ndarray:
    """Distances worth showing: only from a real point (address, ZIP code or coordinates)."""
    return np.where(_has(flag_bits, "located") & ~_has(flag_bits, "area_wide"), distances, np.nan)


def proximity(ranked_distances: np.ndarray) -> np.ndarray:
    """The distance factor of each listing (listings without a distance: a middle value)."""
    known = np.where(np.isnan(ranked_distances), AREA_WIDE_DISTANCE_KM, ranked_distances)
    return DISTANCE_FLOOR + (1 - DISTANCE_FLOOR) * np.exp(-known / DISTANCE_SCALE_KM)


def placement(ranked_distances: np.ndarray, radius_km: float | None) -> np.ndarray:
    """A sort-key offset: within a radius, listings with no usable location come after."""
    if not radius_km:
        return np.zeros(len(ranked_distances))
    return np.where(np.isnan(ranked_distances), _AFTER, 0.0)
