"""Declared taxonomies: service types, populations and languages, with stable codes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache

from flask_babel import lazy_gettext as _l

from directory.locale_names import language_name


@dataclass(frozen=True)
class Term:
    """One taxonomy term: a stable code, a translatable label and English synonyms."""

    code: str
    label: object
    synonyms: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Taxonomy:
    """A named, ordered set of terms whose codes never change once published."""

    name: str
    terms: tuple[Term, ...]
    codes: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {term.code: term for term in self.terms})
        object.__setattr__(self, "codes", tuple(term.code for term in self.terms))

    def __contains__(self, code: object) -> bool:
        return code in self._by_code  # type: ignore[attr-defined]

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)  # type: ignore[attr-defined]

    def label(self, code: str) -> str:
        term = self.get(code)
        return str(term.label) if term else code

    def suggest(self, text: str) -> str | None:
        """Return the valid code closest to `text` (by synonym or spelling), if any."""
        wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
        for term in self.terms:
            if wanted in {s.replace(" ", "_") for s in term.synonyms}:
                return term.code
        candidates = {term.code: term.code for term in self.terms}
        candidates.update({s.replace(" ", "_"): t.code for t in self.terms for s in t.synonyms})
        close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
        return candidates[close[0]] if close else None


SERVICE_TYPES = Taxonomy(
    "service type",
    (
        Term("shelter", _l("Shelter"), ("emergency shelter", "safe house", "refuge", "bed")),
        Term("housing", _l("Housing"), ("transitional housing", "apartment", "rent", "home")),
        Term("legal", _l("Legal help"), ("lawyer", "attorney", "legal aid", "law", "court")),
        Term(
            "immigration", _l("Immigration"), ("visa", "t visa", "u visa", "asylum", "green card")
        ),
        Term(
            "counseling",
            _l("Counseling"),
            ("therapy", "mental health", "therapist", "support", "counselling"),
        ),
        Term("medical", _l("Medical care"), ("health", "doctor", "clinic", "healthcare")),
        Term("case_management", _l("Case management"), ("case manager", "advocate", "advocacy")),
        Term("hotline", _l("Hotline"), ("helpline", "crisis line", "phone line")),
        Term("transportation", _l("Transportation"), ("transport", "travel", "ride")),
        Term("employment", _l("Jobs and training"), ("job", "jobs", "work", "job training")),
        Term("basic_needs", _l("Food and basic needs"), ("food", "clothing", "basic need")),
        Term("substance_use", _l("Substance use"), ("addiction", "drugs", "alcohol", "rehab")),
        Term("education", _l("Education and classes"), ("school", "esl", "classes", "ged")),
    ),
)

# Words the pages suggest typing ("e.g. lawyer, shelter or counseling"), with the service each
# means: search reads their translations from the catalogs, so every suggestion works.
SEARCH_EXAMPLES = (
    ("legal", _l("lawyer")),
    ("shelter", _l("shelter")),
    ("counseling", _l("counseling")),
)

POPULATIONS = Taxonomy(
    "population",
    (
        Term("adults", _l("Adults"), ("adult",)),
        Term("youth", _l("Youth (under 18)"), ("children", "child", "minors", "teens", "kids")),
        Term("young_adults", _l("Young adults (18-24)"), ("young adult", "18-24")),
        Term("women", _l("Women"), ("woman", "female", "girls")),
        Term("men", _l("Men"), ("man", "male", "boys")),
        Term("lgbtq", _l("LGBTQ+ people"), ("lgbt", "lgbtqia", "transgender", "queer", "gay")),
        Term("families", _l("Families"), ("family", "parents")),
        Term("immigrants", _l("Immigrants"), ("immigrant", "migrants", "refugees", "undocumented")),
        Term("labor_trafficking", _l("Survivors of labor trafficking"), ("labour_trafficking",)),
        Term("sex_trafficking", _l("Survivors of sex trafficking"), ("sexual exploitation",)),
        Term("sex_workers", _l("People in the sex trade"), ("sex worker", "sex work")),
        Term("disabilities", _l("People with disabilities"), ("disability", "disabled")),
        Term("domestic_violence", _l("Survivors of domestic violence"), ("dv", "abuse")),
    ),
)

# ISO 639-1 codes staff may speak; labels come from CLDR through Babel, so every UI
# language gets every language name without a catalog entry.
LANGUAGE_CODES = (
    "en", "es", "zh", "ko", "ru", "bn", "ht", "ar", "ur", "fr", "pl", "hi", "pa", "ne", "tl",
    "vi", "yi", "it", "pt", "uk", "ja", "fa", "ps", "tr", "el", "he", "sw", "so", "am", "ti",
    "wo", "ff", "de", "ro", "sq", "bo", "km", "my", "th", "id", "ms", "ka", "hy", "uz", "sr",
    "hr", "bs", "sk", "cs", "hu", "lt", "lv", "ku", "ha", "yo", "ig", "sn", "rw", "mn", "ml",
    "ta", "te", "gu", "mr", "kn", "si", "lo", "az", "kk", "ky", "tg", "tk", "be", "bg", "mk",
    "nl", "sv", "no", "da", "fi", "et", "is", "ga", "cy", "eu", "ca", "gl", "qu", "ln", "mg",
)  # fmt: skip


@cache
def language_label(code: str, locale: str = "en") -> str:
    """Return the language's name in `locale` (e.g. 'es' -> 'Spanish' in English)."""
    try:
        name = language_name(code, locale)
    except (ValueError, TypeError):
        name = None
    return name or code


LANGUAGES = Taxonomy(
    "language",
    tuple(
        Term(code, language_label(code), (language_label(code).lower(),)) for code in LANGUAGE_CODES
    ),
)

TAXONOMIES = {"services": SERVICE_TYPES, "populations": POPULATIONS, "languages": LANGUAGES}
