"""Everything search knows by name: phrases, places, filler words and typo indexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from babel import Locale, UnknownLocaleError

from directory.geo.gazetteer import _nyc_places, find_nyc_place, other_names
from directory.locale_names import TABLES as LOCALE_NAMES
from directory.locale_names import table as locale_table
from directory.providers.taxonomy import LANGUAGE_CODES, POPULATIONS, SERVICE_TYPES

from . import vocabulary
from .fuzzy import FuzzyIndex
from .normalization import HAN, fold_token, is_number, normalize, stem, tokenize
from .normalization import LATIN_STEMMERS as _STEMMED

ALL_LANGUAGES = vocabulary.LANGUAGES
# Scripts with spaces whose words take particles and prefixes (Korean 변호사가, Arabic
# للمحامي, Bengali উকিলের): known phrases are looked for inside a word, but only phrases
# long enough not to hide in an unrelated word (Urdu گھر "house" in گھریلو "domestic").
_GLUED = {
    re.compile("[\uac00-\ud7af]"): 2,
    re.compile("[\u0600-\u06ff\u0750-\u077f]"): 4,
    re.compile("[\u0980-\u09ff]"): 3,
}
# A word this common in the query's language is a word, never a typo (wordfreq's lists).
COMMON_WORDS = 20_000
_LATIN = re.compile("[a-zà-ÿā-ž]")


@dataclass(frozen=True)
class Concept:
    """What a phrase means: a service type, population, language, flag or place."""

    kind: str  # "services", "populations", "languages", "flags" or "place"
    code: str


@dataclass
class QueryVocabulary:
    """Every known phrase, keyed by its folded words."""

    phrases: dict[tuple[str, ...], set[Concept]] = field(default_factory=dict)
    stems: dict[str, dict[tuple[str, ...], set[Concept]]] = field(default_factory=dict)
    languages: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    substrings: list[tuple[str, set[Concept]]] = field(default_factory=list)
    unspaced: list[str] = field(default_factory=list)  # Chinese phrases, longest first
    stopwords: dict[str, set[str]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    word_languages: dict[str, set[str]] = field(default_factory=dict)
    fuzzy: FuzzyIndex = field(default_factory=FuzzyIndex)
    place_fuzzy: FuzzyIndex = field(default_factory=FuzzyIndex)

    def key(self, phrase: str) -> tuple[str, ...]:
        """The folded words a phrase is stored and looked up under."""
        return tuple(self.form(fold_token(t)) for t in tokenize(normalize(phrase)))

    def form(self, token: str) -> str:
        return self.forms.get(token, token)

    def add(self, phrase: str, concept: Concept, language: str | None = None) -> None:
        """Know a phrase; a hyphenated one also with spaces (`t-visa`, `t visa`)."""
        variants = {phrase, phrase.replace("-", " ")} if "-" in phrase else {phrase}
        for variant in variants:
            key = self.key(variant)
            if not key or (concept.kind != "flags" and all(is_number(t) for t in key)):
                continue  # "18" names nothing: numbers are not words (but "24/7" is a flag)
            self.phrases.setdefault(key, set()).add(concept)
            languages = {language} if language else set()
            self.languages.setdefault(key, set()).update(languages)
            if len(key) == 1:
                self.word_languages.setdefault(key[0], set()).update(languages or {"en"})
            for lang in languages & set(_STEMMED) if _LATIN.search(variant) else ():
                stems = tuple(stem(t, lang) for t in key)
                self.stems.setdefault(lang, {}).setdefault(stems, set()).add(concept)

    def glued_minimum(self, token: str) -> int | None:
        for pattern, shortest in _GLUED.items():
            if pattern.search(token):
                return shortest
        return None

    def is_common_word(self, word: str, languages: set[str]) -> bool:
        """Whether `word` is among the most frequent words of any of `languages`."""
        return any(word in common_words(language) for language in languages)


@cache
def common_words(language: str) -> frozenset[str]:
    """The most frequent words of a language (empty where wordfreq has no list)."""
    # Imported on first use: wordfreq finds its data by walking the caller's stack, which
    # took ~0.3 s of every process's start when imported deep in the app's own imports.
    from wordfreq import available_languages, get_frequency_list

    if language not in available_languages("small"):
        return frozenset()  # Haitian Creole has no list; French's would stand in wrongly
    words: list[str] = []
    for band in get_frequency_list(language, "small"):  # most frequent first
        words += band
        if len(words) >= COMMON_WORDS:
            break
    return frozenset(words[:COMMON_WORDS])


def _language_names() -> list[tuple[str, str, str]]:
    """(name, language code, UI language it is written in) from CLDR, e.g. `ruso`."""
    names = []
    for ui in ALL_LANGUAGES:
        try:
            locale = Locale.parse(ui)
        except (UnknownLocaleError, ValueError):
            continue
        for code in LANGUAGE_CODES:
            name = locale.languages.get(code)
            if name and len(name) > 2:
                names.append((name, code, ui))
    return names


def _shown_place_names() -> list[tuple[str, str]]:
    """(name, gazetteer place) for every place name the pages show in another language."""
    found = []
    for path in sorted(LOCALE_NAMES.glob("*.csv")):
        for (kind, place), name in locale_table(path.stem).items():
            if kind == "place" and find_nyc_place(place):
                found.append((name, find_nyc_place(place).name))
    return found


@cache
def query_vocabulary() -> QueryVocabulary:
    """The vocabulary files, the catalogs' labels, the taxonomy, language and place names."""
    known = QueryVocabulary(forms=vocabulary.word_forms())
    for entry in vocabulary.entries():
        known.add(entry.phrase, Concept(entry.kind, entry.code), entry.language)
    for kind, taxonomy in (("services", SERVICE_TYPES), ("populations", POPULATIONS)):
        for term in taxonomy.terms:
            for phrase in (term.code.replace("_", " "), *term.synonyms):
                known.add(phrase, Concept(kind, term.code), "en")
    for name, code, ui in _language_names():
        known.add(name, Concept("languages", code), ui)
    for name, place in other_names().items():
        known.add(name, Concept("place", place))
    for name, place in _shown_place_names():  # whatever name a page shows, search reads
        known.add(name, Concept("place", place))
    for word, languages in vocabulary.stopwords().items():
        for key in [known.key(word)]:
            if len(key) == 1:
                known.stopwords.setdefault(key[0], set()).update(languages)
    _index_pieces(known)
    return known


def _index_pieces(known: QueryVocabulary) -> None:
    """Substring tables for unspaced and glued scripts, and the typo indexes."""
    glued, unspaced = [], set()
    for key, concepts in known.phrases.items():
        if len(key) != 1:
            continue
        word = key[0]
        if HAN.search(word):
            unspaced.add(word)
        elif known.glued_minimum(word) is not None:
            glued.append((word, concepts))
    unspaced.update(w for w in known.stopwords if HAN.search(w) and len(w) >= 1)
    known.unspaced = sorted(unspaced, key=lambda w: (-len(w), w))
    known.substrings = sorted(glued, key=lambda item: (-len(item[0]), item[0]))
    known.fuzzy.add(
        w for (w,), _ in ((k, v) for k, v in known.phrases.items() if len(k) == 1)
        if not HAN.search(w) and known.glued_minimum(w) is None and not is_number(w)
    )  # fmt: skip
    known.place_fuzzy.add(name for name in _nyc_places() if len(name) >= 5)
