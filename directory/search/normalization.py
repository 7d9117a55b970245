"""Text folding before matching, per script, applied alike to queries and the vocabulary."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import snowballstemmer
from zhconv import zhconv

# Words are split at spaces and punctuation only: `\w` would cut Bengali and Hindi words
# at their vowel signs, which are combining marks.
_SEPARATORS = re.compile(
    r"[\s!-&(-,./:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\u060c\u061f\u06d4]+"
)
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile("[\uac00-\ud7af]")
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
NUMBER = re.compile(r"\d+")

# Arabic-script diacritics (tanween, harakat, shadda, sukun, superscript alef, Urdu zer/zabar/
# pesh and the izafat hamza) and the tatweel: people rarely type them, so they never decide.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Letters written several ways: hamza seats, taa marbuta, alef maqsura; and the Urdu forms
# of yeh, kaf and heh, so an Arabic keyboard finds Urdu words and the reverse.
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي",
        "ی": "ي", "ې": "ي", "ک": "ك", "ہ": "ه", "ۃ": "ه", "ۂ": "ه",
    }
)  # fmt: skip
# The article and the prepositions glued to it: "المأوى", "للمحامي", "بالسكن", "والسكن".
_ARABIC_ARTICLE = re.compile(r"^(?:و|ف|ب|ك)?(?:ال|لل)(?=\w{2,})")


def digits_to_ascii(text: str) -> str:
    """Any script's digits as ASCII digits: `١٨` and `১৮` -> `18`."""
    return "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text
    )


def normalize(text: str) -> str:
    """Compatibility-fold, lowercase, ASCII digits, script folds: `Ａｂｏｇａｄｏ` -> `abogado`."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = digits_to_ascii(text)
    if ARABIC_SCRIPT.search(text):
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    if HAN.search(text):
        # Traditional and Simplified meet in Simplified: 諮商 and 咨商, 護照 and 护照.
        _load_chinese()
        text = zhconv.convert(text, "zh-hans")
    return text


@cache
def _load_chinese() -> None:
    # By path: zhconv's default loader leaves its dictionary file open (a ResourceWarning).
    zhconv.loaddict(str(Path(zhconv.__file__).with_name("zhcdict.json")))


def tokenize(text: str) -> list[str]:
    """Split text into words at spaces and punctuation (apostrophes and hyphens stay inside)."""
    return [token.strip("'-") for token in _SEPARATORS.split(text) if token.strip("'-")]


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def fold_token(token: str) -> str:
    """A word in the form both sides are compared in: Arabic without its article, Russian
    stemmed (`паспорта` -> `паспорт`, `жить` -> `жит`)."""
    if ARABIC_SCRIPT.search(token):
        return _ARABIC_ARTICLE.sub("", token)
    if CYRILLIC.search(token):
        return _stemmer("russian").stemWord(token)
    return token


def fold_tokens(text: str) -> tuple[str, ...]:
    """Normalized, tokenized and folded: the key a phrase is stored and looked up under."""
    return tuple(fold_token(token) for token in tokenize(normalize(text)))


# Stemmers for languages written in Latin script; a stemmed match stays in its language.
LATIN_STEMMERS = {"en": "english", "es": "spanish", "fr": "french", "pl": "polish"}


@cache
def stem(token: str, language: str) -> str:
    """A Latin-script word stemmed as a word of `language` (unchanged without a stemmer)."""
    name = LATIN_STEMMERS.get(language)
    return _stemmer(name).stemWord(token) if name else token


def is_number(token: str) -> bool:
    """Digits only (after folding): `18`, `24/7` is two numbers and a slash."""
    return bool(NUMBER.fullmatch(token))


# Korean particles and endings glued to a noun (변호사가, 쉼터를, 병원에서), longest first.
KOREAN_PARTICLES = (
    "에서는", "에게서", "으로는", "한테서", "이라도", "에서", "에게", "한테", "으로", "까지",
    "부터", "처럼", "이나", "이랑", "은", "는", "이", "가", "을", "를", "에", "의", "도", "로",
    "와", "과", "랑", "만", "요",
)  # fmt: skip


def without_particle(token: str) -> str | None:
    """A Korean word without its particle, if what is left is at least two syllables."""
    if not HANGUL.search(token):
        return None
    for particle in KOREAN_PARTICLES:
        if token.endswith(particle) and len(token) - len(particle) >= 2:
            return token[: -len(particle)]
    return None
