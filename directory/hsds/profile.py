"""Our HSDS profile: stable ids, and our taxonomies and yes/no facts as HSDS taxonomy terms."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES, Taxonomy

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/specification/tree/3.0"
# Fixed forever: every exported id is a UUID derived from our own id under this namespace,
# so the same listing gets the same HSDS ids in every export.
NAMESPACE = uuid.UUID("6f1c2b7e-5d0a-4e4f-9a51-3c7d2f0b8e11")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_uuid(text: str) -> bool:
    """True for a lowercase UUID, the id form HSDS requires (and imported listings keep)."""
    return bool(_UUID.match(text))


def stable_id(kind: str, *parts: object) -> str:
    """The HSDS id of one of our records: a name-based UUID that never changes."""
    if len(parts) == 1 and kind in ("service", "organization") and is_uuid(str(parts[0])):
        return str(parts[0])  # imported from HSDS: keep the id it came with
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *map(str, parts)))))


@dataclass(frozen=True)
class FactTerm:
    """A yes/no fact (or a text value) published as an HSDS attribute on one entity."""

    code: str
    name: str
    description: str
    link_entity: str  # service, location or phone


# Facts published as attributes whose `value` holds the fact; None (not stated) is not exported.
FACTS = (
    FactTerm("walk_in", "Walk-in", "Walk-ins welcome (value true or false).", "service"),
    FactTerm(
        "no_id_required",
        "No ID required",
        "No identity document is required (value true or false).",
        "service",
    ),
    FactTerm(
        "no_police_required",
        "No police report required",
        "Help does not depend on reporting to or cooperating with police (value true or false).",
        "service",
    ),
    FactTerm(
        "status_neutral",
        "Immigration-status neutral",
        "Served regardless of immigration status (value true or false).",
        "service",
    ),
    FactTerm(
        "law_enforcement",
        "Law enforcement",
        "Police or prosecutors: what is said may be reported (value true or false).",
        "service",
    ),
    FactTerm(
        "cost", "Cost", "What the service costs: free, sliding_scale or fee (value).", "service"
    ),
    FactTerm(
        "source_url",
        "Source",
        "A public page the listing's facts come from (value: the web address).",
        "service",
    ),
    FactTerm(
        "source_kind",
        "Kind of source",
        "curated (checked against the pages in source_url) or city_data (taken only from a "
        "City dataset of source_date) (value).",
        "service",
    ),
    FactTerm(
        "source_date",
        "Source date",
        "The date of the dataset the facts come from, YYYY-MM-DD (value).",
        "service",
    ),
    FactTerm(
        "location_confidential",
        "Confidential location",
        "The location is confidential: no street address is published and the point is "
        "approximate (value true).",
        "location",
    ),
    FactTerm(
        "hotline_number", "Hotline number", "The phone number is a hotline (value true).", "phone"
    ),
)
FACTS_BY_CODE = {fact.code: fact for fact in FACTS}
# The listing's own yes/no columns among the facts.
YES_NO_FACTS = (
    "walk_in",
    "no_id_required",
    "no_police_required",
    "status_neutral",
    "law_enforcement",
)

# Our taxonomies as published: (HSDS taxonomy code, our taxonomy or the facts, description).
TAXONOMY_FACTS = "directory-facts"
CODED_TAXONOMIES: dict[str, tuple[str, Taxonomy]] = {
    "services": ("directory-service-types", SERVICE_TYPES),
    "populations": ("directory-populations", POPULATIONS),
}
TAXONOMY_DESCRIPTIONS = {
    "directory-service-types": "The kinds of help a listing offers.",
    "directory-populations": "Who a listing serves.",
    TAXONOMY_FACTS: "Yes/no facts and values published as attributes of services, locations "
    "and phones.",
}


def taxonomy_id(name: str) -> str:
    return stable_id("taxonomy", name)


def term_id(taxonomy: str, code: str) -> str:
    return stable_id("taxonomy_term", taxonomy, code)


def taxonomy_records() -> list[dict[str, str]]:
    """Our taxonomies as rows of `taxonomies.csv`."""
    return [
        {
            "id": taxonomy_id(name),
            "name": name,
            "description": description,
            "version": "1",
        }
        for name, description in TAXONOMY_DESCRIPTIONS.items()
    ]


def term_records() -> list[dict[str, str]]:
    """Every term of our taxonomies (English labels) as rows of `taxonomy_terms.csv`."""
    rows = []
    for name, taxonomy in CODED_TAXONOMIES.values():
        for term in taxonomy.terms:
            label = str(term.label)
            rows.append(
                {
                    "id": term_id(name, term.code),
                    "code": term.code,
                    "name": label,
                    "description": f"{taxonomy.name.capitalize()}: {label}",
                    "taxonomy": name,
                    "language": "en",
                    "taxonomy_id": taxonomy_id(name),
                }
            )
    for fact in FACTS:
        rows.append(
            {
                "id": term_id(TAXONOMY_FACTS, fact.code),
                "code": fact.code,
                "name": fact.name,
                "description": fact.description,
                "taxonomy": TAXONOMY_FACTS,
                "language": "en",
                "taxonomy_id": taxonomy_id(TAXONOMY_FACTS),
            }
        )
    return rows


def terms_by_id() -> dict[str, tuple[str, str]]:
    """Term id -> (our taxonomy key: services/populations/facts, code), for import."""
    found = {
        term_id(name, term.code): (scheme, term.code)
        for scheme, (name, taxonomy) in CODED_TAXONOMIES.items()
        for term in taxonomy.terms
    }
    found.update({term_id(TAXONOMY_FACTS, f.code): ("facts", f.code) for f in FACTS})
    return found
