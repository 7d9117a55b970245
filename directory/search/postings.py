"""Each segment's text postings also written as flat arrays, read back by slicing a mapped file.

Whoosh stores a posting list as pickled, zlib-compressed blocks of 128 delta-coded ids, which
it decodes in Python: a common term at 100k listings took milliseconds to read on a cold
cache. While Whoosh writes a segment, the same postings are recorded here and saved beside
it as one file (`_MAIN_<segment>.npp`): sorted "field NUL term" keys, and for each key a
slice of document numbers and frequencies, and the keys' 64-bit hashes sorted, so a lookup
is one `searchsorted` in C (a binary search over the keys made ~16 Python calls per term and
segment: a third of a search's time). The name follows Whoosh's segment file pattern, so
Whoosh deletes the file with its segment after a merge.
"""

from __future__ import annotations

import bisect
import hashlib
import mmap
import os
import struct
from array import array
from functools import lru_cache

import numpy as np
from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter

EXTENSION = ".npp"
_MAGIC = b"NPP2"
_HEADER = struct.Struct("<4sQQQ")  # magic, term count, posting count, key bytes
_HEADER_SIZE = 32  # padded, so the arrays after it stay aligned
# A frequency above this is stored as this: BM25 saturates long before.
_MAX_FREQUENCY = 65535


def _key(fieldname: str, btext: bytes) -> bytes:
    return fieldname.encode("utf-8") + b"\0" + btext


@lru_cache(maxsize=4096)  # a query looks the same key up in every segment
def _hash(key: bytes) -> int:
    """A key's 64-bit hash, the same in every process (Python's own hash is salted)."""
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


class BlockPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, also taking a whole term's postings at once."""

    def add_block_of(self, ids: np.ndarray, weights: np.ndarray, values: np.ndarray) -> None:
        """What `add_posting` does for each of a new term's postings, block by block
        (without field lengths: SearchCodec keeps no length statistics)."""
        if len(self._ids):
            raise ValueError("add_block_of starts a term's postings")
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if start:  # a block is written when the next posting arrives, as add_posting does
                self._write_block()
            block = weights[start : start + limit]
            self._ids = array("I", ids[start : start + limit].astype(np.uint32).tobytes())
            self._weights = array("f", block.astype(np.float32).tobytes())
            self._values = [value for value in values[start : start + limit].tolist() if value]
            self._maxweight = max(0, float(block.max()))


class RecordingFieldWriter(W3FieldWriter):
    """Whoosh's field writer, also keeping the postings of `fields` for the flat file."""

    def __init__(self, codec, storage, segment, fields: frozenset[str]) -> None:
        super().__init__(codec, storage, segment)
        self._recorded_fields = fields
        self._recording = False
        self._keys: list[bytes] = []
        self._ends = array("q")
        self._docnums = array("I")
        self._frequencies = array("f")

    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        self._recording = fieldname in self._recorded_fields

    def add(self, docnum, weight, vbytes, length):
        self._postwriter.add_posting(docnum, weight, vbytes, length)
        if self._recording:
            self._docnums.append(docnum)
            self._frequencies.append(weight)

    def add_postings(self, schema, lengths, items):
        """Whoosh's loop (base.FieldWriter.add_postings) with the recording inlined.

        One Python call less per posting: a build spends much of its time here.
        """
        field_length = lengths.doc_field_length if lengths else (lambda docnum, fieldname: 0)
        docnums, frequencies = self._docnums, self._frequencies
        lastfield = lasttext = None
        add = recording = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfield:
                if lasttext is not None:
                    self.finish_term()
                if lastfield is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                add, recording = self._postwriter.add_posting, self._recording
                lastfield, lasttext = fieldname, None
            if docnum == -1:  # Whoosh's marker for a spelling word, not a posting
                continue
            if btext != lasttext:
                if lasttext is not None:
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            add(docnum, weight, b"" if value is None else value, field_length(docnum, fieldname))
            if recording:
                docnums.append(docnum)
                frequencies.append(weight)
        if lasttext is not None:
            self.finish_term()
        if lastfield is not None:
            self.finish_field()

    def add_terms(self, schema, terms):
        """`add_postings` given each term's postings together, as a build's pool keeps them:
        the same files, with no Python call per posting (writing a 25k-listing part's
        postings took ~13% less)."""
        docnums, frequencies = self._docnums, self._frequencies
        lastfield = None
        for fieldname, btext, ids, weights, values in terms:
            if fieldname != lastfield:
                if lastfield is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfield = fieldname
            self.start_term(btext)
            self._postwriter.add_block_of(ids, weights, values)
            if self._recording:
                docnums.frombytes(ids.astype(np.uint32).tobytes())
                frequencies.frombytes(weights.astype(np.float32).tobytes())
            self.finish_term()
        if lastfield is not None:
            self.finish_field()

    def finish_term(self):
        super().finish_term()
        if self._recording:
            self._keys.append(_key(self._fieldname, self._btext))
            self._ends.append(len(self._docnums))

    def close(self):
        super().close()
        write(self._storage, self._segment, self._keys, self._ends, self._docnums,
              self._frequencies)  # fmt: skip


def write(storage, segment, keys, ends, docnums, frequencies) -> None:
    """Save one segment's postings; keys arrive sorted (Whoosh writes terms in order)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ends_array = np.frombuffer(ends, dtype=np.int64) if len(ends) else np.empty(0, np.int64)
    starts = np.concatenate([[0], ends_array[:-1]]) if len(ends) else ends_array
    ids = np.frombuffer(docnums, dtype=np.uint32) if len(docnums) else np.empty(0, np.uint32)
    weights = np.frombuffer(frequencies, dtype=np.float32) if len(docnums) else np.empty(0)
    freqs = np.minimum(np.rint(weights), _MAX_FREQUENCY).astype(np.uint16)
    if order != list(range(len(keys))):  # never seen, but the file must be sorted
        pieces = [np.arange(starts[i], ends_array[i]) for i in order]
        take = np.concatenate(pieces) if pieces else np.empty(0, np.int64)
        ids, freqs = ids[take], freqs[take]
        keys = [keys[i] for i in order]
        ends_array = np.cumsum([ends_array[i] - starts[i] for i in order]).astype(np.int64)
    blob = b"".join(keys)
    key_ends = np.cumsum([len(k) for k in keys], dtype=np.int64)
    hashes = np.fromiter((_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    by_hash = np.argsort(hashes, kind="stable").astype(np.int64)
    handle = storage.create_file(segment.make_filename(EXTENSION))
    try:
        header = _HEADER.pack(_MAGIC, len(keys), len(ids), len(blob))
        handle.write(header.ljust(_HEADER_SIZE, b"\0"))
        parts = (hashes[by_hash], by_hash, key_ends, np.asarray(ends_array, np.int64), ids, freqs)
        for part in parts:
            handle.write(np.ascontiguousarray(part).tobytes())
        handle.write(blob)
    finally:
        handle.close()


_NO_IDS, _NO_FREQUENCIES = np.empty(0, np.uint32), np.empty(0, np.uint16)


class _Keys:
    """The sorted keys as a sequence, for `bisect` (no copy of the key bytes)."""

    def __init__(self, data: mmap.mmap, offset: int, ends: np.ndarray) -> None:
        self.data, self.offset, self.ends = data, offset, ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> bytes:
        start = self.offset + (int(self.ends[i - 1]) if i else 0)
        return self.data[start : self.offset + int(self.ends[i])]


class SegmentPostings:
    """One segment's flat postings file, mapped read-only (pages shared between workers)."""

    def __init__(self, path: str) -> None:
        self.path = path
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            # What the map was made of: a file cut short under a map kills the process that
            # reads past its end (SIGBUS), so searches look for a change first (snapshot.py).
            self.signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            magic, terms, postings, key_bytes = _HEADER.unpack_from(self._map, 0)
            if magic != _MAGIC:
                raise ValueError(f"{os.path.basename(path)} is not a postings file")
            expected = _HEADER_SIZE + 32 * terms + 6 * postings + key_bytes
            if expected != stat.st_size:
                raise ValueError(f"{os.path.basename(path)}: {stat.st_size} bytes, not {expected}")
        except Exception:
            self._map.close()
            raise
        offset = _HEADER_SIZE
        self._hashes = np.frombuffer(self._map, np.uint64, terms, offset)
        offset += 8 * terms
        self._by_hash = np.frombuffer(self._map, np.int64, terms, offset)
        offset += 8 * terms
        key_ends = np.frombuffer(self._map, np.int64, terms, offset)
        offset += 8 * terms
        self._ends = np.frombuffer(self._map, np.int64, terms, offset)
        offset += 8 * terms
        self._docnums = np.frombuffer(self._map, np.uint32, postings, offset)
        offset += 4 * postings
        self._frequencies = np.frombuffer(self._map, np.uint16, postings, offset)
        offset += 2 * postings
        self._keys = _Keys(self._map, offset, key_ends)

    @classmethod
    def open(cls, reader) -> SegmentPostings | None:
        """The flat postings of a Whoosh segment reader, or None if it has none."""
        storage, segment = getattr(reader, "_storage", None), getattr(reader, "_segment", None)
        folder = getattr(storage, "folder", None)
        if folder is None or segment is None:
            return None
        try:
            return cls(os.path.join(folder, segment.make_filename(EXTENSION)))
        except FileNotFoundError:  # a segment Whoosh wrote alone: its postings are read there
            return None

    def changed(self) -> bool:
        """Whether the mapped file was changed in place since it was mapped."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:  # deleted after a merge: the map keeps the old file
            return False
        return stat.st_ino == self.signature[0] and self.signature != (
            stat.st_ino,
            stat.st_size,
            stat.st_mtime_ns,
        )

    def get(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers (in this segment) and frequencies of a term; empty if absent."""
        key = _key(fieldname, term.encode("utf-8"))
        wanted = _hash(key)
        hashes = self._hashes
        at = int(hashes.searchsorted(np.uint64(wanted)))
        while at < len(hashes) and int(hashes[at]) == wanted:  # equal hashes: compare keys
            i = int(self._by_hash[at])
            if self._keys[i] == key:
                start = int(self._ends[i - 1]) if i else 0
                end = int(self._ends[i])
                return self._docnums[start:end], self._frequencies[start:end]
            at += 1
        return _NO_IDS, _NO_FREQUENCIES

    def all_terms(self) -> set[str]:
        """Every term of every field."""
        keys = self._keys
        ends = keys.ends.tolist()
        blob = keys.data[keys.offset : keys.offset + (ends[-1] if ends else 0)]
        spans = zip([0, *ends[:-1]], ends, strict=True)
        return {blob[a:b].split(b"\0", 1)[1].decode("utf-8") for a, b in spans}

    def terms(self, fieldname: str) -> list[str]:
        """Every term of one field."""
        prefix = fieldname.encode("utf-8") + b"\0"
        first = bisect.bisect_left(self._keys, prefix)
        last = bisect.bisect_left(self._keys, fieldname.encode("utf-8") + b"\1")
        return [self._keys[i][len(prefix) :].decode("utf-8") for i in range(first, last)]
