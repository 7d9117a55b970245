"""Right-to-left pages and sheets: phone numbers, addresses, URLs, "LGBTQ+" and numbers stay
in their left-to-right order inside Arabic and Urdu text (Unicode bidirectional isolation)."""

from __future__ import annotations

import re

from babel import Locale
from flask_babel import Domain, get_locale
from markupsafe import Markup

from .babel_context import babel_context

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # left-to-right, first-strong, pop isolate
# A Latin or number run with the symbols that belong to it: "LGBTQ+", "24/7", "18-24", "T-visa".
# Without isolation the bidi algorithm gives a trailing "+" the paragraph's direction, so in
# Arabic "LGBTQ+" shows as "+LGBTQ"; numbers separated by spaces or brackets swap places.
_LTR_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9+/:.\-]*[A-Za-z0-9+])?")
# Placeholders are filled at run time (by values that isolate themselves when they need to).
_PLACEHOLDER = re.compile(r"(%\([A-Za-z_]+\)[sd]|%%)")


def isolate_runs(text: str) -> str:
    """Wrap every Latin or number run of a right-to-left message in LRI ... PDI."""
    parts = _PLACEHOLDER.split(text)
    return "".join(
        part if index % 2 else _LTR_RUN.sub(lambda run: LRI + run.group() + PDI, part)
        for index, part in enumerate(parts)
    )


def is_rtl(locale: object | None = None) -> bool:
    """Whether a locale (by default the current one) is written right to left."""
    locale = locale or get_locale()
    return bool(locale) and Locale.parse(str(locale)).text_direction == "rtl"


class IsolatingDomain(Domain):
    """The message catalogs, with left-to-right runs of right-to-left messages isolated.

    Done once per catalog when it is loaded, so translators write plain text and every string,
    on pages and in the copied or texted sheet, gets the same treatment.
    """

    def get_translations(self):
        # A page asks ~300 times; Flask-Babel's own lookup walks the request context and
        # formats the locale's name each time. Remembered per request and locale object
        # (`force_locale` swaps the object, so a forced language is looked up afresh).
        context = babel_context()
        locale = getattr(context, "babel_locale", None)
        remembered = getattr(context, "directory_translations", None)
        if remembered is not None and locale is not None and remembered[0] is locale:
            return remembered[1]
        translations = self._isolated(super().get_translations())
        if context is not None:
            context.directory_translations = (getattr(context, "babel_locale", None), translations)
        return translations

    def _isolated(self, translations):
        catalog = getattr(translations, "_catalog", None)
        if catalog and not getattr(translations, "_runs_isolated", False) and is_rtl():
            for key, message in catalog.items():
                if key and isinstance(message, str):
                    catalog[key] = isolate_runs(message)
            translations._runs_isolated = True
        return translations


def ltr_html(value: object) -> Markup:
    """A phone number, address, e-mail or URL as a left-to-right run in any page."""
    return Markup('<bdi dir="ltr">%s</bdi>') % value if value not in (None, "") else Markup("")


def auto_html(value: object) -> Markup:
    """A name or label of unknown direction (data, not interface text), isolated."""
    return Markup("<bdi>%s</bdi>") % value if value not in (None, "") else Markup("")


def ltr_text(value: object) -> str:
    """Plain text (copy, SMS): LRI ... PDI around a left-to-right run on a right-to-left sheet.

    Left-to-right sheets get nothing added, so a text message stays in the cheap GSM alphabet.
    """
    text = "" if value is None else str(value)
    return LRI + text + PDI if text and is_rtl() else text


def auto_text(value: object) -> str:
    """Plain text: FSI ... PDI around a name of unknown direction on a right-to-left sheet."""
    text = "" if value is None else str(value)
    return FSI + text + PDI if text and is_rtl() else text
