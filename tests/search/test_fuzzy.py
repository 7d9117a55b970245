"""Typo lookup: the same words as comparing the query's and each word's deletions."""

from __future__ import annotations

import random

from directory.search.fuzzy import FuzzyIndex, _deletes, edit_distance, max_edits


def _by_deletions(vocabulary: list[str], word: str) -> list[tuple[str, int]]:
    """The definition: a shared text after at most max_edits deletions on each side."""
    limit = max_edits(word)
    if not limit:
        return []
    mine = _deletes(word[1:], limit)
    found = []
    for candidate in vocabulary:
        if len(candidate) < 4 or candidate[0] != word[0] or candidate == word:
            continue
        if mine & _deletes(candidate[1:], max_edits(candidate)):
            distance = edit_distance(word, candidate, max(limit, max_edits(candidate)))
            if distance <= limit:
                found.append((candidate, distance))
    return sorted(found, key=lambda item: (item[1], item[0]))


def test_near_finds_exactly_the_words_symmetric_deletes_find():
    rng = random.Random(5)
    letters = "aeiorstnlcdgh"
    vocabulary = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(3000)}
        | {"shelter", "trafficking", "counseling", "immigration", "лечение", "법률지원센터"}
    )
    index = FuzzyIndex(vocabulary[:1500])
    index.add(vocabulary[1500:])  # added in two steps, as segments are
    queries = ["shelterr", "trafficing", "counselling", "imigration", "лечени", "법률지원센"]
    for _ in range(300):
        word = rng.choice(vocabulary)
        i = rng.randrange(len(word))
        dropped = word[:i] + word[i + 1 :]
        added = word[:i] + rng.choice(letters) + word[i:]
        swapped = word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :]
        word = rng.choice([dropped, added, swapped])
        queries.append(word)
    found_some = 0
    for query in queries:
        expected = _by_deletions(vocabulary, query)
        assert index.near(query) == expected, query
        found_some += bool(expected)
    assert found_some > 150
    assert ("shelter", 1) in index.near("shelterr")
