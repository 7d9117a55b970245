"""The reference engine's typo expansion finds what a scan of its whole vocabulary finds."""

from __future__ import annotations

from bench.fts5_reference import MAX_EXPANSIONS, Fts5Reference, _within
from bench.queries import make_queries
from bench.synthetic import generate


def _scan(vocabulary: dict[str, int], word: str) -> list[str]:
    """The expansion by brute force: every vocabulary word, same rules."""
    if len(word) < 4:
        return [word]
    k = 2 if len(word) >= 8 else 1
    found = [
        (0 if k == 1 or _within(word, cand, 1) else 1, -df, cand)
        for cand, df in vocabulary.items()
        if cand != word and cand[0] == word[0] and _within(word, cand, k)
    ]
    return [word] + [w for _, _, w in sorted(found)[:MAX_EXPANSIONS]]


def test_symmetric_delete_expansion_equals_a_full_scan(tmp_path):
    reference = Fts5Reference()
    reference.build(generate(400, seed=8), tmp_path / "reference.sqlite3")
    assert reference.conn is not None
    vocabulary = dict(reference.conn.execute("SELECT word, df FROM vocab"))
    words = {w for q in make_queries(300, seed=4) for w in q["q"].lower().split()}
    words |= set(list(vocabulary)[::50])  # words the index holds, whose variants it holds too
    expanded = 0
    for word in sorted(words):
        if not word.isalpha():
            continue
        assert reference._expand(word) == _scan(vocabulary, word), word
        expanded += len(reference._expand(word)) > 1
    assert expanded > 50  # typos and near neighbours were really found
