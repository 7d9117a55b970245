"""Bits counted through value patterns agree with unpacking every row, whatever the words."""

from __future__ import annotations

import numpy as np
import pytest

from directory.search.filters import bit_counts, bit_patterns, pattern_bit_counts


def _words(rng: np.random.Generator, shape: tuple[int, ...], dtype: str, distinct: int):
    """Rows whose words each come from `distinct` random values (high bits included) and are
    drawn independently, so two rows can share one word and differ in the other."""
    native = np.dtype(dtype).newbyteorder("=")
    pool = rng.integers(0, np.iinfo(native).max, size=distinct, dtype=native, endpoint=True)
    return pool[rng.integers(0, distinct, size=shape)].astype(dtype)


@pytest.mark.parametrize(
    ("shape", "dtype", "distinct"),
    [
        ((5000,), "<u4", 40),
        ((5000,), ">u4", 3000),  # big-endian, as some columns are read
        ((5000, 2), "<u8", 200),  # languages: two 64-bit words a row
        ((5000, 2), "<u8", 60),
        ((1,), "<u4", 1),
    ],
)
def test_pattern_counts_equal_unpacked_counts(shape, dtype, distinct):
    rng = np.random.default_rng(7)
    words = _words(rng, shape, dtype, distinct)
    patterns = bit_patterns(words)
    assert patterns.values <= distinct ** (words.ndim)
    assert patterns.bits == bit_counts(words).shape[0]
    for share in (0.0, 0.01, 0.3, 1.0):
        selected = rng.random(shape[0]) < share
        counted = pattern_bit_counts(patterns, np.flatnonzero(selected))
        assert np.array_equal(counted, bit_counts(words[selected]))


def test_rows_sharing_a_value_share_its_number():
    words = np.array([[1, 2], [3, 4], [1, 2], [1, 4], [3, 2]], dtype=np.uint64)
    patterns = bit_patterns(words)
    assert patterns.values == 4
    rows = patterns.rows
    assert rows[0] == rows[2] and len({*rows[[0, 1, 3, 4]].tolist()}) == 4
