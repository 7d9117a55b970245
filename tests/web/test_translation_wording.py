"""Catalog wording that a careful translator asked for: no stigmatizing or confusing terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from directory.web.i18n import CATALOG_LOCALES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

# Terms a native reader found stigmatizing, criminalizing or misleading (issue 13).
AVOIDED = {
    # "Sex trade" read as sex trafficking; "تعاطي" sounds criminal.
    "ar": (r"تجارة الجنس", r"تعاطي"),
    # A dramatic calque for survivors; a stigmatizing phrase for sex workers; a calque
    # of "immigration status" (New York's Bengali speakers say ইমিগ্রেশন স্ট্যাটাস).
    "bn": (r"বেঁচে ফেরা", r"যৌন ব্যবসায়", r"অভিবাসন অবস্থা"),
    # "Uzależnienia" labels people; "infolinia" sounds like customer service.
    "pl": (r"[Uu]zależnie", r"[Ii]nfolini"),
    # "Peye" alone reads as the order "Pay!"; "granmoun" also means the elderly.
    "ht": (r"^Peye$", r"[Gg]ranmoun"),
    # Bare 상담 also means legal consultation: counseling is 심리 상담 (상담원 is a person).
    "ko": (r"(?<!심리 )상담(?!원)",),
    # 性交易 frames people as a transaction; 性工作 is the rights-based term.
    "zh_Hans": (r"性交易",),
    "zh_Hant": (r"性交易",),
}

# How each catalog names human trafficking; a string about trafficking must say it.
TRAFFICKING = {
    "es": "trata",
    "zh_Hans": "贩运",
    "zh_Hant": "販運",
    "ru": "торговл",
    "bn": "পাচার",
    "ht": "trafik",
    "ko": "인신매매",
    "ar": "الاتجار",
    # "اسمگلنگ" alone means smuggling, which a survivor may read as their own crime.
    "ur": "(انسانی تجارت)",
    "fr": "traite",
    "pl": "handl",
}


def catalog_strings(locale: str) -> list[tuple[str, str]]:
    """Every (English msgid, translated string) pair of a catalog, plural forms each."""
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs.extend((english, string) for string in strings)
    return pairs


@pytest.mark.parametrize("locale", sorted(AVOIDED))
def test_avoided_terms_do_not_appear(locale):
    found = [
        (english, string)
        for english, string in catalog_strings(locale)
        for pattern in AVOIDED[locale]
        if re.search(pattern, string)
    ]
    assert not found, f"{locale}: {found[:5]}"


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_strings_about_trafficking_name_it(locale):
    missing = [
        string
        for english, string in catalog_strings(locale)
        if "trafficking" in english.lower() and TRAFFICKING[locale] not in string.lower()
    ]
    assert not missing, f"{locale}: {missing[:5]}"


def test_urdu_sentences_end_with_the_urdu_full_stop():
    wrong = [
        string
        for english, string in catalog_strings("ur")
        if re.search(r"\.(\s|$)", string) or (english.endswith(".") and not string.endswith("۔"))
    ]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_shift_hint_spells_out_three(locale):
    wrong = [s for _, s in catalog_strings(locale) if "Shift" in s and re.search(r"\d", s)]
    assert not wrong, f"{locale}: {wrong}"


@pytest.mark.parametrize("locale", ("ar", "ur"))
def test_no_latin_word_and_digit_run_together_in_right_to_left_text(locale):
    # A Latin word next to a digit ("Shift 3") is reordered by the bidi algorithm.
    mixed = re.compile(r"[A-Za-z]+\s*\d|\d\s*[A-Za-z]")
    wrong = [s for _, s in catalog_strings(locale) if mixed.search(PLACEHOLDER.sub("", s))]
    assert not wrong, f"{locale}: {wrong}"


@pytest.mark.parametrize(
    ("locale", "listing_word", "institution"),
    (("ur", "اندراج", "ادار"), ("bn", "সেবা", "সংস্থা"), ("ar", "خدم", "جهة")),
    ids=("ur", "bn", "ar"),
)
def test_a_listing_is_not_called_an_institution(locale, listing_word, institution):
    wrong = [
        string
        for english, string in catalog_strings(locale)
        if "listing" in english.lower()
        and not re.search(r"provider|organization", english, re.IGNORECASE)
        and (listing_word not in string or institution in string)
    ]
    assert not wrong, f"{locale}: {wrong}"


def test_french_punctuation_has_a_non_breaking_space_before_it():
    # A plain space lets the colon or question mark wrap alone onto the next line.
    wrong = [s for _, s in catalog_strings("fr") if re.search(r" [:;?!]", s)]
    assert not wrong, wrong[:5]
