"""The search vocabulary as data: `vocabulary/<language>.toml`, plus the interface catalogs.

Each language's file lists, per code, the words people type for it; a translator reviews it
without reading Python. The labels a page shows (service types, who is served) and the
example words it suggests are read from the message catalogs, so every word the interface
offers is a word search understands, in every language, by construction.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from directory.providers.taxonomy import POPULATIONS, SEARCH_EXAMPLES, SERVICE_TYPES

HERE = Path(__file__).parent / "vocabulary"
CATALOGS = Path(__file__).resolve().parents[2] / "translations"
LANGUAGES = ("en", "es", "zh", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl")
KINDS = ("services", "populations", "flags", "languages")
# Codes that stand for a group: "trafficking" without saying which kind names both.
GROUPS = {("populations", "trafficking"): "labor_trafficking|sex_trafficking"}
_PARENTHESES = re.compile(r"\s*[(（]([^)）]*)[)）]\s*")


@dataclass(frozen=True)
class Entry:
    """One phrase of one language naming one code; `source` says where it was declared."""

    kind: str
    code: str
    language: str
    phrase: str
    source: str


@cache
def file_data(language: str) -> dict:
    """The contents of one language's vocabulary file."""
    with (HERE / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _file_entries(language: str) -> list[Entry]:
    data, name = file_data(language), f"{language}.toml"
    found = []
    for kind in KINDS:
        for code, phrases in data.get(kind, {}).items():
            code = GROUPS.get((kind, code), code)
            found += [Entry(kind, code, language, phrase, name) for phrase in phrases]
    return found


def msgid(label: object) -> str:
    """The English message id of a lazy string (`lazy_gettext("Shelter")` -> `Shelter`)."""
    args = getattr(label, "_args", None)
    return str(args[0]) if args else str(label)


def label_phrases(label: str) -> list[str]:
    """A label and its parts: `Youth (under 18)` -> the whole, `Youth`, `under 18`."""
    phrases = [label.strip()]
    inner = _PARENTHESES.findall(label)
    outer = _PARENTHESES.sub(" ", label).strip()
    if inner:
        phrases += [outer, *inner]
    return [p for p in dict.fromkeys(phrases) if p]


def interface_terms() -> list[tuple[str, str, str]]:
    """(kind, code, English message id) for every label and example word pages show."""
    terms = [("services", t.code, msgid(t.label)) for t in SERVICE_TYPES.terms]
    terms += [("populations", t.code, msgid(t.label)) for t in POPULATIONS.terms]
    terms += [("services", code, msgid(word)) for code, word in SEARCH_EXAMPLES]
    return terms


def catalog_language(locale: str) -> str:
    """The vocabulary language of a catalog locale (`zh_Hant` -> `zh`)."""
    return locale.split("_")[0]


@cache
def catalog_translations() -> dict[str, dict[str, str]]:
    """locale -> English message id -> translation, read from every `messages.po`."""
    found = {}
    for path in sorted(CATALOGS.glob("*/LC_MESSAGES/messages.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        found[path.parts[-3]] = {
            m.id: m.string for m in catalog if isinstance(m.id, str) and m.string and m.id
        }
    return found


def _catalog_entries() -> list[Entry]:
    entries = []
    translations = {"en": {}, **catalog_translations()}
    for locale, messages in translations.items():
        language = catalog_language(locale)
        for kind, code, english in interface_terms():
            text = english if locale == "en" else messages.get(english)
            for phrase in label_phrases(text) if text else ():
                entries.append(Entry(kind, code, language, phrase, f"catalog {locale}"))
    return entries


@cache
def entries() -> tuple[Entry, ...]:
    """Every phrase: the language files, then the catalogs' labels and example words."""
    found = [entry for language in LANGUAGES for entry in _file_entries(language)]
    return tuple(found + _catalog_entries())


def stopwords() -> dict[str, set[str]]:
    """word -> the languages it is a filler word of."""
    found: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for word in file_data(language).get("stopwords", {}).get("words", ()):
            found.setdefault(word, set()).add(language)
    return found


def word_forms() -> dict[str, str]:
    """Variant -> the form it is matched as (Bengali `লাগবে` -> `লাগে`)."""
    forms = {}
    for language in LANGUAGES:
        for canonical, variants in file_data(language).get("forms", {}).items():
            forms.update(dict.fromkeys(variants, canonical))
    return forms
