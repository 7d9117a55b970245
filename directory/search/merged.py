"""Posting lists merged over a view's segments, kept from one view to the next.

A term is read from every segment of a view (~40 at 1M listings), a few microseconds of
Python each, for each of the ~35 (field, term) pairs a query touches: at 100k a quarter of a
search's time. A merged list stays valid while the segments it was read from are still in
the view with the same document bases: an edit adds a segment after them, so a list made
for the previous view is extended by the new segments' postings, not read again; a commit
that merges the newest segments into one re-reads only from the first segment that changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

# Merged lists kept per process, in bytes (ids are int64, as numpy indexes with: a cast per
# use cost more than the copy; 8 MB for a term in every one of 1M listings).
MERGED_POSTINGS_BYTES = 24 * 1024 * 1024

# (segment key, document base) of each segment of a view, in order.
Layout = tuple[tuple[str, int], ...]
# Reads one term from the view's segments from the given position on.
Reader = Callable[[int], list[tuple[np.ndarray, np.ndarray]]]

# What an entry costs beyond its arrays (key, tuple, array headers): bounds the count too, since
# terms found nowhere (typos) are kept as empty lists.
ENTRY_BYTES = 400

_EMPTY = (np.empty(0, np.int64), np.empty(0, np.float32))


def _joined(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _common_prefix(first: Layout, second: Layout) -> int:
    """How many segments, from the first, two layouts share (same segment, same base)."""
    shared = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        shared += 1
    return shared


def _size(entry: tuple[Layout, np.ndarray, np.ndarray]) -> int:
    return ENTRY_BYTES + entry[1].nbytes + entry[2].nbytes


class MergedPostings:
    """A least-recently-used cache of merged posting lists, bounded by their size in bytes;
    safe to share between the threads (and views) of one process."""

    def __init__(self, budget: int = MERGED_POSTINGS_BYTES) -> None:
        self.budget, self.used = budget, 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str], tuple[Layout, np.ndarray, np.ndarray]] = (
            OrderedDict()
        )

    def get(
        self, layout: Layout, key: tuple[str, str], read: Reader
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ids (int64, over the view of `layout`) and frequencies of `key`, read with
        `read(first segment)` where nothing usable is kept."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
        start, parts = 0, []
        if found is not None:
            kept, ids, frequencies = found
            if kept is layout or kept == layout:
                return ids, frequencies
            start = _common_prefix(kept, layout)
            # The kept postings of the segments both views share: those below the first
            # segment that differs (a commit that merged the newest segments changes only them).
            cut = len(ids) if start == len(kept) else int(ids.searchsorted(kept[start][1]))
            if cut:
                parts = [(ids[:cut], frequencies[:cut])]
        ids, frequencies = _joined(parts + read(start))
        self._put(key, (layout, ids, frequencies))
        return ids, frequencies

    def _put(self, key: tuple[str, str], entry: tuple[Layout, np.ndarray, np.ndarray]) -> None:
        size = _size(entry)
        if size > self.budget:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.used -= _size(old)
            self._entries[key] = entry
            self.used += size
            while self.used > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self.used -= _size(dropped)
