"""One index generation held as numpy arrays: coordinates, codes, flags, hours and postings."""

from __future__ import annotations

import bisect
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from . import columns as cols
from .integrity import IndexDamaged
from .merged import MergedPostings
from .postings import SegmentPostings
from .schema import LANGUAGE_BYTES, NO_COORDINATE, NO_DAY, TEXT_FIELDS

# Posting lists decoded from Whoosh kept in memory per segment, in bytes: only for a segment
# without a flat postings file (see postings.py), which reads in one slice and needs none.
POSTINGS_CACHE_BYTES = 32 * 1024 * 1024


class PostingsCache:
    """A least-recently-used cache of posting arrays bounded by their size in bytes."""

    def __init__(self, budget: int = POSTINGS_CACHE_BYTES) -> None:
        self.budget, self.used = budget, 0
        self.entries: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def get(self, key: tuple[str, str]) -> tuple[np.ndarray, np.ndarray] | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str], value: tuple[np.ndarray, np.ndarray]) -> None:
        self.entries[key] = value
        self.used += value[0].nbytes + value[1].nbytes
        while self.used > self.budget and len(self.entries) > 1:
            _, (ids, weights) = self.entries.popitem(last=False)
            self.used -= ids.nbytes + weights.nbytes


@dataclass
class SegmentArrays:
    """The per-document arrays of one immutable Whoosh segment."""

    doccount: int
    lat: np.ndarray
    lon: np.ndarray
    service_bits: np.ndarray
    population_bits: np.ndarray
    flag_bits: np.ndarray
    verified_day: np.ndarray  # date.toordinal() of the last verification, or NO_DAY
    language_bits: np.ndarray  # (n, 2) uint64
    hours_refs: np.ndarray
    hours_values: list[bytes]
    zone_refs: np.ndarray
    zone_values: list[bytes]
    lengths: dict[str, np.ndarray]
    flat: SegmentPostings | None = None
    postings: PostingsCache = field(default_factory=PostingsCache)
    # This segment's own stored-fields reader, kept with its arrays: a reader opened with each
    # new view re-read every document's offsets on its first use (~17 ms at 100k, after
    # every edit). SearchIndex closes it when the last view holding these arrays goes.
    stored: object | None = None
    # Whoosh's stored-field reader seeks and reads one shared file: a worker's threads take
    # turns (two at once read each other's bytes: a zlib error, a 500, under bench.load).
    stored_lock: threading.Lock = field(default_factory=threading.Lock)
    # Derived from one column, once: counts and value patterns of a bit column (filters.py).
    derived: dict[tuple[str, str], Any] = field(default_factory=dict)

    def stored_id(self, docnum: int) -> str:
        """The listing id of a document of this segment."""
        with self.stored_lock:
            return self.stored.stored_fields(docnum)["id"]

    def kept(self, name: str, column: str, make: Callable[[np.ndarray], Any]) -> Any:
        """`make` applied to one column of every document here (deleted ones too), kept."""
        found = self.derived.get((name, column))
        if found is None:
            found = self.derived[(name, column)] = make(getattr(self, column))
        return found

    def close(self) -> None:
        """Close this segment's own reader (once no view uses these arrays)."""
        if self.stored is not None:
            self.stored.close()

    @cached_property
    def latitude_order(self) -> np.ndarray:
        """Located documents of this segment sorted by latitude (deleted ones included):
        sorted once per segment, not once per view (an argsort took ~14 ms at 100k)."""
        located = np.flatnonzero(~np.isnan(self.lat))
        return located[np.argsort(self.lat[located], kind="stable")]

    @cached_property
    def sorted_latitudes(self) -> np.ndarray:
        return self.lat[self.latitude_order]

    def term(self, reader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers (in this segment) and frequencies of one term."""
        if self.flat is not None:
            return self.flat.get(fieldname, term)
        found = self.postings.get((fieldname, term))
        if found is None:
            found = cols.postings(reader, fieldname, term)
            self.postings.put((fieldname, term), found)
        return found

    @classmethod
    def load(cls, reader) -> SegmentArrays:
        """Read every column of one segment."""
        lat = cols.numeric_column(reader, "lat_e6", ">i4", NO_COORDINATE)
        lon = cols.numeric_column(reader, "lon_e6", ">i4", NO_COORDINATE)
        missing = lat == NO_COORDINATE
        languages = cols.fixed_bytes_column(reader, "language_bits", LANGUAGE_BYTES)
        hours_refs, hours_values = cols.ref_column(reader, "hours")
        zone_refs, zone_values = cols.ref_column(reader, "time_zone")
        return cls(
            doccount=reader.doc_count_all(),
            lat=np.where(missing, np.nan, lat / 1e6),
            lon=np.where(missing, np.nan, lon / 1e6),
            service_bits=cols.numeric_column(reader, "service_bits", ">u4", 0),
            population_bits=cols.numeric_column(reader, "population_bits", ">u4", 0),
            flag_bits=cols.numeric_column(reader, "flag_bits", ">u4", 0),
            verified_day=cols.numeric_column(reader, "verified_day", ">i4", NO_DAY),
            language_bits=np.ascontiguousarray(languages).view("<u8").reshape(-1, 2),
            hours_refs=hours_refs,
            hours_values=hours_values,
            zone_refs=zone_refs,
            zone_values=zone_values,
            lengths={name: cols.field_lengths(reader, name) for name in TEXT_FIELDS},
            flat=SegmentPostings.open(reader),
            stored=_stored_fields_reader(reader),
        )


def _stored_fields_reader(reader):
    """A stored-fields reader of the segment, of its own (None for an empty index)."""
    segment = getattr(reader, "_segment", None)
    if segment is None:
        return None
    stored = reader.codec().per_document_reader(reader.storage(), segment)
    if reader.doc_count_all():
        stored.stored_fields(0)  # reads the offsets now, at open, not in a search
    return stored


def segment_key(leaf) -> str:
    """A stable key for a segment reader (an empty index has a reader but no segment)."""
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    return segment.segment_id() if segment is not None else f"empty-{id(leaf)}"


def _registry(parts: list[tuple[np.ndarray, list[bytes]]]) -> tuple[np.ndarray, list[str]]:
    """Merge per-segment (refs, values) into one id array over one list of distinct values."""
    values: list[str] = []
    index: dict[str, int] = {}
    mapped = []
    for refs, segment_values in parts:
        table = []
        for value in segment_values:
            text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
            if text not in index:
                index[text] = len(values)
                values.append(text)
            table.append(index[text])
        mapped.append(np.asarray(table, dtype=np.int32)[refs] if len(refs) else refs)
    return (np.concatenate(mapped) if mapped else np.empty(0, np.int32)), values


class Snapshot:
    """Arrays over every document of one generation, indexed by Whoosh document number."""

    def __init__(
        self, searcher, segment_cache: dict[str, SegmentArrays], merged: MergedPostings
    ) -> None:
        self.searcher = searcher
        self.merged = merged
        self.directory = ""
        reader = searcher.reader()
        leaves = reader.leaf_readers()
        self.segments: list[tuple[object, int, SegmentArrays]] = []
        for leaf, docbase in leaves:
            key = segment_key(leaf)
            arrays = segment_cache.get(key)
            if arrays is None:
                arrays = segment_cache[key] = SegmentArrays.load(leaf)
            self.segments.append((leaf, docbase, arrays))
        self.size = sum(a.doccount for _, _, a in self.segments)
        self._docbases = [docbase for _, docbase, _ in self.segments]
        self.layout = tuple((segment_key(leaf), docbase) for leaf, docbase, _ in self.segments)
        parts = [a for _, _, a in self.segments]
        self.alive = np.ones(self.size, dtype=bool)
        for leaf, docbase, _ in self.segments:
            deleted = getattr(leaf, "deleted_docs_set", frozenset())
            if deleted:
                self.alive[docbase + np.fromiter(deleted, dtype=np.int64)] = False
        self.doc_count = int(self.alive.sum())

        def cat(name: str, dtype, width: int | None = None) -> np.ndarray:
            if not parts:
                return np.empty((0, width) if width else 0, dtype=dtype)
            return np.concatenate([getattr(a, name) for a in parts])

        self.lat = cat("lat", np.float64)
        self.lon = cat("lon", np.float64)
        self.service_bits = cat("service_bits", np.uint32)
        self.population_bits = cat("population_bits", np.uint32)
        self.flag_bits = cat("flag_bits", np.uint32)
        self.verified_day = cat("verified_day", np.int32)
        self.language_bits = cat("language_bits", np.uint64, 2)
        self.lengths = {
            name: (np.concatenate([a.lengths[name] for a in parts]) if parts else np.empty(0))
            for name in TEXT_FIELDS
        }
        self.average_length = {
            name: float(lengths[self.alive].mean()) if self.doc_count else 1.0
            for name, lengths in self.lengths.items()
        }
        self._norms: dict[tuple[str, float, float], np.ndarray] = {}
        # Per bit column, the counts over every live document (see filters.py).
        self.live_counts: dict[str, np.ndarray] = {}
        # Documents with no usable location (filters.unlocated), once a search asks.
        self.unlocated: np.ndarray | None = None

    # Hours and time zones (ids per document, distinct values) are merged only when a search
    # asks what is open now: a new view opens after every edit; most searches never ask.
    @cached_property
    def hours(self) -> tuple[np.ndarray, list[str]]:
        return _registry([(a.hours_refs, a.hours_values) for _, _, a in self.segments])

    @cached_property
    def zones(self) -> tuple[np.ndarray, list[str]]:
        return _registry([(a.zone_refs, a.zone_values) for _, _, a in self.segments])

    def latitude_band(self, low: float, high: float) -> np.ndarray:
        """Located documents with a latitude in [low, high] (deleted ones included)."""
        bands = []
        for _, docbase, arrays in self.segments:
            latitudes = arrays.sorted_latitudes
            start = np.searchsorted(latitudes, low, side="left")
            stop = np.searchsorted(latitudes, high, side="right")
            if stop > start:
                bands.append(arrays.latitude_order[start:stop] + docbase)
        return np.concatenate(bands) if bands else np.empty(0, np.int64)

    def changed_file(self) -> str | None:
        """The name of a mapped postings file changed on disk since it was opened, if any."""
        for _, _, arrays in self.segments:
            if arrays.flat is not None and arrays.flat.changed():
                return os.path.basename(arrays.flat.path)
        return None

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers (int64, in this generation) and frequencies of `term` in
        `fieldname`, merged over the segments (kept between views: see merged.py)."""
        return self.merged.get(
            self.layout, (fieldname, term), lambda start: self._read(fieldname, term, start)
        )

    def _read(self, fieldname: str, term: str, start: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """A term's postings in each segment from position `start` on that has it."""
        parts = []
        for leaf, docbase, arrays in self.segments[start:]:
            try:
                ids, frequencies = arrays.term(leaf, fieldname, term)
            except Exception as error:  # a short read, a bad block: the segment is damaged
                raise IndexDamaged(f"reading {fieldname}:{term!r}: {error!r}") from error
            if len(ids):
                parts.append((ids.astype(np.int64) + docbase, frequencies))
        return parts

    def length_norm(self, fieldname: str, k1: float, b: float) -> np.ndarray:
        """BM25's length normalisation per document, k1 * (1 - b + b * length / average)."""
        key = (fieldname, k1, b)
        found = self._norms.get(key)
        if found is None:
            relative = self.lengths[fieldname] / (self.average_length[fieldname] or 1.0)
            found = self._norms[key] = (k1 * (1 - b + b * relative)).astype(np.float32)
        return found

    @property
    def whole(self) -> Snapshot:
        """The snapshot a view of some documents belongs to: this one (see subset.py)."""
        return self

    def documents(self, positions: np.ndarray) -> np.ndarray:
        """Document numbers of positions: the same here (see subset.py)."""
        return positions

    def term_idf(self, fieldname: str, term: str, ids: np.ndarray) -> float:
        """BM25's idf of a term whose postings are `ids`."""
        return self.idf(len(ids))

    def idf(self, document_frequency: int) -> float:
        """BM25's inverse document frequency."""
        n = max(self.doc_count, 1)
        return math.log(1 + (n - document_frequency + 0.5) / (document_frequency + 0.5))

    def stored_id(self, docnum: int) -> str:
        """The listing id of a document."""
        docnum = int(docnum)
        at = bisect.bisect_right(self._docbases, docnum) - 1
        leaf, docbase, arrays = self.segments[at]
        try:
            if arrays.stored is None:
                return leaf.stored_fields(docnum - docbase)["id"]
            return arrays.stored_id(docnum - docbase)
        except Exception as error:  # a short read, a bad pickle: the stored fields are damaged
            raise IndexDamaged(f"reading the stored fields of {docnum}: {error!r}") from error
