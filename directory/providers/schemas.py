"""The spreadsheet row schema: validates every import row and writes every export row."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from directory.sizes import fits, max_length

from .fields import Cell, CodeList, Flag, Hours, PhoneList, UrlList, WebAddress
from .models import DATASET_KINDS, Cost, Organization, Phone, Provider, SourceKind, Status
from .taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES

# The 31 columns NGOs edit, then the optional ones; export writes them in this order.
CORE_COLUMNS = (
    "id", "name", "organization", "description", "services", "populations", "languages",
    "address", "city", "state", "postal_code", "latitude", "longitude", "location_confidential",
    "phone", "hotline", "text", "email", "website", "hours", "cost", "eligibility", "intake",
    "documents_required", "walk_in", "no_id_required", "no_police_required", "status_neutral",
    "law_enforcement", "last_verified", "source_url",
)  # fmt: skip
OPTIONAL_COLUMNS = (
    "organization_website", "organization_description", "accessibility", "service_area",
    "time_zone", "status", "notes", "source_kind", "source_date",
)  # fmt: skip
COLUMNS = CORE_COLUMNS + OPTIONAL_COLUMNS
# Promises a police or prosecutor's office cannot make to someone afraid of police.
LAW_ENFORCEMENT_EXCLUDES = ("no_police_required", "status_neutral")
REQUIRED_COLUMNS = ("id", "name", "organization", "services", "source_url")

# A spreadsheet runs a cell starting with one of these as a formula; export prefixes `'`.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_REQUIRED = {"required": "is required"}


def _text(column: Any = None, **kwargs: Any) -> Cell:
    """A text cell; with a String(n) column, no longer than the column holds."""
    checks = [fits(column)] if column is not None else []
    return Cell(validate=checks, error_messages=_REQUIRED, **kwargs)


def _phones() -> PhoneList:
    return PhoneList(label_length=max_length(Phone.description))


def _choice(enum_type: type, **kwargs: Any) -> fields.Enum:
    names = ", ".join(member.value for member in enum_type)
    return fields.Enum(
        enum_type, by_value=True, error_messages={"unknown": f"must be one of: {names}"}, **kwargs
    )


class ProviderRowSchema(Schema):
    """One row of `providers.csv`, as strings in and strings out."""

    class Meta:
        unknown = EXCLUDE
        ordered = True

    id = Cell(
        required=True,
        error_messages=_REQUIRED,
        validate=validate.Regexp(
            rf"^[a-z0-9][a-z0-9-]{{0,{max_length(Provider.id) - 1}}}$",
            error="use lowercase letters, digits and '-' only (e.g. safe-horizon-atp)",
        ),
    )
    name = _text(Provider.name, required=True)
    organization = _text(Organization.name, required=True)
    description = _text()
    services = CodeList(SERVICE_TYPES, required=True, error_messages=_REQUIRED)
    populations = CodeList(POPULATIONS)
    languages = CodeList(LANGUAGES)
    address = _text(Provider.address)
    city = _text(Provider.city)
    state = Cell(validate=validate.Regexp(r"^[A-Z]{2}$", error="use a two-letter code, e.g. NY"))
    postal_code = Cell(
        validate=validate.Regexp(r"^\d{5}(-\d{4})?$", error="use a five-digit ZIP code, e.g. 11201")
    )
    latitude = fields.Float(
        validate=validate.Range(-90, 90, error="must be between -90 and 90"),
        error_messages={"invalid": "must be a number in decimal degrees, e.g. 40.6943"},
    )
    longitude = fields.Float(
        validate=validate.Range(-180, 180, error="must be between -180 and 180"),
        error_messages={"invalid": "must be a number in decimal degrees, e.g. -73.9903"},
    )
    location_confidential = Flag(load_default=False)
    phone = _phones()
    hotline = _phones()
    text = _phones()
    email = fields.Email(
        validate=fits(Provider.email), error_messages={"invalid": "is not an email address"}
    )
    website = WebAddress(validate=fits(Provider.website))
    hours = Hours()
    cost = _choice(Cost)
    eligibility = _text()
    intake = _text()
    documents_required = _text()
    walk_in = Flag()
    no_id_required = Flag()
    no_police_required = Flag()
    status_neutral = Flag()
    law_enforcement = Flag()
    last_verified = fields.Date(
        format="%Y-%m-%d", error_messages={"invalid": "must be a date written YYYY-MM-DD"}
    )
    source_url = UrlList(required=True, error_messages=_REQUIRED)
    organization_website = WebAddress(validate=fits(Organization.website))
    organization_description = _text()
    accessibility = _text()
    service_area = _text(Provider.service_area)
    time_zone = _text(Provider.time_zone)
    status = _choice(Status, load_default=Status.active)
    notes = _text()
    source_kind = _choice(SourceKind)
    source_date = fields.Date(
        format="%Y-%m-%d", error_messages={"invalid": "must be a date written YYYY-MM-DD"}
    )

    @pre_load
    def clean_cells(self, row: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Strip cells, undo formula neutralizing, and treat empty cells as missing."""
        cleaned = {}
        for key, value in row.items():
            if not isinstance(key, str):
                continue
            text = "" if value is None else str(value).strip()
            if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES:
                text = text[1:]
            if text:
                cleaned[key] = text
        if "state" in cleaned:
            cleaned["state"] = cleaned["state"].upper()
        return cleaned

    @validates("time_zone")
    def check_time_zone(self, value: str, **kwargs: Any) -> None:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(f"unknown time zone {value!r} (e.g. America/New_York)") from error

    @validates("last_verified")
    def check_not_future(self, value: date, **kwargs: Any) -> None:
        if value > date.today():
            raise ValidationError("cannot be in the future")

    @validates("source_date")
    def check_source_not_future(self, value: date, **kwargs: Any) -> None:
        if value > date.today():
            raise ValidationError("cannot be in the future")

    @validates_schema
    def check_dataset_date(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("source_kind") in DATASET_KINDS and "source_date" not in data:
            raise ValidationError(
                "give the date of the dataset the facts come from (YYYY-MM-DD)", "source_date"
            )

    @validates_schema
    def check_coordinates(self, data: dict[str, Any], **kwargs: Any) -> None:
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError("latitude and longitude go together: both or neither", missing)

    @validates_schema
    def check_law_enforcement(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Police and prosecutors never pass for a confidential or status-neutral service."""
        if not data.get("law_enforcement"):
            return
        problems = {
            column: "cannot be true for a law-enforcement listing (law_enforcement is true)"
            for column in LAW_ENFORCEMENT_EXCLUDES
            if data.get(column)
        }
        if problems:
            raise ValidationError(problems)


@cache  # building a schema costs more than dumping a row with it; dumping keeps no state
def _dumper() -> ProviderRowSchema:
    return ProviderRowSchema()


@cache
def _cell_writers() -> tuple[tuple[str, Callable[..., Any]], ...]:
    """Each column's own field serializer, in column order."""
    fields = _dumper().dump_fields
    return tuple((column, fields[column]._serialize) for column in COLUMNS)


def dump_row(data: dict[str, Any]) -> dict[str, str]:
    """Write typed listing values as spreadsheet cells in column order.

    Each field serializes its own value, as `Schema.dump` would have it do; the schema's
    per-field bookkeeping around that cost twice the serializing (an import of 100k new
    listings dumps 100k rows for the audit trail).
    """
    cells = {}
    for column, serialize in _cell_writers():
        value = data.get(column)
        if value is not None:
            value = serialize(value, column, data)
        cells[column] = "" if value is None else str(value)
    return cells
