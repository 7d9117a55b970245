"""Deterministic fixed query mixes (text and browse) over the synthetic vocabulary."""

from __future__ import annotations

import math
import random
import re
import string
from typing import Any

from bench.synthetic import (
    KM_PER_DEG,
    LANGUAGES,
    METRO_CUM_WEIGHTS,
    METROS,
    SERVICES,
    key_phrases,
)
from bench.vocabulary import Zipf

# A share of text queries carries a word of the descriptions' long tail (Zipf-drawn, so
# mostly common words, sometimes rare ones): per-term caches must not answer every lookup.
FREE_WORD_SHARE = 0.4
CONTENT_WORDS = Zipf(content_only=True)

RADII_KM = (5, 25, 100)
NEAR_SCATTER_KM = 10.0
# Words that make a poor query on their own; stripped from the ends of a phrase window.
STOPWORDS = frozenset({"of", "to", "your", "and", "the", "for", "use"})
PHRASES = tuple(key_phrases())
TYPO_MIN_LEN = 5


def _exact_flags(rng: random.Random, count: int, share: float) -> list[bool]:
    # Exact shares (not coin flips) so every mix of a given size has the same composition.
    k = round(count * share)
    flags = [True] * k + [False] * (count - k)
    rng.shuffle(flags)
    return flags


def _words(rng: random.Random) -> list[str]:
    # A 1-3 word window of a key phrase, as a person would type part of a service name.
    while True:
        words = rng.choice(PHRASES).split()
        size = rng.randint(1, min(3, len(words)))
        start = rng.randint(0, len(words) - size)
        window = words[start : start + size]
        while window and window[0].lower() in STOPWORDS:
            window.pop(0)
        while window and window[-1].lower() in STOPWORDS:
            window.pop()
        if window:
            return window


def _typo(rng: random.Random, word: str) -> str:
    # The first letter is kept: typo-tolerant engines usually require a matching prefix.
    kind = rng.choice(("substitute", "delete", "transpose"))
    spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
    if kind == "substitute":
        i = rng.randrange(1, len(word))
        letters = [c for c in string.ascii_lowercase if c != word[i].lower()]
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if kind == "delete" or not spots:
        i = rng.randrange(1, len(word))
        return word[:i] + word[i + 1 :]
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _text(rng: random.Random, with_typo: bool, free_word: bool) -> str:
    while True:
        words = _words(rng)
        if free_word:  # a tail word alone, or beside one word of a key phrase
            tail = CONTENT_WORDS.sample(rng, 1)
            words = tail if rng.random() < 0.5 else [rng.choice(words), *tail]
        if not with_typo:
            return " ".join(words)
        # Typos go into a purely alphabetic run of 5+ letters ("informed" in "trauma-informed").
        spots = [
            (w, m)
            for w, word in enumerate(words)
            for m in re.finditer(rf"[A-Za-z]{{{TYPO_MIN_LEN},}}", word)
        ]
        if spots:
            w, m = rng.choice(spots)
            word = words[w]
            words[w] = word[: m.start()] + _typo(rng, m.group()) + word[m.end() :]
            return " ".join(words)


def _near(rng: random.Random) -> tuple[float, float]:
    # Population-weighted like the listings, so query load lands where the data is.
    metro = rng.choices(METROS, cum_weights=METRO_CUM_WEIGHTS)[0]
    lat = metro.lat + rng.gauss(0.0, NEAR_SCATTER_KM) / KM_PER_DEG
    lon = metro.lon + rng.gauss(0.0, NEAR_SCATTER_KM) / (KM_PER_DEG * math.cos(math.radians(lat)))
    return round(lat, 6), round(lon, 6)


def _mix(count: int, seed: int, text: bool, placed: bool = True) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    typos = _exact_flags(rng, count, 0.25 if text else 0.0)
    free_words = _exact_flags(rng, count, FREE_WORD_SHARE if text else 0.0)
    service_filters = _exact_flags(rng, count, 0.5)
    language_filters = _exact_flags(rng, count, 0.2)
    by_distance = _exact_flags(rng, count, 0.1)
    # Filtering on English narrows little; people filter on the language they need.
    languages = list(LANGUAGES)
    weights = [w for _, w in LANGUAGES.values()]
    out = []
    for i in range(count):
        out.append(
            {
                "q": _text(rng, typos[i], free_words[i]) if text else "",
                "services": [rng.choice(SERVICES)] if service_filters[i] else [],
                "language": (
                    rng.choices(languages, weights=weights)[0] if language_filters[i] else None
                ),
                "near": _near(rng) if placed else None,
                "radius_km": rng.choice(RADII_KM) if placed else None,
                "sort": "distance" if by_distance[i] and placed else "relevance",
            }
        )
    return out


def make_queries(count: int = 500, seed: int = 7) -> list[dict[str, Any]]:
    """Text queries: 1-3 words (40% with a tail word), 25% with one typo, mixed filters."""
    return _mix(count, seed, text=True)


def make_browse_queries(count: int = 200, seed: int = 11) -> list[dict[str, Any]]:
    """Browse queries: like make_queries but with q == "" (filters and distance only)."""
    return _mix(count, seed, text=False)


def make_placeless_queries(count: int = 500, seed: int = 17) -> list[dict[str, Any]]:
    """Text queries with no place (an advocate asking for a shelter anywhere): they match far
    more listings than a search near a point, so scoring and facets work over more rows."""
    return _mix(count, seed, text=True, placed=False)


def near_text(query: dict[str, Any]) -> str | None:
    """A query's place as the API and the service take it ("lat,lon"), or None."""
    return None if query["near"] is None else "{},{}".format(*query["near"])


def kind(query: dict[str, Any]) -> str:
    """Return "text" when the query has search words, else "browse"."""
    return "text" if str(query.get("q") or "").strip() else "browse"
