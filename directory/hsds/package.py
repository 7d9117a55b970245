"""The HSDS 3.0 CSV data package: which resources we write, their files and fields."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SPEC_DIR = Path(__file__).parent / "spec"

# Our table keys -> HSDS resource names, in the order the package lists them. `contacts` and
# `programs` stay empty but are present because phones and services hold foreign keys to them.
RESOURCES = {
    "organizations": "organization",
    "programs": "program",
    "services": "service",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "attributes": "attribute",
    "locations": "location",
    "service_at_locations": "service_at_location",
    "addresses": "address",
    "contacts": "contact",
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "required_documents": "required_document",
    "languages": "language",
    "accessibility": "accessibility",
}


@cache
def specification() -> dict[str, Any]:
    """The HSDS 3.0 data package descriptor (copied into `spec/` with its license)."""
    return json.loads((SPEC_DIR / "datapackage.json").read_text(encoding="utf-8"))


@cache
def resources_by_name() -> dict[str, dict[str, Any]]:
    return {resource["name"]: resource for resource in specification()["resources"]}


def resource(table: str) -> dict[str, Any]:
    """The HSDS resource descriptor of one of our table keys."""
    return resources_by_name()[RESOURCES[table]]


def field_names(table: str) -> list[str]:
    """The columns of a table, in the order HSDS declares them."""
    return [f["name"] for f in resource(table)["schema"]["fields"]]


def table_for_path(path: str) -> str | None:
    """Our table key for a CSV file name in a package (`services.csv` -> `services`)."""
    for table, name in RESOURCES.items():
        if resources_by_name()[name]["path"] == path:
            return table
    return None


def descriptor(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The `datapackage.json` we write: HSDS's own metadata and the resources we fill."""
    spec = specification()
    return {
        "name": "trafficking_referral_directory",
        "title": "Service-referral directory for survivors of human trafficking (HSDS 3.0)",
        "description": "Listings in Open Referral's Human Services Data Specification 3.0. "
        "Confidential locations carry no street address and only an approximate point.",
        "profile": spec["profile"],
        "version": spec["version"],
        "homepage": spec["homepage"],
        "license": spec["license"],
        "resources": resources,
    }
