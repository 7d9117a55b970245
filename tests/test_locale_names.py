"""Names CLDR lacks for an interface language come from our tables, never from a parent
locale in another language (Haitian Creole's CLDR parent is French)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from directory.locale_names import (
    CLDR_KEYS,
    ago_text,
    cldr_has_own,
    date_text,
    day_names,
    language_name,
    table,
)
from directory.providers.taxonomy import LANGUAGE_CODES
from directory.web.i18n import UI_LANGUAGES


@pytest.mark.parametrize("language", UI_LANGUAGES, ids=lambda lang: lang.prefix)
def test_every_kind_of_name_exists_in_every_language(language):
    locale = language.locale
    for kind in CLDR_KEYS:
        if not cldr_has_own(locale, kind):
            codes = {code for k, code in table(locale) if k == kind}
            assert codes, f"{locale} needs {kind} names in directory/locale_names/{locale}.csv"
    assert all(language_name(code, locale) for code in LANGUAGE_CODES)
    assert len(set(day_names(locale))) == 7 and len(set(day_names(locale, True))) == 7
    assert date_text(date(2026, 11, 27), locale)
    assert ago_text(timedelta(days=90), locale)


def test_haitian_creole_is_not_given_french_names():
    assert not cldr_has_own("ht", "language") or language_name("es", "ht") != "espagnol"
    assert language_name("es", "ht") == "panyòl"
    assert day_names("ht")[0] == "lendi" and day_names("ht", True)[6] == "dim"
    assert date_text(date(2026, 11, 27), "ht") == "27 novanm 2026"
    assert ago_text(timedelta(days=90), "ht") == "sa gen 3 mwa"
    assert ago_text(timedelta(days=1), "ht") == "sa gen 1 jou"
    assert ago_text(timedelta(days=90), "fr") == "il y a 3 mois"  # French stays French
