"""Relevance: BM25F over Whoosh's postings in numpy, typo variants, and named concepts."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES

from .filters import code_mask, flag_mask, language_mask
from .fuzzy import Budget, FuzzyIndex
from .schema import FIELD_BOOSTS, POPULATION_BITS, SERVICE_BITS, TEXT_FIELDS, EnglishAnalyzer
from .snapshot import Snapshot, segment_key
from .understanding import Understanding

# Words a listing's own name or description holds outrank what query understanding adds:
# a listing that says "T visa" is never below one merely coded `immigration`. The lift is
# the best score of the others, not a constant, so distance still blends in after it.
EXACT_FIELDS = ("name", "organization", "description")
# A word naming who is served leaves out listings that serve only others: per code, the
# codes of its group a listing may have and still serve that person.
SERVED_GROUPS = (
    {"men": {"men"}, "women": {"women"}},
    {"youth": {"youth"}, "young_adults": {"young_adults", "adults"}, "adults": {"adults"}},
)

K1, B = 1.2, 0.75
# A typo variant scores well below the word itself, so exact matches rank first.
FUZZY_WEIGHT = 0.4
# What naming a concept is worth, next to a strong text match in one field (about 5-15).
CONCEPT_WEIGHTS = {
    "services": 8.0, "populations": 3.0, "languages": 3.0, "flags": 2.0, "place": 3.0,
}  # fmt: skip
# Someone writing in Korean most likely needs staff who speak Korean, even unasked: nearly
# as much as the service they named.
QUERY_LANGUAGE_WEIGHT = 6.0
# Text weight of words that named a concept: typed by the person ("shelter"), or implied
# in English by a concept named in another language (律师 -> "legal"): a tie-breaker.
TYPED_CONCEPT_WEIGHT = 0.5
IMPLIED_WEIGHT = 0.15
# Survivors rarely can pay: between equal answers, the free one comes first.
FREE_PRIOR = 1.0
MAX_WORDS = 12

_ANALYZER = EnglishAnalyzer()  # the index's own analyzer, so query terms match index terms


def analyze(word: str) -> list[str]:
    """The index terms of a word (lowercased, stemmed, English stopwords dropped)."""
    return [token.text for token in _ANALYZER(word)]


@dataclass
class Lexicon:
    """Every indexed term, with a typo index; grows as segments are added."""

    terms: set[str] = field(default_factory=set)
    fuzzy: FuzzyIndex = field(default_factory=FuzzyIndex)
    segments: set[str] = field(default_factory=set)

    def update(self, snapshot: Snapshot) -> None:
        for leaf, _, arrays in snapshot.segments:
            key = segment_key(leaf)
            if key in self.segments:
                continue
            new = arrays.flat.all_terms() if arrays.flat is not None else set()
            for name in TEXT_FIELDS if arrays.flat is None else ():
                new.update(
                    t.decode("utf-8") if isinstance(t, bytes) else t for t in leaf.lexicon(name)
                )
            new -= self.terms
            self.terms |= new
            self.fuzzy.add(new)
            self.segments.add(key)

    def knows(self, word: str) -> bool:
        return any(term in self.terms for term in analyze(word))


def _field_scores(snapshot: Snapshot, term: str):
    """(document ids, BM25F contribution) of one term in each text field that has it."""
    for name in TEXT_FIELDS:
        ids, frequencies = snapshot.postings(name, term)
        if not len(ids):
            continue
        scores = frequencies.astype(np.float32)
        denominators = snapshot.length_norm(name, K1, B)[ids]
        denominators += scores
        idf = snapshot.term_idf(name, term, ids)
        scores *= np.float32(idf * FIELD_BOOSTS[name] * (K1 + 1))
        scores /= denominators
        yield ids, scores


def term_scores(snapshot: Snapshot, term: str) -> np.ndarray | None:
    """BM25F of one term summed over fields, for every document (None if no document has it).

    Scored on every query from the merged postings (merged.py), never cached as scores: a
    score depends on every document's length and count, which each edit changes.
    """
    score = None
    for ids, scores in _field_scores(snapshot, term):
        if score is None:
            score = np.zeros(snapshot.size, dtype=np.float32)
        score[ids] += scores
    return score


def word_scores(
    snapshot: Snapshot, lexicon: Lexicon, word: str, fuzzy: bool, budget: Budget | None = None
) -> np.ndarray | None:
    """The best score of a word or (if `fuzzy`) its closest spellings, per document."""
    best = None
    for term in analyze(word):
        variants = [(term, 1.0)]
        if fuzzy and term not in lexicon.terms:
            close = lexicon.fuzzy.near(term, budget)[:4]
            variants += [(near, FUZZY_WEIGHT / distance) for near, distance in close]
        for variant, weight in variants:
            scores = term_scores(snapshot, variant)
            if scores is None:
                continue
            if weight != 1.0:
                scores *= np.float32(weight)
            best = scores if best is None else np.maximum(best, scores, out=best)
    return best


def concept_words(code: str, taxonomy=SERVICE_TYPES) -> list[str]:
    """English words naming a taxonomy code: its code and its first synonyms."""
    term = taxonomy.get(code)
    words = code.split("_") + (list(term.synonyms[:2]) if term else [])
    return [part for phrase in words for part in phrase.split()]


def place_mask(snapshot: Snapshot, words: list[str]) -> np.ndarray | None:
    """Listings whose city or service area is the place the query named (e.g. `bronx`).

    Population labels share the field but never name a borough or city.
    """
    terms = [t for word in words for t in analyze(word)]
    if not terms:
        return None
    mask = np.ones(snapshot.size, dtype=bool)
    for term in terms:
        ids, _ = snapshot.postings("context", term)
        if not len(ids):
            return None
        present = np.zeros(snapshot.size, dtype=bool)
        present[ids] = True
        mask &= present
    return mask


def exact_mask(snapshot: Snapshot, words: list[str]) -> np.ndarray | None:
    """Listings whose name, organization or description hold every one of `words`."""
    terms = list(dict.fromkeys(t for word in words for t in analyze(word)))
    if not terms:
        return None
    mask = np.ones(snapshot.size, dtype=bool)
    for term in terms:
        present = np.zeros(snapshot.size, dtype=bool)
        for name in EXACT_FIELDS:
            ids, _ = snapshot.postings(name, term)
            present[ids] = True
        mask &= present
    return mask


def served_mask(snapshot: Snapshot, populations: list[tuple[str, ...]]) -> np.ndarray | None:
    """Leave out listings serving only others: "men" drops a listing for women only."""
    mask = None
    for group in SERVED_GROUPS:
        named = [codes[0] for codes in populations if len(codes) == 1 and codes[0] in group]
        if not named:
            continue
        accepted = set().union(*(group[code] for code in named))
        has_group = code_mask(snapshot.population_bits, POPULATION_BITS, list(group))
        serves = code_mask(snapshot.population_bits, POPULATION_BITS, sorted(accepted))
        allowed = ~has_group | serves
        mask = allowed if mask is None else mask & allowed
    return mask


def concept_masks(snapshot: Snapshot, understood: Understanding) -> list[tuple[str, np.ndarray]]:
    """One mask per named concept: (kind, documents having it)."""
    masks = [
        ("services", code_mask(snapshot.service_bits, SERVICE_BITS, [c]))
        for c in understood.services
    ]
    masks += [
        ("populations", code_mask(snapshot.population_bits, POPULATION_BITS, c))
        for c in understood.populations
    ]
    masks += [("languages", language_mask(snapshot, [c])) for c in understood.languages]
    masks += [("flags", flag_mask(snapshot, c)) for c in understood.flags]
    place = understood.place
    if place is not None:
        # By the place's own name, whatever script it was typed in (`Бруклин`, `法拉盛`), and
        # for a neighborhood also its borough, which is how many listings give their city.
        names = [place.name] + ([place.borough] if place.borough != place.name else [])
        found = [
            m
            for m in (place_mask(snapshot, name.split()) for name in names if name)
            if m is not None
        ]
        if found:
            masks.append(("place", np.logical_or.reduce(found)))
    return masks


def _text_scores(snapshot, lexicon, understood, score, matched_units) -> np.ndarray:
    """Add each free word's score; return the documents any of them matched."""
    word_hit = np.zeros(snapshot.size, dtype=bool)
    free = [(w, True) for w in understood.words[:MAX_WORDS]]
    free += [(w, False) for w in understood.literal_words[:MAX_WORDS]]
    for word, fuzzy in free:
        scores = word_scores(snapshot, lexicon, word, fuzzy, understood.budget)
        if scores is not None:
            score += scores
            hit = scores > 0
            matched_units += hit
            word_hit |= hit
    return word_hit


def _concept_text_scores(snapshot, lexicon, understood, score) -> None:
    """Words that named a concept also count as text where the index has them ("shelter"),
    and so do the English words for each named service, so a listing whose name and
    description are about legal help outranks one merely coded `legal` for "律师"."""
    implied = [w for code in understood.services for w in concept_words(code)]
    implied += [w for c in understood.populations for w in concept_words(c[0], POPULATIONS)]
    typed = dict.fromkeys(understood.exact_words[:MAX_WORDS])
    for words, weight in ((typed, TYPED_CONCEPT_WEIGHT), (dict.fromkeys(implied), IMPLIED_WEIGHT)):
        for word in words:
            terms = analyze(word)
            if len(terms) == 1:
                # Added where the term is, with no array over every listing of its own: at 1M
                # listings those arrays were most of a query's time.
                for ids, scores in _field_scores(snapshot, terms[0]):
                    scores *= np.float32(weight)
                    score[ids] += scores
                continue
            scores = word_scores(snapshot, lexicon, word, fuzzy=False)
            if scores is not None:
                score += np.float32(weight) * scores


def relevance(
    snapshot: Snapshot, lexicon: Lexicon, understood: Understanding, lift_exact: bool = True
) -> tuple[np.ndarray, np.ndarray] | None:
    """Scores and the matching documents for a query, or None for a query with nothing to match.

    Each free word and each named concept is a unit; a document matches if it matches any
    unit, and documents matching more of them rank higher.
    """
    concepts = concept_masks(snapshot, understood)
    units = len(understood.words[:MAX_WORDS]) + len(understood.literal_words[:MAX_WORDS])
    units += len(concepts)
    if not units:
        return None
    score = np.zeros(snapshot.size, dtype=np.float32)
    matched_units = np.zeros(snapshot.size, dtype=np.float32)
    word_hit = _text_scores(snapshot, lexicon, understood, score, matched_units)
    for kind, mask in concepts:
        score += mask * np.float32(CONCEPT_WEIGHTS[kind])
        matched_units += mask
    _concept_text_scores(snapshot, lexicon, understood, score)
    if understood.query_languages:
        score += language_mask(snapshot, understood.query_languages) * np.float32(
            QUERY_LANGUAGE_WEIGHT
        )
    score += flag_mask(snapshot, "free") * np.float32(FREE_PRIOR)
    matches = (matched_units > 0) & snapshot.alive
    exact = exact_mask(snapshot, understood.typed_words[:MAX_WORDS])
    # Units that locate nothing the reader asked for (a service) must not be carried by
    # population or language alone: when services are named, require one of them or a word.
    if understood.services:
        wanted = word_hit if exact is None else word_hit | exact
        for kind, mask in concepts:
            if kind == "services":
                wanted = wanted | mask
        matches &= wanted
    served = served_mask(snapshot, understood.populations)
    if served is not None:
        matches &= served
    score *= 0.5 + 0.5 * (matched_units / max(units, 1))
    if exact is not None:
        matches |= exact & snapshot.alive & (served if served is not None else True)
        others = matches & ~exact
        if lift_exact and others.any():
            score += exact * np.float32(score[others].max())
    return score, matches
