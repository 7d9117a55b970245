"""Read Whoosh columns and postings straight into numpy arrays, one segment at a time.

Whoosh reads a column or a posting list one value at a time in Python; these helpers read
the same bytes in one call. They rely on whoosh-reloaded 2.7.5's W3 codec (pinned) and fall
back to Whoosh's public, slower API for any other reader.
"""

from __future__ import annotations

import numpy as np
from whoosh import columns
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

# Field lengths are stored as one byte; this table turns the byte back into a length.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def _pad(values: np.ndarray, doccount: int, default) -> np.ndarray:
    if len(values) >= doccount:
        return values[:doccount]
    tail = np.full((doccount - len(values), *values.shape[1:]), default, dtype=values.dtype)
    return np.concatenate([values, tail])


def numeric_column(reader, fieldname: str, dtype: str, default: int) -> np.ndarray:
    """A fixed-width numeric column of one segment as a numpy array (`dtype` like `>i4`)."""
    doccount = reader.doc_count_all()
    if not reader.has_column(fieldname):
        return np.full(doccount, default, dtype=np.dtype(dtype).newbyteorder("="))
    column = reader.column_reader(fieldname, translate=False)
    if isinstance(column, columns.NumericColumn.Reader):
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = np.frombuffer(raw, dtype=dtype).astype(np.dtype(dtype).newbyteorder("="))
        return _pad(values, doccount, default)
    return np.fromiter(
        (column[n] for n in range(doccount)), dtype=np.dtype(dtype).newbyteorder("=")
    )


def fixed_bytes_column(reader, fieldname: str, width: int) -> np.ndarray:
    """A fixed-width bytes column of one segment as an (n, width) uint8 array."""
    doccount = reader.doc_count_all()
    if not reader.has_column(fieldname):
        return np.zeros((doccount, width), dtype=np.uint8)
    column = reader.column_reader(fieldname, translate=False)
    if isinstance(column, columns.FixedBytesColumn.Reader) and hasattr(column, "_dbfile"):
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = np.frombuffer(raw, dtype=np.uint8).reshape(-1, width)
        return _pad(values, doccount, 0)
    joined = b"".join(column[n] for n in range(doccount))
    return np.frombuffer(joined, dtype=np.uint8).reshape(-1, width).copy()


def ref_column(reader, fieldname: str) -> tuple[np.ndarray, list[bytes]]:
    """A column of few distinct values: per-document references and the distinct values."""
    doccount = reader.doc_count_all()
    if not reader.has_column(fieldname):
        return np.zeros(doccount, dtype=np.int32), [b""]
    column = reader.column_reader(fieldname, translate=False)
    if isinstance(column, columns.RefBytesColumn.Reader):
        raw = column._dbfile.get(column._basepos, doccount * column._itemsize)
        refs = np.frombuffer(raw, dtype=">" + column._typecode).astype(np.int32)
        return refs, list(column._uniques)
    values = [column[n] for n in range(doccount)]
    uniques = sorted(set(values))
    lookup = {value: n for n, value in enumerate(uniques)}
    return np.array([lookup[v] for v in values], dtype=np.int32), uniques


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in `fieldname` (in terms), as float32."""
    lenfield = f"_{fieldname}_len"
    doccount = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        column = perdoc._cached_reader(lenfield, LENGTHS_COLUMN)
        if column is None:
            return np.zeros(doccount, dtype=np.float32)
        raw = column._dbfile.get(column._basepos, column._count)
        lengths = _LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)]
        return _pad(lengths, doccount, 0.0)
    return np.array(
        [reader.doc_field_length(n, fieldname, 0) or 0 for n in range(doccount)], dtype=np.float32
    )


def postings(reader, fieldname: str, term: bytes | str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and term frequencies of one term in one segment (empty if absent)."""
    empty = (np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32))
    try:
        matcher = reader.postings(fieldname, term)
    except Exception:
        return empty
    if isinstance(matcher, FilterMatcher):  # deleted documents are masked out by the caller
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)
    id_blocks, weight_blocks = [], []
    while True:
        matcher._read_ids()
        matcher._read_weights()
        id_blocks.append(np.asarray(matcher._ids, dtype=np.int32))
        weight_blocks.append(np.asarray(matcher._weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(id_blocks), np.concatenate(weight_blocks)
