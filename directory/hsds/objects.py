"""HSDS API objects: the export's table rows nested as the specification's compiled schemas."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale

from directory.providers.models import Organization, Provider

from .profile import taxonomy_records, term_records
from .records import Tables, organization_record, provider_tables

# Fields of a service that hold one value each: what a list of services shows.
SERVICE_LIST_FIELDS = (
    "id", "organization_id", "name", "description", "url", "email", "status",
    "application_process", "eligibility_description", "assured_date", "last_modified",
)  # fmt: skip
MINIMAL_FIELDS = ("id", "name", "status", "last_modified")


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """HSDS JSON types are never nullable: a value not known is left out."""
    return {key: value for key, value in row.items() if value is not None and value != ""}


def _terms() -> dict[str, dict[str, Any]]:
    with force_locale("en"):
        return {row["id"]: _clean(row) for row in term_records()}


def taxonomies() -> list[dict[str, Any]]:
    """Our taxonomies as HSDS `taxonomy` objects."""
    return [_clean(row) for row in taxonomy_records()]


def taxonomy_terms() -> list[dict[str, Any]]:
    """Every term of our taxonomies as HSDS `taxonomy_term` objects."""
    return list(_terms().values())


def _attributes(tables: Tables, link_id: str, terms: dict) -> list[dict[str, Any]]:
    return [
        {**_clean(row), "taxonomy_term": terms[row["taxonomy_term_id"]]}
        for row in tables.get("attributes", [])
        if row["link_id"] == link_id
    ]


def _location(tables: Tables, row: dict[str, Any], terms: dict) -> dict[str, Any]:
    location = _clean(row)
    location["addresses"] = [
        _clean(a) for a in tables.get("addresses", []) if a["location_id"] == row["id"]
    ]
    location["accessibility"] = [
        _clean(a) for a in tables.get("accessibility", []) if a["location_id"] == row["id"]
    ]
    location["attributes"] = _attributes(tables, row["id"], terms)
    return location


def _phones(tables: Tables, terms: dict) -> list[dict[str, Any]]:
    return [
        {**_clean(p), "attributes": _attributes(tables, p["id"], terms)}
        for p in tables.get("phones", [])
    ]


def service_object(
    provider: Provider, full: bool = True, minimal: bool = False, nest_organization: bool = True
) -> dict[str, Any]:
    """One listing as an HSDS `service`: nested in full, or its one-to-one fields only."""
    tables = provider_tables(provider)
    row = tables["services"][0]
    if minimal:
        return _clean({key: row.get(key) for key in MINIMAL_FIELDS})
    if not full:
        return _clean({key: row.get(key) for key in SERVICE_LIST_FIELDS})
    terms = _terms()
    service = _clean(row)
    service.update(
        phones=_phones(tables, terms),
        schedules=[_clean(s) for s in tables.get("schedules", [])],
        service_areas=[_clean(s) for s in tables.get("service_areas", [])],
        languages=[_clean(s) for s in tables.get("languages", [])],
        required_documents=[_clean(s) for s in tables.get("required_documents", [])],
        attributes=_attributes(tables, row["id"], terms),
        service_at_locations=[
            {**_clean(sal), "location": _location(tables, location, terms)}
            for sal, location in zip(
                tables.get("service_at_locations", []), tables.get("locations", []), strict=True
            )
        ],
    )
    if nest_organization:
        service["organization"] = _clean(organization_record(provider.organization))
    return service


def service_at_location_object(provider: Provider, full: bool = True) -> dict[str, Any] | None:
    """A listing's place as an HSDS `service_at_location` (None if it has no place)."""
    tables = provider_tables(provider)
    if not tables.get("service_at_locations"):
        return None
    sal = _clean(tables["service_at_locations"][0])
    if not full:
        return sal
    terms = _terms()
    sal["location"] = _location(tables, tables["locations"][0], terms)
    sal["service"] = service_object(provider, full=False)
    sal["phones"] = _phones(tables, terms)
    sal["schedules"] = [_clean(s) for s in tables.get("schedules", [])]
    return sal


def organization_object(
    organization: Organization, providers: list[Provider], full: bool = True
) -> dict[str, Any]:
    """An organization as an HSDS `organization`, with its (active) services when full."""
    record = _clean(organization_record(organization))
    if full:
        record["services"] = [service_object(p, nest_organization=False) for p in providers]
    return record
