"""The index schema: text fields Whoosh scores, and compact columns numpy filters on."""

from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import StemmingAnalyzer

from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES

# Name and service types outrank the description: a listing *named* a legal clinic is a
# better answer to "lawyer" than one that mentions a lawyer once.
FIELD_BOOSTS = {
    "name": 3.0,
    "service_text": 2.5,
    "organization": 1.5,
    "population_text": 1.0,
    "area": 0.7,
    "description": 1.0,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)

SERVICE_BITS = {code: 1 << n for n, code in enumerate(SERVICE_TYPES.codes)}
POPULATION_BITS = {code: 1 << n for n, code in enumerate(POPULATIONS.codes)}
LANGUAGE_INDEX = {code: n for n, code in enumerate(LANGUAGES.codes)}
LANGUAGE_BYTES = 16  # room for 128 language codes
assert len(SERVICE_BITS) <= 32 and len(POPULATION_BITS) <= 32
assert len(LANGUAGE_INDEX) <= LANGUAGE_BYTES * 8

# Yes/no facts a search can filter on; "unknown" counts as no.
FLAGS = (
    "free", "open_24_7", "walk_in", "no_id_required", "no_police_required", "status_neutral",
    "confidential", "has_location", "has_hours",
)  # fmt: skip
FLAG_BITS = {name: 1 << n for n, name in enumerate(FLAGS)}

# Coordinates as integer micro-degrees: float columns crash in whoosh-reloaded 2.7.5.
NO_COORDINATE = -(2**31)


def make_schema() -> fields.Schema:
    """The Whoosh schema; every non-text value lives in a fixed-width column."""
    analyzer = StemmingAnalyzer(cachesize=100_000)
    text = {
        name: fields.TEXT(analyzer=analyzer, field_boost=boost)
        for name, boost in FIELD_BOOSTS.items()
    }
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        lat_e6=fields.COLUMN(columns.NumericColumn("i", default=NO_COORDINATE)),
        lon_e6=fields.COLUMN(columns.NumericColumn("i", default=NO_COORDINATE)),
        service_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        population_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        flag_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        language_bits=fields.COLUMN(columns.FixedBytesColumn(LANGUAGE_BYTES)),
        hours=fields.COLUMN(columns.RefBytesColumn()),
        time_zone=fields.COLUMN(columns.RefBytesColumn()),
        **text,
    )
