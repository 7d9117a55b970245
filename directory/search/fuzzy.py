"""Typo tolerance: find known words within a small edit distance, without scanning them all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from math import comb

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


class FuzzyIndex:
    """Words indexed by their deletions (symmetric delete), first letter kept fixed."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._by_delete: dict[str, set[str]] = {}
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        """Index more words."""
        for word in words:
            if len(word) < 4:
                continue
            for variant in _deletes(word[1:], max_edits(word)):
                self._by_delete.setdefault(word[0] + variant, set()).add(word)

    def near(self, word: str, budget: Budget | None = None) -> list[tuple[str, int]]:
        """Known words within the edits allowed for `word`, closest first (none once the
        query's budget is spent)."""
        limit = max_edits(word)
        if not limit:
            return []
        if budget is not None and not budget.charge(variant_count(len(word) - 1, limit)):
            return []
        candidates: set[str] = set()
        for variant in _deletes(word[1:], limit):
            candidates |= self._by_delete.get(word[0] + variant, set())
        scored = []
        for candidate in candidates:
            if candidate == word:
                continue
            distance = edit_distance(word, candidate, max(limit, max_edits(candidate)))
            if distance <= limit:
                scored.append((candidate, distance))
        return sorted(scored, key=lambda item: (item[1], item[0]))
