"""Filters and facets declared as tables: adding one is adding a row, not a branch."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from directory.providers.hours import parse_hours, week_minute, week_ranges
from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, Taxonomy

from .facts import FILTER_FACTS, FLAG_BITS, Fact
from .request import SearchRequest
from .schema import LANGUAGE_INDEX, POPULATION_BITS, SERVICE_BITS
from .snapshot import Snapshot

EARTH_RADIUS_KM = 6371.0088
# Degrees added to the longitude reach so rounding never drops a point on the circle.
LONGITUDE_SLACK = 1e-9


def code_mask(bits: np.ndarray, table: dict[str, int], codes: Iterable[str]) -> np.ndarray:
    """Documents having any of `codes` in a bit column."""
    wanted = 0
    for code in codes:
        wanted |= table.get(code, 0)
    return (bits & np.uint32(wanted)) != 0


def language_words(codes: Iterable[str]) -> tuple[np.uint64, np.uint64]:
    """The two 64-bit words with a bit set for each language code."""
    words = [0, 0]
    for code in codes:
        if code in LANGUAGE_INDEX:
            position = LANGUAGE_INDEX[code]
            words[position // 64] |= 1 << (position % 64)
    return np.uint64(words[0]), np.uint64(words[1])


def language_mask(snapshot: Snapshot, codes: Iterable[str]) -> np.ndarray:
    """Documents whose staff speak any of `codes`."""
    low, high = language_words(codes)
    bits = snapshot.language_bits
    return ((bits[:, 0] & low) | (bits[:, 1] & high)) != 0


def flag_mask(snapshot: Snapshot, flag: str) -> np.ndarray:
    """Documents with a yes/no fact set."""
    return (snapshot.flag_bits & np.uint32(FLAG_BITS[flag])) != 0


def open_now_mask(snapshot: Snapshot, now: datetime) -> np.ndarray:
    """Documents open at `now`, each in its own time zone (unknown hours count as closed)."""
    zone_ids, zone_values = snapshot.zones
    hours_ids, hours_values = snapshot.hours
    table = np.zeros((len(zone_values), len(hours_values)), dtype=bool)
    for z, zone in enumerate(zone_values):
        try:
            minute = week_minute(now.astimezone(ZoneInfo(zone)))
        except (ValueError, KeyError):
            continue
        for h, hours in enumerate(hours_values):
            ranges = week_ranges(parse_hours(hours)) if hours else []
            table[z, h] = any(start <= minute < end for start, end in ranges)
    return table[zone_ids, hours_ids]


@dataclass(frozen=True)
class Filter:
    """A request field that narrows results; `facet` names the facet it does not narrow."""

    field: str
    value: Callable[[SearchRequest], object]
    mask: Callable[[Snapshot, object, datetime], np.ndarray]
    facet: str | None = None


def fact_filter(fact: Fact) -> Filter:
    """The filter of a yes/no fact: keep listings having it, or leave them out."""

    def mask(snapshot: Snapshot, value: object, now: datetime) -> np.ndarray:
        having = flag_mask(snapshot, fact.name) if fact.read else open_now_mask(snapshot, now)
        return ~having if fact.exclude else having

    return Filter(fact.field, lambda request: request.asks(fact.field), mask)


FILTERS: tuple[Filter, ...] = (
    Filter(
        "services",
        lambda r: r.services,
        lambda s, v, _: code_mask(s.service_bits, SERVICE_BITS, v),
        "service",
    ),
    Filter("languages", lambda r: r.languages, lambda s, v, _: language_mask(s, v), "language"),
    Filter(
        "populations",
        lambda r: r.populations,
        lambda s, v, _: code_mask(s.population_bits, POPULATION_BITS, v),
        "population",
    ),
    *(fact_filter(fact) for fact in FILTER_FACTS),
)


# Rows unpacked at a time when counting bits: bounds the temporary array (rows x bits bytes).
_COUNT_CHUNK = 65_536


def bit_counts(words: np.ndarray) -> np.ndarray:
    """How many rows have each bit set, for an array of unsigned words ((n,) or (n, k))."""
    rows = words[:, None] if words.ndim == 1 else words
    totals = np.zeros(rows.shape[1] * rows.dtype.itemsize * 8, dtype=np.int64)
    for start in range(0, len(rows), _COUNT_CHUNK):
        chunk = np.ascontiguousarray(rows[start : start + _COUNT_CHUNK]).astype(
            rows.dtype.newbyteorder("<")
        )
        bits = np.unpackbits(
            chunk.view(np.uint8).reshape(len(chunk), -1), axis=1, bitorder="little"
        )
        totals += bits.sum(axis=0, dtype=np.int64)
    return totals


def live_bit_counts(snapshot: Snapshot, column: str) -> np.ndarray:
    """`bit_counts` over every live document: each segment's count of all its documents
    (kept with the segment, which never changes) less the deleted ones'."""
    found = snapshot.live_counts.get(column)
    if found is None:
        parts = [arrays.kept("counts", column, bit_counts) for _, _, arrays in snapshot.segments]
        found = np.sum(parts, axis=0) if parts else bit_counts(getattr(snapshot, column))
        dead = ~snapshot.alive
        if dead.any():
            found = found - bit_counts(getattr(snapshot, column)[dead])
        snapshot.live_counts[column] = found
    return found


@dataclass(frozen=True)
class BitPatterns:
    """A bit column as its distinct values: each row's value number, and the bits each value
    sets as (value, bit) pairs. Listings share few combinations of codes (1,078 of services
    among 100k synthetic listings), so counting values, then their bits, beats unpacking the
    bits of every row (a third of the time of `bit_counts` over a third of 100k rows)."""

    rows: np.ndarray
    pair_value: np.ndarray
    pair_bit: np.ndarray
    values: int
    bits: int


def bit_patterns(words: np.ndarray) -> BitPatterns:
    """The distinct values of an array of unsigned words ((n,) or (n, k)) and their bits."""
    rows = words[:, None] if words.ndim == 1 else words
    # Each word's values numbered, then combined: np.unique over rows (axis=0) sorts them as
    # bytes, several times slower.
    key = np.zeros(len(rows), dtype=np.int64)
    for column in rows.T:
        values, numbers = np.unique(column, return_inverse=True)
        key = np.unique(key * len(values) + numbers, return_inverse=True)[1]
    _, first, numbers = np.unique(key, return_index=True, return_inverse=True)
    distinct = np.ascontiguousarray(rows[first]).astype(rows.dtype.newbyteorder("<"))
    unpacked = np.unpackbits(
        distinct.view(np.uint8).reshape(len(distinct), -1), axis=1, bitorder="little"
    )
    pair_value, pair_bit = np.nonzero(unpacked)
    # The smallest types that hold them: at 1M listings (40 segments) int64 pairs and value
    # numbers took 16 MB of a worker's memory, these 8.
    values = _smallest_unsigned(len(distinct) - 1)
    return BitPatterns(
        numbers.astype(values),
        pair_value.astype(values),
        pair_bit.astype(_smallest_unsigned(unpacked.shape[1] - 1)),
        len(distinct),
        unpacked.shape[1],
    )


def _smallest_unsigned(largest: int) -> type:
    """The smallest unsigned integer type holding 0..largest."""
    for kind in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(kind).max:
            return kind
    return np.uint64


# Counting a segment's value patterns has a cost of its own (25-50 us a segment at 100k),
# about that of unpacking the bits of 500 rows: fewer rows a segment are unpacked (at 100k,
# 4 segments: 1,000 rows took 43-103 us unpacked against 112-204 us through the patterns).
PATTERN_ROWS = 500


def pattern_bit_counts(patterns: BitPatterns, rows: np.ndarray) -> np.ndarray:
    """How many of the rows numbered `rows` have each bit set (`bit_counts` of those rows)."""
    per_value = np.bincount(patterns.rows.take(rows), minlength=patterns.values)
    totals = np.bincount(
        patterns.pair_bit, weights=per_value[patterns.pair_value], minlength=patterns.bits
    )
    return totals.astype(np.int64)  # float64 holds every count below 2**53 exactly


def _counts_over(snapshot: Snapshot, column: str, chosen: np.ndarray) -> np.ndarray:
    """`bit_counts` of the documents numbered `chosen` (ascending), segment by segment."""
    words = getattr(snapshot, column)
    width = (words.shape[1] if words.ndim == 2 else 1) * words.dtype.itemsize * 8
    totals = np.zeros(width, dtype=np.int64)
    bounds = np.searchsorted(chosen, [docbase for _, docbase, _ in snapshot.segments])
    stops = [*bounds[1:], len(chosen)]
    touched = sum(1 for start, stop in zip(bounds, stops, strict=True) if stop > start)
    if len(chosen) <= PATTERN_ROWS * touched:
        return bit_counts(words[chosen])
    for (_, docbase, arrays), start, stop in zip(snapshot.segments, bounds, stops, strict=True):
        if stop > start:
            patterns = arrays.kept("patterns", column, bit_patterns)
            totals += pattern_bit_counts(patterns, chosen[start:stop] - docbase)
    return totals


def selected_bit_counts(snapshot: Snapshot, column: str, selected: np.ndarray) -> np.ndarray:
    """`bit_counts` over the selected live documents; for most of them, the counts over every
    live document less those of the rest (a browse selects nearly all: half the work or less)."""
    # Document numbers, not a mask: indexing by a mask of mixed rows is several times slower.
    # Counted over the whole generation, whose segments keep the value patterns.
    whole = snapshot.whole
    chosen = snapshot.documents(np.flatnonzero(selected))
    if 2 * len(chosen) <= whole.doc_count:
        return _counts_over(whole, column, chosen)
    if whole is not snapshot:
        selected = np.zeros(whole.size, dtype=bool)
        selected[chosen] = True
    rest = np.flatnonzero(whole.alive & ~selected)
    return live_bit_counts(whole, column) - _counts_over(whole, column, rest)


@dataclass(frozen=True)
class Facet:
    """Counts per code of one taxonomy over a set of documents, from one bit column."""

    name: str
    taxonomy: Taxonomy
    column: str
    positions: dict[str, int]

    def counts(self, snapshot: Snapshot, selected: np.ndarray) -> dict[str, int]:
        totals = selected_bit_counts(snapshot, self.column, selected)
        counts = {code: int(totals[self.positions[code]]) for code in self.taxonomy.codes}
        return {code: n for code, n in counts.items() if n}


def _positions(bits: dict[str, int]) -> dict[str, int]:
    return {code: value.bit_length() - 1 for code, value in bits.items()}


FACETS: tuple[Facet, ...] = (
    Facet("service", SERVICE_TYPES, "service_bits", _positions(SERVICE_BITS)),
    Facet("language", LANGUAGES, "language_bits", LANGUAGE_INDEX),
    Facet("population", POPULATIONS, "population_bits", _positions(POPULATION_BITS)),
)


def haversine_km(lat: np.ndarray, lon: np.ndarray, origin: tuple[float, float]) -> np.ndarray:
    """Great-circle distances in km from `origin` (NaN where coordinates are missing)."""
    lat1, lon1 = np.radians(origin[0]), np.radians(origin[1])
    lat2, lon2 = np.radians(lat), np.radians(lon)
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def longitude_reach(latitude: float, radius_km: float) -> float | None:
    """The most a point within `radius_km` of a point at `latitude` can differ from it in
    longitude, in degrees; None when the circle holds a pole (then any longitude can)."""
    angle = radius_km / EARTH_RADIUS_KM
    if abs(math.radians(latitude)) + angle >= math.pi / 2:
        return None
    return math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(latitude))))


def within_radius(snapshot: Snapshot, origin: tuple[float, float], radius_km: float) -> np.ndarray:
    """Located documents within `radius_km`, ascending (deleted ones too: callers keep only
    live ones), found through each segment's latitude-sorted order: no array over every
    document (at 1M listings, making and combining those was a tenth of a search)."""
    degrees = radius_km / 111.0
    band = snapshot.latitude_band(origin[0] - degrees, origin[0] + degrees)
    reach = longitude_reach(origin[0], radius_km)
    if reach is not None:
        # A latitude band spans every longitude: cheap comparisons keep the haversine to the
        # points that can be inside (a wide country's band is mostly out of reach).
        apart = np.abs(snapshot.lon[band] - origin[1])
        band = band[np.minimum(apart, 360.0 - apart) <= reach + LONGITUDE_SLACK]
    distances = haversine_km(snapshot.lat[band], snapshot.lon[band], origin)
    return np.sort(band[distances <= radius_km])


def unlocated(snapshot: Snapshot) -> np.ndarray:
    """Documents with no usable location (no point, or serving a whole area), ascending:
    found once per view, as a search near a place keeps them after the located ones."""
    found = snapshot.unlocated
    if found is None:
        no_point = np.isnan(snapshot.lat) | flag_mask(snapshot, "area_wide")
        found = snapshot.unlocated = np.flatnonzero(no_point)
    return found
