"""What search understood, as chips a person can read and remove ("Shelter · Men · near Brooklyn").

Each chip names one reading of the query; removing it sends its `remove` value back as
`ignore`, and the same words are then searched as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from directory.locale_names import place_name
from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES, language_label

from .facts import FILTER_FACTS
from .understanding import ANY_OF, Understanding

# A fact named in a query reads as its filter's label; law enforcement is asked for, not
# left out, so it has its own.
FLAG_LABELS = {
    **{fact.name: fact.label for fact in FILTER_FACTS if not fact.exclude},
    "law_enforcement": _l("Police or prosecutors"),
}
# Chips in the order a person reads a request: what, for whom, in which language, where.
ORDER = ("services", "populations", "languages", "flags", "place", "query_language", "correction")


@dataclass(frozen=True)
class Chip:
    """One reading of the query: its kind, code, the words that said it, and its undo."""

    kind: str
    code: str
    words: tuple[str, ...]

    @property
    def remove(self) -> str:
        """The `ignore` value that undoes this reading."""
        return "query_language" if self.kind == "query_language" else f"{self.kind}:{self.code}"


def chips(understood: Understanding | None) -> list[Chip]:
    """The readings of a query, one chip each, in reading order."""
    if understood is None:
        return []
    found = {}
    for match in understood.matches:
        chip = Chip(match.kind, match.code, match.words)
        found.setdefault(chip.remove, chip)
    return sorted(found.values(), key=lambda chip: ORDER.index(chip.kind))


def _population_label(code: str) -> str:
    if ANY_OF in code:
        return gettext("Survivors of trafficking (labor or sex)")
    return POPULATIONS.label(code)


def chip_label(chip: Chip, locale: str = "en") -> str:
    """The chip's text in the current interface language (`locale` names languages)."""
    if chip.kind == "services":
        return SERVICE_TYPES.label(chip.code)
    if chip.kind == "populations":
        return _population_label(chip.code)
    if chip.kind == "languages":
        return gettext("Staff speak %(language)s", language=language_label(chip.code, locale))
    if chip.kind == "flags":
        return str(FLAG_LABELS.get(chip.code, chip.code))
    if chip.kind == "place":
        return gettext("Near %(place)s", place=place_name(chip.code, locale))
    if chip.kind == "query_language":
        language = language_label(chip.code, locale)
        return gettext("Staff who speak %(language)s first", language=language)
    typed, corrected = chip.words
    return gettext("“%(typed)s” read as “%(word)s”", typed=typed, word=corrected)


def chip_fields(understood: Understanding | None, locale: str = "en") -> list[dict]:
    """Chips as the API returns them."""
    return [
        {
            "kind": chip.kind,
            "code": chip.code,
            "label": chip_label(chip, locale),
            "words": list(chip.words),
            "remove": chip.remove,
        }
        for chip in chips(understood)
    ]
