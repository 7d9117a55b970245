"""Interface languages: URL prefixes, Babel locales, direction, and negotiation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, g
from werkzeug.datastructures import LanguageAccept


@dataclass(frozen=True)
class UiLanguage:
    """One interface language: its URL prefix, Babel locale and native name."""

    prefix: str
    locale: str
    name: str
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def html_lang(self) -> str:
        return self.locale.replace("_", "-")

    @property
    def data_language(self) -> str:
        """The ISO 639-1 code used for `languages spoken` filters."""
        return self.locale.split("_")[0]


# English plus the ten languages New York City designates for its public services.
UI_LANGUAGES: tuple[UiLanguage, ...] = (
    UiLanguage("en", "en", "English"),
    UiLanguage("es", "es", "Español"),
    UiLanguage("zh-hans", "zh_Hans", "简体中文"),
    UiLanguage("zh-hant", "zh_Hant", "繁體中文"),
    UiLanguage("ru", "ru", "Русский"),
    UiLanguage("bn", "bn", "বাংলা"),
    UiLanguage("ht", "ht", "Kreyòl Ayisyen"),
    UiLanguage("ko", "ko", "한국어"),
    UiLanguage("ar", "ar", "العربية", rtl=True),
    UiLanguage("ur", "ur", "اردو", rtl=True),
    UiLanguage("fr", "fr", "Français"),
    UiLanguage("pl", "pl", "Polski"),
)
BY_PREFIX = {language.prefix: language for language in UI_LANGUAGES}
CATALOG_LOCALES = tuple(language.locale for language in UI_LANGUAGES if language.locale != "en")
# Accept-Language tags that name a script or region rather than our prefix.
_ALIASES = {
    "zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-hans": "zh-hans",
    "zh-tw": "zh-hant", "zh-hk": "zh-hant", "zh-mo": "zh-hant", "zh-hant": "zh-hant",
}  # fmt: skip


def negotiate(accept: LanguageAccept) -> str:
    """The best interface language for an Accept-Language header (English if none fits)."""
    for tag, _quality in accept:
        tag = tag.lower()
        for candidate in (tag, tag.split("-")[0]):
            prefix = _ALIASES.get(candidate, candidate)
            if prefix in BY_PREFIX:
                return prefix
    return "en"


def current_language() -> UiLanguage:
    """The language of this request's pages (English outside a language prefix)."""
    return BY_PREFIX.get(getattr(g, "lang", "en"), UI_LANGUAGES[0])


def locale_selector() -> str:
    """Flask-Babel's locale: the URL prefix's (a referral sheet forces its own)."""
    return current_language().locale


def use_language_prefix(blueprint: Blueprint) -> None:
    """Serve `blueprint` under `/<lang>/`: unknown prefixes are 404, links keep the prefix."""

    @blueprint.url_value_preprocessor
    def pull_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
        lang = (values or {}).pop("lang", "en")
        if lang not in BY_PREFIX:
            abort(404)
        g.lang = lang

    @blueprint.url_defaults
    def add_language(endpoint: str, values: dict[str, Any]) -> None:
        values.setdefault("lang", getattr(g, "lang", "en"))
