"""Map between validated spreadsheet rows and `Provider` records, both ways."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from directory.geo.gazetteer import time_zone_for
from directory.geo.geocoder import Geocoder, approximate_area

from .models import CoordinatesSource, OpeningHours, Organization, Phone, Provider, ProviderCode
from .phones import PhoneEntry

CODE_SCHEMES = ("services", "populations", "languages")
PHONE_COLUMNS = {"phone": "main", "hotline": "hotline", "text": "text"}
# Columns copied as they are between a row and a Provider.
PLAIN_COLUMNS = (
    "name", "description", "address", "city", "state", "postal_code", "location_confidential",
    "email", "website", "cost", "eligibility", "intake", "documents_required", "accessibility",
    "walk_in", "no_id_required", "no_police_required", "status_neutral", "law_enforcement",
    "last_verified", "service_area", "status", "notes", "source_kind", "source_date",
)  # fmt: skip


def organization_id(name: str) -> str:
    """A stable id from an organization's name: `Safe Horizon` -> `safe-horizon`.

    A name that ASCII cannot spell (`Café`, `한인가정상담소`) gets a digest of the whole name
    after its ASCII part, so two such names never collapse into one organization.
    """
    slug = ascii_slug(name)[:100].strip("-") or "organization"
    if name.isascii():
        return slug
    return f"{slug}-{name_digest(name)}"


def ascii_slug(text: str) -> str:
    """`Café Hope, Inc.` -> `cafe-hope-inc`: letters ASCII can spell, digits and `-`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def name_digest(name: str) -> str:
    """Eight hex digits that tell organization names apart."""
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()[:8]


def resolve_values(
    data: dict[str, Any], geocoder: Geocoder, default_time_zone: str
) -> dict[str, Any]:
    """Everything a Provider should hold for a validated row: geocoded, zoned, approximated."""
    values = {column: data.get(column) for column in PLAIN_COLUMNS}
    values["id"] = data["id"]
    values["source_url"] = ";".join(data["source_url"])
    for scheme in CODE_SCHEMES:
        values[scheme] = list(data.get(scheme) or [])
    values["phones"] = [
        (entry.number, phone_type, entry.label)
        for column, phone_type in PHONE_COLUMNS.items()
        for entry in data.get(column) or []
    ]
    values["intervals"] = list(data.get("hours") or [])
    values["time_zone"] = (
        data.get("time_zone") or time_zone_for(data.get("postal_code")) or default_time_zone
    )
    lat, lon, source = data.get("latitude"), data.get("longitude"), None
    if lat is not None and lon is not None:
        source = CoordinatesSource.given
    else:
        point = geocoder.locate(
            data.get("address"), data.get("city"), data.get("state"), data.get("postal_code")
        )
        if point:
            lat, lon, source = point.latitude, point.longitude, CoordinatesSource(point.source)
    values.update(latitude=lat, longitude=lon, coordinates_source=source)
    public = (lat, lon)
    if lat is not None and lon is not None and data.get("location_confidential"):
        public = approximate_area(
            lat, lon, data.get("city"), data.get("state"), data.get("postal_code")
        )
    values["public_latitude"], values["public_longitude"] = public
    values["organization"] = {
        "id": organization_id(data["organization"]),
        "name": data["organization"],
        "website": data.get("organization_website"),
        "description": data.get("organization_description"),
    }
    return values


def current_values(provider: Provider) -> dict[str, Any]:
    """The values a Provider holds now, in the shape `resolve_values` returns."""
    values = {column: getattr(provider, column) for column in PLAIN_COLUMNS}
    values["id"] = provider.id
    values["source_url"] = provider.source_url
    for scheme in CODE_SCHEMES:
        values[scheme] = provider.codes_for(scheme)
    values["phones"] = [(p.number, p.type, p.description) for p in provider.phones]
    values["intervals"] = provider.intervals
    for column in ("time_zone", "latitude", "longitude", "coordinates_source"):
        values[column] = getattr(provider, column)
    values["public_latitude"] = provider.public_latitude
    values["public_longitude"] = provider.public_longitude
    organization = provider.organization
    values["organization"] = {
        "id": organization.id,
        "name": organization.name,
        "website": organization.website,
        "description": organization.description,
    }
    return values


def apply_values(provider: Provider, values: dict[str, Any], organization: Organization) -> None:
    """Set a Provider (new or existing) to `values`; the caller owns the transaction."""
    for column in (*PLAIN_COLUMNS, "source_url", "time_zone", "latitude", "longitude"):
        setattr(provider, column, values[column])
    provider.coordinates_source = values["coordinates_source"]
    provider.public_latitude = values["public_latitude"]
    provider.public_longitude = values["public_longitude"]
    provider.organization = organization
    # Reuse rows for codes kept, so an update never inserts a duplicate before the delete.
    kept = {(c.scheme, c.code): c for c in provider.codes}
    codes = []
    for scheme in CODE_SCHEMES:
        for position, code in enumerate(values[scheme]):
            row = kept.get((scheme, code)) or ProviderCode(scheme=scheme, code=code)
            row.position = position
            codes.append(row)
    provider.codes = codes
    provider.phones = [
        Phone(number=number, type=phone_type, description=label, position=position)
        for position, (number, phone_type, label) in enumerate(values["phones"])
    ]
    provider.opening_hours = [
        OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes, position=position)
        for position, i in enumerate(values["intervals"])
    ]


def row_data(provider: Provider) -> dict[str, Any]:
    """Typed row values for export: geocoded coordinates are left for re-import to redo."""
    return values_row(current_values(provider))


def values_row(values: dict[str, Any]) -> dict[str, Any]:
    """Typed row values for what `resolve_values` returns (or a Provider holds)."""
    data: dict[str, Any] = {column: values[column] for column in PLAIN_COLUMNS}
    data["id"] = values["id"]
    organization = values["organization"]
    data["organization"] = organization["name"]
    data["organization_website"] = organization["website"]
    data["organization_description"] = organization["description"]
    for scheme in CODE_SCHEMES:
        data[scheme] = values[scheme]
    for column, phone_type in PHONE_COLUMNS.items():
        data[column] = [
            PhoneEntry(n, label) for n, kind, label in values["phones"] if kind == phone_type
        ]
    data["hours"] = values["intervals"]
    data["source_url"] = values["source_url"].split(";")
    data["time_zone"] = values["time_zone"]
    if values["coordinates_source"] == CoordinatesSource.given:
        data["latitude"], data["longitude"] = values["latitude"], values["longitude"]
    return data
