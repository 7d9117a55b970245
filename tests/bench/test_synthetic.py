"""The benchmark's synthetic listings: valid, deterministic, with a realistic vocabulary."""

from __future__ import annotations

import random
import re
from collections import Counter

from bench.synthetic import generate
from bench.vocabulary import SIZE, Zipf, words
from directory.providers.schemas import ProviderRowSchema


def _tokens(rows) -> Counter:
    text = " ".join(f"{r['name']} {r['organization']} {r['description']}" for r in rows)
    return Counter(re.findall(r"[^\W_]+", text.lower()))


def test_rows_pass_the_import_schema():
    schema = ProviderRowSchema()
    for row in generate(300, seed=5):
        schema.load(row)  # raises ValidationError on a bad row


def test_same_seed_same_rows_other_seed_other_rows():
    assert list(generate(50, seed=1)) == list(generate(50, seed=1))
    assert list(generate(50, seed=1)) != list(generate(50, seed=2))


def test_vocabulary_has_tens_of_thousands_of_distinct_words():
    assert len(words()) == len(set(words())) == SIZE >= 20_000
    # 3,000 listings already use well over ten thousand distinct words (the old generator
    # used ~420 in any number of listings).
    assert len(_tokens(generate(3_000, seed=9))) > 12_000


def test_word_frequencies_fall_as_one_over_rank():
    counts = Zipf().sample(random.Random(3), 200_000)
    frequency = Counter(counts)
    first, tenth, hundredth = (frequency[words()[rank - 1]] for rank in (1, 10, 100))
    # Zipf with exponent 1: rank 10 is ~10x rarer than rank 1, rank 100 ~100x.
    assert 6 < first / tenth < 15
    assert 60 < first / hundredth < 150
    # The tail is long: most draws are of words that each occur rarely.
    assert sum(1 for c in frequency.values() if c <= 3) > 10_000


def test_content_words_skip_the_function_words():
    drawn = set(Zipf(content_only=True).sample(random.Random(4), 5_000))
    assert not drawn & {"the", "and", "to", "of", "for"}
