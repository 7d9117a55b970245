"""Phone numbers: normalize to E.164 for storage, show in national format."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo

PHONE_TYPES = ("main", "hotline", "text")

# `(212) 577-3300 (intake)`: a label is a trailing pair of parentheses holding a letter,
# so an area code in parentheses is not mistaken for one.
_LABELLED = re.compile(r"^(?P<number>.*?)\s*(?:\((?P<label>[^()]*[^\W\d_][^()]*)\))?\s*$")


class PhoneError(ValueError):
    """Raised when a phone number cannot be understood."""


@dataclass(frozen=True)
class PhoneEntry:
    """A normalized number (E.164, or the digits of a short code) and an optional label."""

    number: str
    label: str | None = None


def normalize(text: str, region: str = "US") -> str:
    """Return `text` as E.164 (`+12125773300`) or as a short code's digits (`988`)."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise PhoneError(f"{text!r} is not a phone number") from error
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", text)
    if digits and shortnumberinfo.is_valid_short_number_for_region(parsed, region):
        return digits
    raise PhoneError(f"{text!r} is not a valid phone number")


def display(number: str, region: str = "US") -> str:
    """Show a stored number the way people in `region` write it: `(212) 577-3300`."""
    if not number.startswith("+"):
        return number
    parsed = phonenumbers.parse(number, None)
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_phone_list(text: str | None, region: str = "US") -> list[PhoneEntry]:
    """Parse `;`-separated numbers, each optionally followed by `(label)`."""
    entries = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        match = _LABELLED.match(part)
        if not match or not match["number"].strip():
            raise PhoneError(f"{part!r} is not a phone number (write e.g. 212-577-3300 (intake))")
        label = (match["label"] or "").strip() or None
        entries.append(PhoneEntry(normalize(match["number"], region), label))
    return entries


def format_phone_list(entries: list[PhoneEntry], region: str = "US") -> str:
    """Write entries back in the CSV form that `parse_phone_list` reads."""
    return "; ".join(
        display(e.number, region) + (f" ({e.label})" if e.label else "") for e in entries
    )
