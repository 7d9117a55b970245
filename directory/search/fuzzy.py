"""Typo tolerance: find known words within a small edit distance, without scanning them all."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from math import comb

import numpy as np

# Longer "words" (a pasted sentence in an unspaced script, a run of emoji) are not typos:
# their deletions grow with the square of their length.
MAX_FUZZY_LENGTH = 24
# Deletion variants one query may generate in all (a 24-letter word with 2 edits makes 277).
QUERY_BUDGET = 2_000


@dataclass
class Budget:
    """The fuzzy work one query may do, counted in deletion variants generated."""

    limit: int = QUERY_BUDGET
    spent: int = 0

    def charge(self, variants: int) -> bool:
        """Spend `variants` if they fit in what is left; False (and nothing spent) if not."""
        if self.spent + variants > self.limit:
            return False
        self.spent += variants
        return True


def max_edits(word: str) -> int:
    """Edits allowed for a word: none under 4 letters or over 24, 1 from 4, 2 from 8."""
    if len(word) < 4 or len(word) > MAX_FUZZY_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def variant_count(length: int, depth: int) -> int:
    """At most how many deletion variants a word of `length` letters has at `depth`."""
    return sum(comb(length, k) for k in range(depth + 1))


def _deletes(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or limit + 1 if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Letters counted one by one; any other character shares one count (still a lower bound).
_LETTERS = {letter: n for n, letter in enumerate("abcdefghijklmnopqrstuvwxyz")}


def _letter_counts(words: list[str]) -> np.ndarray:
    counts = np.zeros((len(words), len(_LETTERS) + 1), dtype=np.int16)
    for row, word in enumerate(words):
        for letter in word[1:]:
            counts[row, _LETTERS.get(letter, len(_LETTERS))] += 1
    return counts


def _common_length(a: str, b: str) -> int:
    """The length of the longest common subsequence of `a` and `b`."""
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b):
            current.append(previous[j] + 1 if ca == cb else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


class FuzzyIndex:
    """Known words grouped by first letter (kept fixed), found by letter counts then edits.

    A word is a candidate when deleting at most `max_edits(query)` letters from the query
    and at most `max_edits(word)` from the word leaves the same text (symmetric deletes),
    which bounds the difference of their letter counts. Comparing counts in numpy over the
    words of one first letter replaces a table of every word's deletions, which took
    seconds and hundreds of megabytes to build at 100k listings on the first query.
    Each letter's group is built when a query first needs it.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._pending: dict[str, list[str]] = {}
        self._groups: dict[str, tuple[list[str], np.ndarray, np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        """Index more words."""
        for word in words:
            if len(word) >= 4:
                self._pending.setdefault(word[0], []).append(word)

    def _group(self, letter: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray] | None:
        with self._lock:
            group, pending = self._groups.get(letter), self._pending.pop(letter, None)
            if pending:
                edits = np.array([max_edits(word) for word in pending], dtype=np.int16)
                counts = _letter_counts(pending)
                if group is not None:
                    pending = group[0] + pending
                    counts = np.concatenate([group[1], counts])
                    edits = np.concatenate([group[2], edits])
                lengths = counts.sum(axis=1)
                group = self._groups[letter] = (pending, counts, edits, lengths)
            return group

    def near(self, word: str, budget: Budget | None = None) -> list[tuple[str, int]]:
        """Known words within the edits allowed for `word`, closest first (none once the
        query's budget is spent)."""
        limit = max_edits(word)
        if not limit:
            return []
        if budget is not None and not budget.charge(variant_count(len(word) - 1, limit)):
            return []
        group = self._group(word[0])
        if group is None:
            return []
        words, counts, edits, lengths = group
        # Letters the query has more of must be among its deletions, and the word's extra
        # letters among the word's (so are the differences in length).
        length = lengths - (len(word) - 1)
        rows = np.flatnonzero((length <= edits) & (-length <= limit))
        difference = counts[rows] - _letter_counts([word])[0]
        extra_in_word = np.maximum(difference, 0).sum(axis=1)
        extra_in_query = np.maximum(-difference, 0).sum(axis=1)
        rest = word[1:]
        scored = []
        for i in rows[(extra_in_query <= limit) & (extra_in_word <= edits[rows])]:
            candidate = words[i]
            if candidate == word:
                continue
            distance = edit_distance(word, candidate, max(limit, int(edits[i])))
            if distance > limit:
                continue
            common = _common_length(rest, candidate[1:])
            if len(rest) - common <= limit and len(candidate) - 1 - common <= edits[i]:
                scored.append((candidate, distance))
        return sorted(scored, key=lambda item: (item[1], item[0]))
