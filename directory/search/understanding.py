"""Query understanding: what people type, in 11 languages -> codes, a place and text words.

Steps: fold the text per script (normalization.py); cut unspaced runs (Chinese) into known
phrases, longest first; match the longest known phrase at each word, then its stem, a place,
a filler word, a Korean particle or a phrase glued inside the word; decide the query's
language; only then correct typos, inside that language and never a real word of it.
Whatever is left is searched as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directory.geo.gazetteer import Place, find_nyc_place, postal_code_place

from .fuzzy import Budget
from .known import ALL_LANGUAGES, Concept, QueryVocabulary, query_vocabulary
from .normalization import (
    HAN,
    fold_token,
    is_number,
    normalize,
    stem,
    tokenize,
    without_particle,
)

MAX_QUERY_CHARS = 500
MAX_TOKENS = 40  # words looked at; a query longer than this is not a search
MAX_FUZZY_WORDS = 6  # words a query may have corrected
MAX_PHRASE_TOKENS = 10  # long enough for the catalogs' longest labels
ANY_OF = "|"  # a concept naming either of two codes: "trafficking" is labor or sex trafficking
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
_LATIN = re.compile("[a-z]")
# Letters only some Latin-script languages use: a vote for them.
_LETTER_LANGUAGES = {
    **dict.fromkeys("ñ¿¡", ("es",)),
    **dict.fromkeys("ąćęłńśźż", ("pl",)),
    **dict.fromkeys("çœêâîûëï", ("fr",)),
    "ò": ("ht",),
    **dict.fromkeys("èà", ("fr", "ht")),
}


@dataclass
class Match:
    """Words of the query and what they were understood as (one chip each)."""

    kind: str  # services, populations, languages, flags, place, correction, query_language
    code: str
    words: tuple[str, ...]


@dataclass
class Understanding:
    """A query taken apart: codes it names, a place, and the words left for text search."""

    services: list[str] = field(default_factory=list)
    populations: list[tuple[str, ...]] = field(default_factory=list)  # any-of groups
    languages: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    place: Place | None = None
    words: list[str] = field(default_factory=list)  # free text: typo-tolerant
    literal_words: list[str] = field(default_factory=list)  # free text, never corrected
    exact_words: list[str] = field(default_factory=list)  # named concepts: exact text only
    typed_words: list[str] = field(default_factory=list)  # every word but filler, as typed
    corrections: dict[str, str] = field(default_factory=dict)  # typo -> known word
    query_languages: list[str] = field(default_factory=list)  # languages the query is in
    language_votes: dict[str, int] = field(default_factory=dict)
    place_words: list[str] = field(default_factory=list)  # the words that named `place`
    matches: list[Match] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)

    def add(self, concept: Concept) -> None:
        codes = getattr(self, concept.kind)
        # A population may name a group: "trafficking" is labor or sex trafficking.
        code = tuple(concept.code.split(ANY_OF)) if concept.kind == "populations" else concept.code
        if code not in codes:
            codes.append(code)

    def note_languages(self, languages) -> None:
        """Count a vote for each language a matched phrase or letter belongs to."""
        for language in languages:
            self.language_votes[language] = self.language_votes.get(language, 0) + 1

    def leaders(self, among=None) -> list[str]:
        votes = {k: n for k, n in self.language_votes.items() if among is None or k in among}
        best = max(votes.values(), default=0)
        return sorted(lang for lang, n in votes.items() if n == best) if best else []

    def decide_languages(self, script: tuple[set[str], str] | None) -> None:
        """The query's language: the most voted of its script's, else the most voted overall
        (none if English is among them)."""
        if script:
            languages, default = script
            leaders = self.leaders(languages)
            self.query_languages = [default] if len(leaders) != 1 else leaders
            return
        leaders = self.leaders()
        self.query_languages = [] if "en" in leaders else leaders

    @property
    def concept_count(self) -> int:
        return len(self.services) + len(self.populations) + len(self.languages) + len(self.flags)


class _Reader:
    """One pass over a query's words, recording what each names."""

    def __init__(self, known: QueryVocabulary, found: Understanding, ignore: frozenset[str]):
        self.known, self.found, self.ignore = known, found, ignore

    def take(self, concepts, words: tuple[str, ...], languages=()) -> None:
        """Record concepts named by `words`; an ignored one leaves its words as plain text."""
        kept = [c for c in concepts if f"{c.kind}:{c.code}" not in self.ignore]
        if not kept:
            self.found.literal_words.extend(words)
            return
        self.found.note_languages(languages)
        for concept in sorted(kept, key=lambda c: (c.kind, c.code)):
            if concept.kind == "place":
                self.set_place(find_nyc_place(concept.code), words)
                continue
            self.found.add(concept)
            self.found.matches.append(Match(concept.kind, concept.code, words))
        self.found.exact_words.extend(words)

    def set_place(self, place: Place | None, words: tuple[str, ...]) -> None:
        """The first place named, unless a later one is a neighborhood of that borough."""
        current = self.found.place
        if place is None or (
            current is not None
            and not (current.kind == "borough" and place.borough == current.borough)
        ):
            return
        self.found.place, self.found.place_words = place, list(words)
        self.found.matches = [m for m in self.found.matches if m.kind != "place"]
        self.found.matches.append(Match("place", place.name, words))

    def phrase_at(self, tokens: list[str], i: int) -> int:
        """Match the longest known phrase (or its stem) starting at word i; its length or 0."""
        known = self.known
        for size in range(min(MAX_PHRASE_TOKENS, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + size])
            if key in known.phrases:
                self.take(known.phrases[key], key, known.languages.get(key, ()))
                return size
        for language, phrases in known.stems.items():
            for size in range(min(MAX_PHRASE_TOKENS, len(tokens) - i), 0, -1):
                key = tuple(tokens[i : i + size])
                stems = tuple(stem(t, language) for t in key)
                if stems in phrases:
                    self.take(phrases[stems], key, (language,))
                    return size
        return 0

    def place_at(self, tokens: list[str], i: int) -> int:
        for size in range(min(4, len(tokens) - i), 0, -1):
            text = " ".join(tokens[i : i + size])
            if size == 1 and re.fullmatch(r"\d{5}", text):
                place = postal_code_place(text)
            else:
                place = find_nyc_place(text) if len(text) >= 4 else None
            if place:
                self.take([Concept("place", place.name)], tuple(tokens[i : i + size]))
                return size
        return 0

    def glued(self, token: str) -> bool:
        """A known phrase inside a word of a script that glues particles on (Korean, Arabic)."""
        known = self.known
        bare = without_particle(token)
        if bare and (bare,) in known.phrases:
            self.take(known.phrases[(bare,)], (token,), known.languages.get((bare,), ()))
            return True
        if bare and bare in known.stopwords:
            self.found.note_languages(known.stopwords[bare])
            return True
        shortest = known.glued_minimum(token)
        if shortest is None:
            return False
        matched = False
        for phrase, concepts in known.substrings:
            if len(phrase) >= shortest and phrase in token:
                self.take(concepts, (token,), known.languages.get((phrase,), ()))
                token, matched = token.replace(phrase, " "), True
        return matched


def split_unspaced(token: str, known: QueryVocabulary) -> list[str]:
    """Cut a run of Chinese into known phrases, longest first, and the text between them."""
    if not HAN.search(token):
        return [token]
    spans: list[tuple[int, int]] = []
    taken = [False] * len(token)
    for phrase in known.unspaced:
        start = token.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * len(phrase)
            start = token.find(phrase, end)
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces += [token[position:start], token[start:end]]
        position = end
    pieces.append(token[position:])
    # A single character between phrases (的, 找) says too little to search for.
    return [p for p in pieces if len(p) >= 2 or (p and not HAN.search(p))]


def _script(raw: str) -> tuple[set[str], str] | None:
    return next(((langs, d) for p, langs, d in _SCRIPT_LANGUAGES if p.search(raw)), None)


def fuzzy_scope(found: Understanding, interface_language: str | None) -> set[str]:
    """Languages a typo may be corrected into: the query's, else the interface's, else all."""
    scope = set(found.leaders()) | set(found.query_languages)
    if not scope and interface_language:
        scope = {interface_language}
    return scope or set(ALL_LANGUAGES)


def _correct(token: str, reader: _Reader, scope: set[str]) -> bool:
    """Correct a misspelt word into a known word (or place) of the query's languages."""
    found, known = reader.found, reader.known
    if _LATIN.search(token):
        scope = scope | {"en"}  # the directory itself is written in English
    if known.is_common_word(token, scope):
        return False  # "boss" is a word, not a typo of "boys"
    for candidate, _ in known.fuzzy.near(token, found.budget):
        if known.word_languages.get(candidate, set()) & scope:
            if all(f"{c.kind}:{c.code}" in reader.ignore for c in known.phrases[(candidate,)]):
                return False
            found.corrections[token] = candidate
            found.matches.append(Match("correction", token, (token, candidate)))
            reader.take(known.phrases[(candidate,)], (candidate,))
            return True
    return _correct_place(token, reader)


def _correct_place(text: str, reader: _Reader) -> bool:
    """A misspelt place name ("flushng", "washington heigths")."""
    found = reader.found
    if found.place is not None and found.place.kind != "borough":
        return False
    for candidate, _ in reader.known.place_fuzzy.near(text, found.budget):
        place = find_nyc_place(candidate)
        if place is None or f"place:{place.name}" in reader.ignore:
            return False
        found.corrections[text] = place.name
        found.matches.append(Match("correction", text, (text, place.name)))
        reader.take([Concept("place", place.name)], tuple(text.split()))
        return found.place is place
    return False


def _correct_all(pending, reader: _Reader, scope: set[str], is_known_word) -> None:
    """Correct what nothing matched, at most MAX_FUZZY_WORDS words; keep the rest as text."""
    found, ignore = reader.found, reader.ignore
    corrected, skip = 0, -1
    for n, (position, token) in enumerate(pending):
        if position == skip:
            continue
        following = pending[n + 1] if n + 1 < len(pending) else None
        adjacent = following and following[0] == position + 1 and not is_number(token)
        if adjacent and _correct_place(f"{token} {following[1]}", reader):
            skip = following[0]
            continue
        if is_number(token) or f"correction:{token}" in ignore:
            found.literal_words.append(token)
        elif corrected < MAX_FUZZY_WORDS and not is_known_word(token):
            corrected += 1
            if not _correct(token, reader, scope):
                found.words.append(token)
        else:
            found.words.append(token)


def understand(
    text: str,
    is_known_word=lambda word: False,
    interface_language: str | None = None,
    ignore=(),
) -> Understanding:
    """Take a query apart. `is_known_word(word)` says whether the index has the word as is;
    `ignore` lists `kind:code` readings the person removed (see chips.py)."""
    known = query_vocabulary()
    found = Understanding()
    ignore = frozenset(ignore)
    raw = normalize(text[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
    for letter, languages in _LETTER_LANGUAGES.items():
        if letter in raw:
            found.note_languages(languages)
    tokens = [
        known.form(fold_token(piece))
        for token in tokenize(raw)
        for piece in split_unspaced(token, known)
    ][:MAX_TOKENS]
    reader = _Reader(known, found, ignore)
    pending: list[tuple[int, str]] = []  # (position, word) of words nothing matched yet
    i = 0
    while i < len(tokens):
        size = reader.phrase_at(tokens, i) or reader.place_at(tokens, i)
        if size:
            found.typed_words.extend(tokens[i : i + size])
            i += size
            continue
        token = tokens[i]
        i += 1
        if token in known.stopwords:
            found.note_languages(known.stopwords[token])
            continue
        found.typed_words.append(token)
        if not reader.glued(token):
            pending.append((i - 1, token))
    found.decide_languages(_script(raw))
    if "query_language" in ignore:
        found.query_languages = []
    for language in found.query_languages:
        found.matches.append(Match("query_language", language, ()))
    scope = fuzzy_scope(found, interface_language)
    _correct_all(pending, reader, scope, is_known_word)
    return found
