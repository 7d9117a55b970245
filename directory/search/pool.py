"""A build's postings, held as flat arrays per field and grouped by term only when written.

Whoosh holds each posting as a 5-tuple (~150 bytes) and sorts them all at the end: a part of
25k listings held ~1.9M of them, ~400 MB in each writer process. Here a posting is a term
number, a document number, a weight and a shared value (~24 bytes), a document's counted
terms are appended in a few C-level calls (no Python step per posting: a loop doing a dict
lookup and three appends for each was ~20% of a build), and the postings come out in
exactly the order Whoosh's sort gives.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import repeat

import numpy as np
from whoosh.system import pack_uint


class _TermNumbers(dict):
    """A field's terms (bytes) numbered in the order first seen."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        super().__init__()
        self.names: list[bytes] = []

    def __missing__(self, term: bytes) -> int:
        number = self[term] = len(self.names)
        self.names.append(term)
        return number


class _Packed(dict):
    """Frequencies as Whoosh stores them (`pack_uint`), one shared copy of each."""

    def __missing__(self, frequency: int) -> bytes:
        packed = self[frequency] = pack_uint(frequency)
        return packed


_PACKED = _Packed((n, pack_uint(n)) for n in range(256))


class _FieldPostings:
    """One field's postings in the order added: parallel arrays, and each term's number."""

    __slots__ = ("documents", "numbers", "terms", "values", "weights")

    def __init__(self) -> None:
        self.numbers = _TermNumbers()
        self.terms, self.documents = array("i"), array("i")
        self.weights, self.values = array("d"), []


class CompactPool:
    """Whoosh's posting pool (`add`, `iter_postings`, `cleanup`), plus `add_counts` for a
    document's counted terms and `iter_terms` for a term's postings at once."""

    def __init__(self, fieldnames: set[str]) -> None:
        self.fieldnames = fieldnames
        self.fields: dict[str, _FieldPostings] = {}
        self.values: dict[bytes, bytes] = {}  # one copy of each distinct value

    def _field(self, fieldname: str) -> _FieldPostings:
        field = self.fields.get(fieldname)
        if field is None:
            field = self.fields[fieldname] = _FieldPostings()
        return field

    def add(self, item: tuple) -> None:
        fieldname, btext, docnum, weight, value = item
        field = self._field(fieldname)
        field.terms.append(field.numbers[btext])
        field.documents.append(docnum)
        field.weights.append(weight)
        field.values.append(value if value is None else self.values.setdefault(value, value))

    def add_counts(self, fieldname, counts: dict[str, int], docnum: int, field_boost, boost):
        """A document's postings of one field from its term counts: what `add` does for
        each (weight `count * field_boost * boost`), in C-level bulk calls."""
        field = self._field(fieldname)
        frequencies = counts.values()
        field.terms.extend(map(field.numbers.__getitem__, map(str.encode, counts)))
        field.documents.extend(repeat(docnum, len(counts)))
        weights = map(float(field_boost).__rmul__, frequencies)
        if boost != 1:
            weights = map(float(boost).__rmul__, weights)
        field.weights.extend(weights)
        field.values.extend(map(_PACKED.__getitem__, frequencies))

    def iter_terms(self) -> Iterator[tuple[str, bytes, np.ndarray, np.ndarray, np.ndarray]]:
        """(field, term, document numbers, weights, values) for each term, in the order
        Whoosh's pool sorts its postings (by field, term, then each posting's tuple)."""
        for fieldname in sorted(self.fields):
            field = self.fields.pop(fieldname)
            yield from _terms_of(fieldname, field)

    def iter_postings(self) -> Iterator[tuple]:
        """(field, term, document number, weight, value) in sorted order, as Whoosh's pool."""
        for fieldname, btext, docnums, weights, values in self.iter_terms():
            for docnum, weight, value in zip(
                docnums.tolist(), weights.tolist(), values.tolist(), strict=True
            ):
                yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        self.fields.clear()


def _terms_of(fieldname: str, field: _FieldPostings) -> Iterator[tuple]:
    terms = np.frombuffer(field.terms, dtype=np.int32)
    # Stable: each term's postings stay in the order added (document order in a build).
    order = np.argsort(terms, kind="stable")
    terms = terms[order]
    documents = np.frombuffer(field.documents, dtype=np.int32)[order]
    weights = np.frombuffer(field.weights, dtype=np.float64)[order]
    values = np.empty(len(order), dtype=object)
    values[:] = field.values
    values = values[order]
    names = field.numbers.names
    ends = np.searchsorted(terms, np.arange(1, len(names) + 1)).tolist()
    # A term with a document added twice or out of order is sorted as Whoosh sorts it.
    same = terms[1:] == terms[:-1]
    unordered = set(terms[1:][same & (documents[1:] <= documents[:-1])].tolist())
    for number in sorted(range(len(names)), key=names.__getitem__):
        start, end = ends[number - 1] if number else 0, ends[number]
        postings = documents[start:end], weights[start:end], values[start:end]
        if number in unordered:
            postings = _sorted(*postings)
        yield (fieldname, names[number], *postings)


def _sorted(documents: np.ndarray, weights: np.ndarray, values: np.ndarray) -> tuple:
    """One term's postings sorted by (document, weight, value), as Whoosh sorts them."""
    rows = sorted(zip(documents.tolist(), weights.tolist(), values.tolist(), strict=True))
    sorted_values = np.empty(len(rows), dtype=object)
    sorted_values[:] = [row[2] for row in rows]
    return (
        np.array([row[0] for row in rows], dtype=documents.dtype),
        np.array([row[1] for row in rows], dtype=weights.dtype),
        sorted_values,
    )
