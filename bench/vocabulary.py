"""A Zipf-distributed vocabulary of tens of thousands of words for synthetic free text.

Real listings' descriptions share a few hundred common words and then a long tail of rare
ones (place and program names, jargon, misspellings): word frequency falls roughly as
1 / rank. A benchmark whose listings use a few hundred words lets per-term caches answer
nearly every lookup; this vocabulary gives the tail that real text has.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random

SIZE = 40_000  # distinct surface forms; ~25k of them occur in 10k listings, nearly all by 100k
EXPONENT = 1.0  # Zipf's law for English text: frequency ~ 1 / rank
# Ranks below this are the common words; queries and names draw from the content words after.
CONTENT_FROM = 60
# The head of the distribution: common words of service descriptions, most frequent first.
_COMMON_TEXT = """
    the and to of for a in with our we you is are on or that your as by can who be at from
    all their provide this have program people community they will more other through also
    not these each new work families clients information available including about such
    access resources one year years may care health individuals staff local free need needs
    children services support help well many women youth safe being any them there which
    when into time both those while has been its some most through out before after
    during while within without across under between daily weekly month months day days
    open home life school city county state public private group groups family person
    persons adult adults young case plan plans team office offices center centers referral
    referrals call calls visit visits meet meeting meetings need long short term terms
    trained training provide provides providing offer offers offered ensure connect connects
    connecting serve serves serving based led peer peers partner partners partnership
    """
COMMON = tuple(dict.fromkeys(_COMMON_TEXT.split()))  # in order, each word once
_ONSETS = (
    "b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h",
    "j", "k", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sl", "sm", "sn", "sp",
    "st", "str", "t", "th", "tr", "v", "w", "wh", "y", "z", "",
)  # fmt: skip
_NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "oa", "ie", "y")
_CODAS = ("", "", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "rk", "st", "ck", "ng", "x")
# Inflections Porter stems back together, so the tail has word families as real text does.
_SUFFIXES = ("s", "ing", "ed", "er", "ation", "ly", "ment", "ness")


def _pseudo_word(rng: random.Random) -> str:
    syllables = rng.choices((1, 2, 3, 4), weights=(20, 50, 25, 5))[0]
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables)
    )


@functools.cache
def words() -> tuple[str, ...]:
    """The vocabulary in rank order: COMMON first, then pronounceable made-up words."""
    seen: set[str] = set()
    ranked: list[str] = []
    for word in COMMON:
        if word not in seen:
            seen.add(word)
            ranked.append(word)
    rng = random.Random(2026)  # fixed: the vocabulary is the same on every machine
    while len(ranked) < SIZE:
        base = _pseudo_word(rng)
        if len(base) < 3:
            continue
        forms = [base]
        if rng.random() < 0.3:  # a word family: the base and one or two inflections
            forms += [base + suffix for suffix in rng.sample(_SUFFIXES, rng.randint(1, 2))]
        for form in forms:
            if form not in seen and len(ranked) < SIZE:
                seen.add(form)
                ranked.append(form)
    return tuple(ranked)


@functools.cache
def _cum_weights() -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / rank**EXPONENT for rank in range(1, SIZE + 1)))


class Zipf:
    """Draw words with probability ~ 1 / rank, from all words or only the content words."""

    def __init__(self, content_only: bool = False):
        self.start = CONTENT_FROM if content_only else 0
        self.words = words()[self.start :]
        cum = _cum_weights()
        # Content-only draws keep the tail's shape: the head's mass is cut off, not spread.
        base = cum[self.start - 1] if self.start else 0.0
        self.cum = [c - base for c in cum[self.start :]]
        self.total = self.cum[-1]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        """k words, independently drawn."""
        cum, total, found = self.cum, self.total, self.words
        last = len(found) - 1
        return [found[min(last, bisect.bisect_right(cum, rng.random() * total))] for _ in range(k)]

    def rank(self, word: str) -> int:
        """The word's 1-based rank in the whole vocabulary (0 if it is not in it)."""
        try:
            return words().index(word) + 1
        except ValueError:
            return 0


def sentence(rng: random.Random, zipf: Zipf, low: int = 8, high: int = 16) -> str:
    """A sentence of low..high Zipf-drawn words, capitalised and ended with a full stop."""
    drawn = zipf.sample(rng, rng.randint(low, high))
    return drawn[0].capitalize() + (" " + " ".join(drawn[1:]) if len(drawn) > 1 else "") + "."
