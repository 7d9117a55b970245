"""One listing as HSDS 3.0 table rows: the single mapping the export and the API share."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC
from typing import Any

from directory.providers.hours import DAYS, MINUTES_PER_DAY
from directory.providers.models import Organization, Provider, Status
from directory.providers.taxonomy import language_label

from .profile import (
    CODED_TAXONOMIES,
    FACTS_BY_CODE,
    TAXONOMY_FACTS,
    YES_NO_FACTS,
    stable_id,
    term_id,
)

Tables = dict[str, list[dict[str, Any]]]
# Phone types of ours -> HSDS phone.type; a hotline is a voice line with the `hotline` fact.
PHONE_TYPES = {"main": "voice", "hotline": "voice", "text": "text"}
# HSDS requires an organization description; without one ours says only what it runs.
ORGANIZATION_FALLBACK = "Runs these listed services: "


def _clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}:00"


def organization_record(organization: Organization) -> dict[str, Any]:
    """An `organizations.csv` row; HSDS requires a description, so one is said plainly."""
    names = "; ".join(sorted(p.name for p in organization.providers if p.status == Status.active))
    return {
        "id": stable_id("organization", organization.id),
        "name": organization.name,
        "description": organization.description or f"{ORGANIZATION_FALLBACK}{names}.",
        "website": organization.website,
    }


def has_location(provider: Provider) -> bool:
    """A listing has an HSDS location when it has a place: an address, a city or a point."""
    return bool(provider.address or provider.city or provider.public_latitude is not None)


def _attribute(link_entity: str, link_id: str, taxonomy: str, code: str, value: Any = None):
    return {
        "id": stable_id("attribute", link_entity, link_id, taxonomy, code, value or ""),
        "link_id": link_id,
        "taxonomy_term_id": term_id(taxonomy, code),
        "link_type": taxonomy,
        "link_entity": link_entity,
        "value": value,
    }


def _fact(link_id: str, code: str, value: Any) -> dict[str, Any]:
    fact = FACTS_BY_CODE[code]
    if isinstance(value, bool):
        value = "true" if value else "false"
    return _attribute(fact.link_entity, link_id, TAXONOMY_FACTS, code, value)


def _service(provider: Provider, service_id: str, tables: Tables) -> None:
    tables["services"].append(
        {
            "id": service_id,
            "organization_id": stable_id("organization", provider.organization_id),
            "name": provider.name,
            "description": provider.description,
            "url": provider.website,
            "email": provider.email,
            "status": "active" if provider.status == Status.active else "inactive",
            "application_process": provider.intake,
            "eligibility_description": provider.eligibility,
            "assured_date": provider.last_verified.isoformat() if provider.last_verified else None,
            "last_modified": provider.updated_at.replace(tzinfo=provider.updated_at.tzinfo or UTC)
            .astimezone(UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    )
    for scheme, (taxonomy, _) in CODED_TAXONOMIES.items():
        for code in provider.codes_for(scheme):
            tables["attributes"].append(_attribute("service", service_id, taxonomy, code))
    for code in YES_NO_FACTS:
        value = getattr(provider, code)
        if value is not None:
            tables["attributes"].append(_fact(service_id, code, value))
    if provider.cost is not None:
        tables["attributes"].append(_fact(service_id, "cost", provider.cost.value))
    if provider.source_kind is not None:
        tables["attributes"].append(_fact(service_id, "source_kind", provider.source_kind.value))
    if provider.source_date is not None:
        tables["attributes"].append(
            _fact(service_id, "source_date", provider.source_date.isoformat())
        )
    for url in provider.source_url.split(";"):
        tables["attributes"].append(_fact(service_id, "source_url", url))
    for code in provider.languages:
        tables["languages"].append(
            {
                "id": stable_id("language", provider.id, code),
                "service_id": service_id,
                "name": language_label(code),
                "code": code,
            }
        )
    if provider.documents_required:
        tables["required_documents"].append(
            {
                "id": stable_id("required_document", provider.id),
                "service_id": service_id,
                "document": provider.documents_required,
            }
        )
    if provider.service_area:
        tables["service_areas"].append(
            {
                "id": stable_id("service_area", provider.id),
                "service_id": service_id,
                "name": provider.service_area,
            }
        )


def _phones(provider: Provider, service_id: str, tables: Tables) -> None:
    for position, phone in enumerate(provider.phones):
        phone_id = stable_id("phone", provider.id, position)
        tables["phones"].append(
            {
                "id": phone_id,
                "service_id": service_id,
                "number": phone.number,
                "type": PHONE_TYPES.get(phone.type, "voice"),
                "description": phone.description,
            }
        )
        if phone.type == "hotline":
            tables["attributes"].append(_fact(phone_id, "hotline_number", "true"))


def _schedules(provider: Provider, service_id: str, tables: Tables) -> None:
    """One weekly rule per opening interval; closes_at <= opens_at means past midnight."""
    for position, interval in enumerate(provider.intervals):
        tables["schedules"].append(
            {
                "id": stable_id("schedule", provider.id, position),
                "service_id": service_id,
                "freq": "WEEKLY",
                "byday": DAYS[interval.weekday].upper(),
                "opens_at": _clock(interval.opens),
                "closes_at": _clock(interval.closes % MINUTES_PER_DAY),
            }
        )


def _location(provider: Provider, service_id: str, tables: Tables) -> None:
    """The listing's place; a confidential one has no address and only its public point."""
    location_id = stable_id("location", provider.id)
    tables["locations"].append(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": stable_id("organization", provider.organization_id),
            "name": provider.area or None,
            "latitude": provider.public_latitude,
            "longitude": provider.public_longitude,
        }
    )
    tables["service_at_locations"].append(
        {
            "id": stable_id("service_at_location", provider.id),
            "service_id": service_id,
            "location_id": location_id,
        }
    )
    if provider.location_confidential:
        tables["attributes"].append(_fact(location_id, "location_confidential", "true"))
    elif provider.address and provider.city and provider.state and provider.postal_code:
        tables["addresses"].append(
            {
                "id": stable_id("address", provider.id),
                "location_id": location_id,
                "address_1": provider.address,
                "city": provider.city,
                "state_province": provider.state,
                "postal_code": provider.postal_code,
                "country": "US",
                "address_type": "physical",
            }
        )
    if provider.accessibility:
        tables["accessibility"].append(
            {
                "id": stable_id("accessibility", provider.id),
                "location_id": location_id,
                "description": provider.accessibility,
            }
        )


def provider_tables(provider: Provider) -> Tables:
    """Every HSDS row one listing produces (never curation notes or a confidential address)."""
    tables: Tables = defaultdict(list)
    service_id = stable_id("service", provider.id)
    _service(provider, service_id, tables)
    _phones(provider, service_id, tables)
    _schedules(provider, service_id, tables)
    if has_location(provider):
        _location(provider, service_id, tables)
    return tables
