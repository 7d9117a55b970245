"""A snapshot seen through some of its documents: a search near a place scores only those."""

from __future__ import annotations

from functools import cached_property

import numpy as np

from .snapshot import Snapshot

# A needle found by bisection costs about what a posting costs through the position map, times
# the log of the list's length: below this ratio of postings to documents, bisect.
BISECT_RATIO = 16


def _gathered(name: str) -> cached_property:
    """A column of the whole snapshot, gathered at these documents on first use."""

    def gather(self: Subset) -> np.ndarray:
        return getattr(self.whole, name)[self.ids]

    return cached_property(gather)


class Subset:
    """The documents numbered `ids` (ascending) of `whole`, as a snapshot of their own.

    Arrays hold those documents only, in order, and positions index them; statistics stay
    the whole generation's (document frequencies, lengths), so every score is the one the
    whole snapshot gives. At 100k listings a search near a place has a median of ~1,000
    within its radius: scoring 100k was most of its time.
    """

    def __init__(self, whole: Snapshot, ids: np.ndarray) -> None:
        self.whole, self.ids = whole, ids
        self.size = len(ids)
        self.alive = whole.alive[ids]
        self._postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, int]] = {}
        self._norms: dict[tuple[str, float, float], np.ndarray] = {}

    # Columns are gathered when a search first reads them: most read few (at 1M listings,
    # gathering every one for ~10,000 documents took a tenth of a search).
    lat = _gathered("lat")
    lon = _gathered("lon")
    service_bits = _gathered("service_bits")
    population_bits = _gathered("population_bits")
    flag_bits = _gathered("flag_bits")
    verified_day = _gathered("verified_day")
    language_bits = _gathered("language_bits")

    def documents(self, positions: np.ndarray) -> np.ndarray:
        """The whole snapshot's document numbers of positions here."""
        return self.ids[positions]

    @cached_property
    def _position(self) -> np.ndarray:
        """Each document's position here, or -1: one pass over the whole, made if needed."""
        where = np.full(self.whole.size, -1, dtype=np.int32)
        where[self.ids] = np.arange(self.size, dtype=np.int32)
        return where

    def _restricted(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray, int]:
        key = (fieldname, term)
        found = self._postings.get(key)
        if found is None:
            ids, frequencies = self.whole.postings(fieldname, term)
            if not len(ids) or not self.size:
                positions, frequencies = np.empty(0, np.int64), frequencies[:0]
            elif len(ids) > BISECT_RATIO * self.size:
                at = np.searchsorted(ids, self.ids)
                kept = ids[np.minimum(at, len(ids) - 1)] == self.ids
                positions, frequencies = np.flatnonzero(kept), frequencies[at[kept]]
            else:
                where = self._position[ids]
                kept = where >= 0
                positions, frequencies = where[kept].astype(np.int64), frequencies[kept]
            found = self._postings[key] = (positions, frequencies, len(ids))
        return found

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Positions here (ascending) and frequencies of `term` in `fieldname`."""
        positions, frequencies, _ = self._restricted(fieldname, term)
        return positions, frequencies

    def term_idf(self, fieldname: str, term: str, ids: np.ndarray) -> float:
        """BM25's idf of a term over the whole generation, not over these documents."""
        return self.whole.idf(self._restricted(fieldname, term)[2])

    def length_norm(self, fieldname: str, k1: float, b: float) -> np.ndarray:
        key = (fieldname, k1, b)
        found = self._norms.get(key)
        if found is None:
            found = self._norms[key] = self.whole.length_norm(fieldname, k1, b)[self.ids]
        return found

    @cached_property
    def hours(self) -> tuple[np.ndarray, list[str]]:
        refs, values = self.whole.hours
        return refs[self.ids], values

    @cached_property
    def zones(self) -> tuple[np.ndarray, list[str]]:
        refs, values = self.whole.zones
        return refs[self.ids], values

    def stored_id(self, position: int) -> str:
        """The listing id of the document at `position`."""
        return self.whole.stored_id(self.ids[position])
