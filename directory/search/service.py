"""The search service: understand the query, filter and score in arrays, page the results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from directory.geo.gazetteer import Place, find_place

from . import ranking
from .errors import SearchUnavailable
from .facts import stale_after_days
from .filters import FACETS, FILTERS, flag_mask, haversine_km, unlocated, within_radius
from .index import SearchIndex
from .integrity import IndexDamaged
from .request import SearchRequest
from .scoring import Lexicon, relevance
from .snapshot import Snapshot
from .subset import Subset
from .understanding import Understanding, understand

SUGGEST_BELOW = 3
# A search near a place scores only the listings within its radius when they are at most
# a quarter of the index (see subset.py). Gathering them and cutting each posting list down
# grows with their number, so a radius holding most listings is scored over all of them (the
# crossover is not measured: in the 100k bench no search held more than ~11%).
SUBSET_SHARE = 4


@dataclass
class Hit:
    """One result: a listing id, its score and its distance from `near` (if any)."""

    id: str
    score: float
    distance_km: float | None


@dataclass
class SearchResult:
    """A page of results with the exact total, facet counts and a spelling suggestion."""

    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    understood: Understanding | None = None
    origin: tuple[float, float] | None = None
    place: Place | None = None


class UnknownPlace(ValueError):
    """Raised when `near` is neither a ZIP code, `lat,lon`, nor a known place."""


def resolve_near(near: str | None) -> tuple[tuple[float, float] | None, Place | None]:
    """Turn `near` into a point: `lat,lon`, a ZIP code, or a place name from the gazetteer."""
    if not near or not near.strip():
        return None, None
    text = near.strip()
    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return (lat, lon), None
            raise UnknownPlace(f"{text!r} is outside the range of latitude,longitude")
    place = find_place(text)
    if place is None:
        raise UnknownPlace(f"{text!r} is not a ZIP code or a place we know")
    return (place.latitude, place.longitude), place


class SearchService:
    """Searches one index; safe to share between threads of one process."""

    def __init__(self, index: SearchIndex, on_damage: Callable[[], None] | None = None) -> None:
        self.index = index
        self._lexicons: dict[str, Lexicon] = {}
        # Called when a search finds the index damaged (the app starts its rebuild).
        self.on_damage = on_damage or (lambda: None)

    def _lexicon(self, snapshot: Snapshot) -> Lexicon:
        directory = snapshot.directory
        if directory not in self._lexicons:
            self._lexicons = {directory: Lexicon()}
        lexicon = self._lexicons[directory]
        try:
            lexicon.update(snapshot)
        except Exception as error:  # the terms of a new segment could not be read
            raise IndexDamaged(f"reading the terms: {error!r}") from error
        return lexicon

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search. Raises UnknownPlace for a `near` that cannot be resolved, and
        SearchUnavailable if the index turns out damaged (it is rebuilt meanwhile)."""
        origin, place = resolve_near(request.near)
        try:
            return self._search(request, origin, place)
        except IndexDamaged as damage:
            directory = self.index.current_dir()
            if directory is not None:
                self.index.mark_broken(directory, str(damage))
            self.on_damage()
            raise SearchUnavailable() from damage

    def _search(self, request: SearchRequest, origin, place) -> SearchResult:
        snapshot = self.index.snapshot()
        empty = SearchResult(0, request.page, request.per_page, [], {f.name: {} for f in FACETS})
        if snapshot is None or snapshot.size == 0:
            empty.origin, empty.place = origin, place
            return empty
        lexicon = self._lexicon(snapshot)
        understood = understand(
            request.q, lexicon.knows, request.interface_language, request.ignore
        )
        if origin is None and understood.place is not None:
            place = understood.place
            origin = (place.latitude, place.longitude)
        scope, nearby = snapshot, None
        if origin is not None and request.radius_km:
            # Listings with no usable location stay, placed after the located ones.
            near = within_radius(snapshot, origin, request.radius_km)
            ids = merged(near, unlocated(snapshot))
            ids = ids[snapshot.alive[ids]]
            if SUBSET_SHARE * len(ids) <= snapshot.doc_count:
                scope = Subset(snapshot, ids)  # holds only nearby listings
            else:
                nearby = np.zeros(snapshot.size, dtype=bool)
                nearby[ids] = True
        # Near a place, distance decides between listings the words match alike; the lift of
        # listings holding the query's own words would override it.
        scored = relevance(scope, lexicon, understood, lift_exact=origin is None)
        if scored is None:
            # Nothing to match: every listing counts the same before distance and usefulness.
            score, matches = np.ones(scope.size, dtype=np.float32), scope.alive.copy()
        else:
            score, matches = scored
        if ranking.refuses_law_enforcement(understood):
            matches &= ~flag_mask(scope, "law_enforcement")
        if nearby is not None:
            matches &= nearby
        now = request.now or datetime.now(UTC)
        filter_masks = [
            (f, f.mask(scope, value, now)) for f in FILTERS if (value := f.value(request))
        ]
        selected = matches.copy()
        for _, mask in filter_masks:
            selected &= mask
        facets = {}
        for facet in FACETS:
            base = matches.copy()
            for f, mask in filter_masks:
                if f.facet != facet.name:
                    base &= mask
            facets[facet.name] = facet.counts(scope, base)
        docnums = np.flatnonzero(selected)
        hits = self._page(scope, docnums, score, origin, request, understood, now)
        result = SearchResult(
            total=len(docnums),
            page=request.page,
            per_page=request.per_page,
            hits=hits,
            facets=facets,
            understood=understood,
            origin=origin,
            place=place,
        )
        if len(docnums) < SUGGEST_BELOW or understood.corrections:
            result.suggestion = suggestion(request.q, understood)
        return result

    def _page(self, snapshot, docnums, score, origin, request, understood, now) -> list[Hit]:
        flag_bits = snapshot.flag_bits[docnums]
        scores = score[docnums].astype(np.float64) * ranking.usefulness(flag_bits, understood)
        today = now.date() if request.now is not None else date.today()  # as pages say it
        verified = snapshot.verified_day[docnums]
        scores *= ranking.freshness(verified, today, stale_after_days())
        shown = far = None
        offset = np.zeros(len(docnums))
        if origin is not None:
            distances = haversine_km(snapshot.lat[docnums], snapshot.lon[docnums], origin)
            ranked = ranking.honest_distances(distances, flag_bits)
            scores *= ranking.proximity(ranked)
            offset = ranking.placement(ranked, request.radius_km)
            far = np.where(np.isnan(ranked), np.inf, ranked)
            shown = ranking.shown_distances(distances, flag_bits)
        if request.sort == "distance" and far is not None:
            primary, secondary = far, -scores  # nearest first, no usable location last
        else:
            primary, secondary = offset - scores, far
        start = (request.page - 1) * request.per_page
        wanted = start + request.per_page
        candidates = np.arange(len(docnums))
        if len(docnums) > 4 * wanted:  # only the top of the list needs a full sort
            cutoff = np.partition(primary, wanted - 1)[wanted - 1]
            candidates = np.flatnonzero(primary <= cutoff)
        keys = [docnums[candidates]]
        if secondary is not None:
            keys.append(secondary[candidates])
        keys.append(primary[candidates])
        chosen = candidates[np.lexsort(keys)][start:wanted]
        return [
            Hit(
                id=snapshot.stored_id(docnums[i]),
                score=round(float(scores[i]), 4),
                distance_km=None
                if shown is None or np.isnan(shown[i])
                else round(float(shown[i]), 2),
            )
            for i in chosen
        ]


def merged(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The document numbers in either ascending array, ascending, once each (np.union1d
    hashes them: 0.46 ms a search at 100k, against a sort of the few)."""
    if not len(second):
        return first
    both = np.sort(np.concatenate([first, second]))
    return both[np.concatenate([[True], both[1:] != both[:-1]])]


def suggestion(query: str, understood: Understanding) -> str | None:
    """The query with its misspelt words corrected, if any were."""
    if not understood.corrections:
        return None
    words = query.split()
    corrected = [understood.corrections.get(w.casefold(), w) for w in words]
    return " ".join(corrected) if corrected != words else None
