"""Query understanding: everyday words in 11 languages -> taxonomy codes, places and flags."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from babel import Locale, UnknownLocaleError

from directory.geo.gazetteer import Place, find_nyc_place, postal_code_place
from directory.providers.taxonomy import LANGUAGE_CODES, POPULATIONS, SERVICE_TYPES

from . import vocabulary
from .fuzzy import FuzzyIndex

UI_LOCALES = ("en", "es", "zh", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl")
# Scripts written without spaces between words (Chinese, Japanese, Thai): known phrases are
# found anywhere inside the text.
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Scripts with spaces whose words take particles and prefixes (Korean 변호사가, Arabic
# للمحامي, Bengali উকিলের): whole words first, then known phrases inside a word, but only
# phrases long enough not to hide in an unrelated word (Urdu گھر "house" in گھریلو "domestic").
_GLUED = {
    re.compile("[\uac00-\ud7af]"): 2,
    re.compile("[\u0600-\u06ff\u0750-\u077f]"): 4,
    re.compile("[\u0980-\u09ff]"): 3,
}
# Scripts that tell a query's language: (pattern, languages written in it, default).
_SCRIPT_LANGUAGES = (
    (re.compile("[\uac00-\ud7af]"), {"ko"}, "ko"),
    (re.compile("[\u3400-\u4dbf\u4e00-\u9fff]"), {"zh"}, "zh"),
    (re.compile("[\u0980-\u09ff]"), {"bn"}, "bn"),
    # Letters Urdu (and Persian) use but Arabic does not: ٹ ڈ ڑ ں ھ ہ ے ی ک گ پ چ
    (re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06cc\u06a9\u06af\u067e\u0686]"),
     {"ur", "ar"}, "ur"),
    (re.compile("[\u0600-\u06ff]"), {"ar", "ur"}, "ar"),
    (re.compile("[\u0400-\u04ff]"), {"ru"}, "ru"),
)  # fmt: skip
# Words are split at spaces and punctuation only: `\w` would cut Bengali and Hindi words
# at their vowel signs, which are combining marks.
_SEPARATORS = re.compile(
    r"[\s!-&(-,./:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\u060c\u061f\u06d4]+"
)


def tokenize(text: str) -> list[str]:
    """Split text into words at spaces and punctuation (apostrophes and hyphens stay inside)."""
    return [token.strip("'-") for token in _SEPARATORS.split(text) if token.strip("'-")]


# Inflected forms: a word this long matches a known word it starts with, if the rest is short
# (Polish prawnika, Russian адвоката, English shelters).
PREFIX_MIN_LENGTH = 5
PREFIX_MAX_SUFFIX = 3
MAX_PHRASE_TOKENS = 4
# Populations are any-of groups: "trafficking" names labor or sex trafficking.
EITHER_TRAFFICKING = ("labor_trafficking", "sex_trafficking")
EXTRA_LANGUAGE_NAMES = {
    "zh": ("mandarin", "cantonese", "普通话", "普通話", "国语", "國語", "粤语", "粵語", "广东话",
           "廣東話"),
    "ht": ("creole", "kreyòl", "kreyol", "haitian"),
    "es": ("spanish speaking", "hispanohablante"),
    "ar": ("arabic speaking",),
    "en": ("english speaking",),
}  # fmt: skip


def normalize(text: str) -> str:
    """Compatibility-fold and lowercase: `Ａｂｏｇａｄｏ` -> `abogado`."""
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


@dataclass(frozen=True)
class Concept:
    """What a phrase means: a service type, population, language or flag."""

    kind: str  # "services", "populations", "languages" or "flags"
    code: str | tuple[str, ...]  # populations: a tuple of codes, any of which is meant


def _concept(kind: str, code: str) -> Concept:
    return Concept(kind, (code,) if kind == "populations" else code)


@dataclass
class Understanding:
    """A query taken apart: codes it names, a place, and the words left for text search."""

    services: list[str] = field(default_factory=list)
    populations: list[tuple[str, ...]] = field(default_factory=list)  # any-of groups
    languages: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    place: Place | None = None
    words: list[str] = field(default_factory=list)  # free text: typo-tolerant
    exact_words: list[str] = field(default_factory=list)  # named concepts: exact text only
    corrections: dict[str, str] = field(default_factory=dict)  # typo -> known word
    query_languages: list[str] = field(default_factory=list)  # languages the query is in
    language_votes: dict[str, int] = field(default_factory=dict)
    place_words: list[str] = field(default_factory=list)  # the words that named `place`

    def add(self, concept: Concept) -> None:
        codes = getattr(self, concept.kind)
        if concept.code not in codes:
            codes.append(concept.code)

    def note_languages(self, languages: set[str]) -> None:
        """Count a vote for each language a matched phrase belongs to."""
        for language in languages:
            self.language_votes[language] = self.language_votes.get(language, 0) + 1

    def decide_languages(self, script: tuple[set[str], str] | None) -> None:
        """The query's language: the most voted of its script's, else the most voted overall
        (none if English is among them)."""
        if script:
            languages, default = script
            votes = {lang: n for lang, n in self.language_votes.items() if lang in languages}
            best = max(votes.values(), default=0)
            leaders = sorted(lang for lang, n in votes.items() if n == best) if best else []
            self.query_languages = [default] if len(leaders) != 1 else leaders
            return
        if not self.language_votes:
            return
        top = max(self.language_votes.values())
        leaders = sorted(lang for lang, votes in self.language_votes.items() if votes == top)
        self.query_languages = [] if "en" in leaders else leaders

    @property
    def concept_count(self) -> int:
        return len(self.services) + len(self.populations) + len(self.languages) + len(self.flags)


def _language_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for ui in UI_LOCALES:
        try:
            locale = Locale.parse(ui)
        except (UnknownLocaleError, ValueError):
            continue
        for code in LANGUAGE_CODES:
            name = locale.languages.get(code)
            if name and len(name) > 2:
                names.setdefault(code, set()).add(normalize(name))
    for code, extra in EXTRA_LANGUAGE_NAMES.items():
        names.setdefault(code, set()).update(normalize(n) for n in extra)
    return names


@dataclass
class QueryVocabulary:
    """Every known phrase, split into token phrases and substring phrases."""

    phrases: dict[tuple[str, ...], set[Concept]] = field(default_factory=dict)
    substrings: list[tuple[str, Concept]] = field(default_factory=list)
    languages: dict[str, set[str]] = field(default_factory=dict)  # phrase -> UI languages
    stopword_languages: dict[str, set[str]] = field(default_factory=dict)
    fuzzy: FuzzyIndex | None = None

    def add(self, phrase: str, concept: Concept, language: str | None = None) -> None:
        phrase = normalize(phrase).strip()
        if not phrase:
            return
        if _is_substring_phrase(phrase):
            self.substrings.append((phrase, concept))
        tokens = tuple(tokenize(phrase))
        if tokens:
            self.phrases.setdefault(tokens, set()).add(concept)
        if language:
            self.languages.setdefault(phrase, set()).add(language)

    def language_of(self, phrase: str) -> set[str]:
        return self.languages.get(phrase, set())


def _is_substring_phrase(phrase: str) -> bool:
    return bool(_UNSPACED.search(phrase)) or any(p.search(phrase) for p in _GLUED)


@cache
def query_vocabulary() -> QueryVocabulary:
    """The vocabulary of every UI language, the taxonomy's synonyms and language names."""
    known = QueryVocabulary()
    for kind, table in (
        ("services", vocabulary.SERVICE_TERMS),
        ("services", vocabulary.MORE_SERVICE_TERMS),
        ("populations", vocabulary.POPULATION_TERMS),
        ("populations", vocabulary.MORE_POPULATION_TERMS),
        ("flags", vocabulary.FLAG_TERMS),
    ):
        for code, by_language in table.items():
            for language, phrases in by_language.items():
                for phrase in phrases:
                    known.add(phrase, _concept(kind, code), language)
    for language, phrases in vocabulary.TRAFFICKING_TERMS.items():
        for phrase in phrases:
            known.add(phrase, Concept("populations", EITHER_TRAFFICKING), language)
    for kind, taxonomy in (("services", SERVICE_TYPES), ("populations", POPULATIONS)):
        for term in taxonomy.terms:
            for phrase in (term.code.replace("_", " "), *term.synonyms):
                known.add(phrase, _concept(kind, term.code))
    for code, names in _language_names().items():
        for name in names:
            known.add(name, Concept("languages", code))
    known.substrings.sort(key=lambda item: -len(item[0]))
    for language, words in vocabulary.STOPWORDS.items():
        for word in words:
            known.stopword_languages.setdefault(normalize(word), set()).add(language)
    single_words = [p[0] for p in known.phrases if len(p) == 1 and not _is_substring_phrase(p[0])]
    known.fuzzy = FuzzyIndex(single_words)
    return known


def _match_substrings(
    token: str, known: QueryVocabulary, found: Understanding, shortest: int = 2
) -> str:
    """Take every known phrase (longest first) out of a word; return what is left."""
    matched = []
    for phrase, concept in known.substrings:
        if len(phrase) >= shortest and phrase in token:
            found.add(concept)
            matched.append(phrase)
    for phrase in dict.fromkeys(matched):  # after matching: one phrase may name two codes
        found.note_languages(known.language_of(phrase))
        token = token.replace(phrase, " ")
    return token


def _glued_minimum(token: str) -> int | None:
    for pattern, shortest in _GLUED.items():
        if pattern.search(token):
            return shortest
    return None


def _prefix_concepts(token: str, known: QueryVocabulary) -> set[Concept]:
    for cut in range(1, PREFIX_MAX_SUFFIX + 1):
        stem = token[:-cut]
        if len(stem) >= PREFIX_MIN_LENGTH and (stem,) in known.phrases:
            return known.phrases[(stem,)]
    return set()


def _find_place(tokens: list[str], start: int) -> tuple[Place | None, int]:
    for size in range(min(MAX_PHRASE_TOKENS, len(tokens) - start), 0, -1):
        text = " ".join(tokens[start : start + size])
        if size == 1 and re.fullmatch(r"\d{5}", text):
            return postal_code_place(text), 1
        if len(text) >= 4:
            place = find_nyc_place(text)
            if place:
                return place, size
    return None, 0


def understand(text: str, is_known_word=lambda word: False) -> Understanding:
    """Take a query apart. `is_known_word(word)` says whether the index has the word as is."""
    known = query_vocabulary()
    found = Understanding()
    text = normalize(text)[:500]
    tokens: list[str] = []
    for token in tokenize(text):
        if _UNSPACED.search(token):
            token = _match_substrings(token, known, found)
            tokens.extend(t for t in tokenize(token) if len(t) >= 2 and not _UNSPACED.search(t))
        else:
            tokens.append(token)
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_PHRASE_TOKENS, len(tokens) - i), 0, -1):
            concepts = known.phrases.get(tuple(tokens[i : i + size]))
            if concepts:
                break
        else:
            size, concepts = 1, _prefix_concepts(tokens[i], known)
        if concepts:
            for concept in concepts:
                found.add(concept)
            found.note_languages(known.language_of(" ".join(tokens[i : i + size])))
            found.exact_words.extend(tokens[i : i + size])
            i += size
            continue
        if found.place is None:
            place, size = _find_place(tokens, i)
            if place:
                found.place = place
                found.place_words = tokens[i : i + size]
                found.exact_words.extend(found.place_words)
                i += size
                continue
        token = tokens[i]
        i += 1
        if token in known.stopword_languages:
            found.note_languages(known.stopword_languages.get(token, set()))
            continue
        shortest = _glued_minimum(token)
        if shortest is not None:
            before = found.concept_count
            rest = _match_substrings(token, known, found, shortest)
            if found.concept_count > before:
                continue
            token = rest.strip() or token
        if not is_known_word(token) and known.fuzzy:
            close = known.fuzzy.near(token)
            if close:
                for concept in known.phrases[(close[0][0],)]:
                    found.add(concept)
                found.corrections[token] = close[0][0]
                continue
        found.words.append(token)
    script = next(((langs, d) for p, langs, d in _SCRIPT_LANGUAGES if p.search(text)), None)
    found.decide_languages(script)
    return found
