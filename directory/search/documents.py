"""The one mapping from a database listing to an index document."""

from __future__ import annotations

import hashlib
from typing import Any

from flask_babel import force_locale

from directory.providers.hours import format_hours
from directory.providers.models import Provider
from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES

from .facts import flag_bits_of
from .schema import (
    LANGUAGE_BYTES,
    LANGUAGE_INDEX,
    NO_COORDINATE,
    NO_DAY,
    POPULATION_BITS,
    SERVICE_BITS,
)


def _bits(codes: list[str], table: dict[str, int]) -> int:
    value = 0
    for code in codes:
        value |= table.get(code, 0)
    return value


def _language_bytes(codes: list[str]) -> bytes:
    value = 0
    for code in codes:
        if code in LANGUAGE_INDEX:
            value |= 1 << LANGUAGE_INDEX[code]
    return value.to_bytes(LANGUAGE_BYTES, "little")


# Per (taxonomy, code), its words as indexed: resolving a translatable label per listing was
# ~7% of an index build.
_CODE_WORDS: dict[tuple[int, str], str] = {}


def _code_words(code: str, taxonomy) -> str:
    key = (id(taxonomy), code)
    found = _CODE_WORDS.get(key)
    if found is None:
        term = taxonomy.get(code)
        with force_locale("en"):  # the index's words are English, whoever made the change
            found = (
                " ".join([code.replace("_", " "), str(term.label), *term.synonyms]) if term else ""
            )
        _CODE_WORDS[key] = found
    return found


def _terms_text(codes: list[str], taxonomy) -> str:
    # Index English labels and synonyms so "attorney" finds a listing coded `legal`.
    return " ".join(words for code in codes if (words := _code_words(code, taxonomy)))


def _micro(value: float | None) -> int:
    return NO_COORDINATE if value is None else round(value * 1_000_000)


def document_version(document: dict[str, Any]) -> str:
    """A digest of everything a document holds: equal versions, equal documents."""
    digest = hashlib.blake2b(digest_size=8)
    for key in sorted(document):
        if key != "version":
            digest.update(f"{key}={document[key]!r};".encode())
    return digest.hexdigest()


def provider_to_document(provider: Provider) -> dict[str, Any]:
    """Map a listing to its Whoosh document: public point only, never a confidential one."""
    intervals = provider.intervals
    area = " ".join(filter(None, (provider.city, provider.service_area)))
    document = {
        "id": provider.id,
        "name": provider.name,
        "organization": provider.organization.name,
        "description": provider.description or "",
        "service_text": _terms_text(provider.services, SERVICE_TYPES),
        "context": f"{_terms_text(provider.populations, POPULATIONS)} {area}",
        "lat_e6": _micro(provider.public_latitude),
        "lon_e6": _micro(provider.public_longitude),
        "service_bits": _bits(provider.services, SERVICE_BITS),
        "population_bits": _bits(provider.populations, POPULATION_BITS),
        "flag_bits": flag_bits_of(provider),
        # The day, not whether it is "out of date": that depends on today (ranking.py).
        "verified_day": provider.last_verified.toordinal() if provider.last_verified else NO_DAY,
        "language_bits": _language_bytes(provider.languages),
        "hours": format_hours(intervals).encode(),
        "time_zone": provider.time_zone.encode(),
    }
    # Stored so `flask search verify` can tell a stale document from a current one.
    document["version"] = document_version(document)
    return document
