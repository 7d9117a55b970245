"""Names in an interface language where CLDR (through Babel) has none of its own.

Babel falls back along CLDR's parent chain, and Haitian Creole's parent is French: without
these tables a Haitian Creole page names languages, weekdays and months in French. Where a
locale's CLDR data (or a same-language parent's) lacks a kind of name, it comes from
`<locale>.csv` beside this module (columns kind, code, name), which a translator can review.
"""

from __future__ import annotations

import csv
import pickle
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from babel import Locale, localedata
from babel.core import get_global
from babel.dates import format_date, format_timedelta, get_day_names

TABLES = Path(__file__).resolve().parent
# Kind of name -> the CLDR data key that holds it.
CLDR_KEYS = {
    "language": "languages",
    "day": "days",
    "day_abbr": "days",
    "month": "months",
    "ago": "unit_patterns",
}
# Units of "3 months ago", largest first, as Babel's format_timedelta counts them.
AGO_UNITS = (("year", 365), ("month", 30), ("week", 7), ("day", 1))


@cache
def _own_data(name: str) -> dict:
    """One locale's CLDR data without its parents'. Read from Babel's file directly:
    `localedata.load(name, merge_inherited=False)` would cache the unmerged data for everyone."""
    if not localedata.exists(name):
        return {}
    with open(localedata.resolve_locale_filename(name), "rb") as handle:
        return pickle.load(handle)  # Babel's own packaged data


def _parent(name: str) -> str:
    exception = get_global("parent_exceptions").get(name)
    return exception or ("_".join(name.split("_")[:-1]) if "_" in name else "root")


def _chain(locale: str):
    """The locale and its CLDR parents, each with whether it is in the locale's language."""
    name = str(Locale.parse(locale))
    language = name.split("_")[0]
    while name != "root":
        yield _own_data(name), name.split("_")[0] == language
        name = _parent(name)


@cache
def cldr_has_own(locale: str, kind: str) -> bool:
    """Whether CLDR names `kind` for `locale` in that locale's own language (not a parent's)."""
    for data, same_language in _chain(locale):
        if data.get(CLDR_KEYS[kind]):
            return same_language
    return False


def _cldr_language_name(code: str, locale: str) -> str | None:
    for data, same_language in _chain(locale):
        if code in data.get("languages", {}):
            return data["languages"][code] if same_language else None
    return None


@cache
def table(locale: str) -> dict[tuple[str, str], str]:
    """Our own names for a locale: {(kind, code): name} (empty if there is no table)."""
    path = TABLES / f"{Locale.parse(locale)}.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["kind"], row["code"]): row["name"] for row in csv.DictReader(handle)}


def language_name(code: str, locale: str) -> str | None:
    """The name of language `code` in `locale`, from CLDR or our table."""
    return _cldr_language_name(code, locale) or table(locale).get(("language", code))


def day_names(locale: str, abbreviated: bool = False) -> list[str]:
    """The seven weekday names, Monday first."""
    kind = "day_abbr" if abbreviated else "day"
    if cldr_has_own(locale, kind):
        names = get_day_names("abbreviated" if abbreviated else "wide", locale=locale)
        return [names[weekday] for weekday in range(7)]
    own = table(locale)
    return [own[(kind, str(weekday))] for weekday in range(7)]


def date_text(day: date, locale: str) -> str:
    """A date in words (`Nov 27, 2026`; `27 novanm 2026` where CLDR has no months)."""
    if cldr_has_own(locale, "month"):
        return format_date(day, "medium", locale=locale)
    return f"{day.day} {table(locale)[('month', str(day.month))]} {day.year}"


def place_name(name: str, locale: str) -> str:
    """A borough, city or neighborhood in `locale`'s script and spelling (as is if unknown)."""
    return table(locale).get(("place", name), name)


def ago_text(age: timedelta, locale: str) -> str:
    """How long ago, in days or larger units: `3 months ago` (`sa gen 3 mwa` in Haitian Creole)."""
    if cldr_has_own(locale, "ago"):
        return format_timedelta(
            -age, granularity="day", add_direction=True, threshold=1, locale=locale
        )
    for unit, days in AGO_UNITS:
        if age.days >= days or unit == "day":
            count = max(1, round(age.days / days))
            return table(locale)[("ago", unit)].format(n=count)
    raise AssertionError("unreachable")
