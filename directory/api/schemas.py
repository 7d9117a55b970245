"""Request and response shapes of the search API, as marshmallow schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate

from directory.providers.hours import format_hours
from directory.providers.models import CoordinatesSource, Provider
from directory.providers.phones import display
from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, Taxonomy

MILES_TO_KM = 1.609344
LIST_FIELDS = {"service": "services", "language": "languages", "population": "populations"}
FLAG_FIELDS = (
    "free", "open_now", "open_24_7", "walk_in", "no_id_required", "no_police_required",
    "status_neutral",
)  # fmt: skip


class Codes(fields.List):
    """A list of taxonomy codes; also accepts one comma-separated string."""

    def __init__(self, taxonomy: Taxonomy, **kwargs: Any) -> None:
        super().__init__(
            fields.String(
                validate=validate.OneOf(taxonomy.codes, error=f"unknown {taxonomy.name}")
            ),
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = [part.strip() for item in value for part in item.split(",") if part.strip()]
        return super()._deserialize(value, attr, data, **kwargs)


class SearchQuerySchema(Schema):
    """Search parameters, from a query string or a JSON body."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=500))
    service = Codes(SERVICE_TYPES, load_default=list)
    language = Codes(LANGUAGES, load_default=list)
    population = Codes(POPULATIONS, load_default=list)
    free = fields.Boolean(load_default=False)
    open_now = fields.Boolean(load_default=False)
    open_24_7 = fields.Boolean(load_default=False)
    walk_in = fields.Boolean(load_default=False)
    no_id_required = fields.Boolean(load_default=False)
    no_police_required = fields.Boolean(load_default=False)
    status_neutral = fields.Boolean(load_default=False)
    near = fields.String(load_default=None, validate=validate.Length(max=200))
    radius_km = fields.Float(load_default=None, validate=validate.Range(min=0.1, max=1000))
    radius_mi = fields.Float(load_default=None, validate=validate.Range(min=0.1, max=620))
    sort = fields.String(
        load_default="relevance", validate=validate.OneOf(["relevance", "distance"])
    )
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))
    # Readings of the query the person removed: the `remove` values of its chips.
    ignore = fields.List(
        fields.String(validate=validate.Length(max=120)),
        load_default=list,
        validate=validate.Length(max=30),
    )

    @pre_load
    def one_ignore_is_a_list(self, data: Any, **kwargs: Any) -> Any:
        """Accept `ignore` as one string as well as a list."""
        if isinstance(data, dict) and isinstance(data.get("ignore"), str):
            return {**data, "ignore": [data["ignore"]]}
        return data

    @pre_load
    def blanks_are_missing(self, data: Any, **kwargs: Any) -> Any:
        """Treat empty strings (a form's untouched inputs) as not given."""
        if not isinstance(data, dict):
            raise ValidationError("the body must be a JSON object", "_schema")
        return {key: value for key, value in data.items() if value not in ("", None)}


def parameters_of(source, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Query-string or form fields as the schema reads them: lists for list fields."""
    return {
        key: source.getlist(key) if key in (*LIST_FIELDS, "ignore") else source.getlist(key)[-1]
        for key in source
        if key not in skip
    }


def search_arguments(loaded: dict[str, Any]) -> dict[str, Any]:
    """Validated parameters -> keyword arguments of `SearchRequest`."""
    arguments = {name: loaded[name] for name in ("q", "near", "sort", "page", "per_page")}
    arguments.update({target: loaded[source] for source, target in LIST_FIELDS.items()})
    arguments.update({name: loaded[name] for name in FLAG_FIELDS})
    arguments["ignore"] = tuple(loaded["ignore"])
    radius = loaded["radius_km"]
    if radius is None and loaded["radius_mi"] is not None:
        radius = loaded["radius_mi"] * MILES_TO_KM
    arguments["radius_km"] = radius
    return arguments


def phones_of(provider: Provider) -> list[dict[str, Any]]:
    """Phones with their stored (E.164) and displayed forms."""
    return [
        {
            "number": p.number,
            "display": display(p.number),
            "type": p.type,
            "description": p.description,
        }
        for p in provider.phones
    ]


def location_of(provider: Provider) -> dict[str, Any]:
    """Where a listing is; confidential ones give only their area and an approximate point."""
    location: dict[str, Any] = {
        "confidential": provider.location_confidential,
        "area": provider.area or None,
        "city": provider.city,
        "state": provider.state,
        "service_area": provider.service_area,
        "latitude": provider.public_latitude,
        "longitude": provider.public_longitude,
        "approximate": provider.location_confidential
        or provider.coordinates_source not in (None, CoordinatesSource.given),
    }
    if not provider.location_confidential:
        location.update(address=provider.address, postal_code=provider.postal_code)
    return location


def _clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


def _interval(interval) -> dict[str, Any]:
    return {
        "day": interval.weekday,
        "opens": _clock(interval.opens),
        "closes": _clock(interval.closes),
    }


def hours_of(provider: Provider, now: datetime) -> dict[str, Any]:
    """Weekly hours, and whether the listing is open at `now` in its own time zone."""
    intervals = provider.intervals
    is_open, closes = provider.open_status(now)
    return {
        "text": format_hours(intervals) or None,
        "weekly": [_interval(i) for i in intervals],
        "open_24_7": provider.always_open,
        "open_now": is_open,
        "closes_at": closes.strftime("%H:%M") if closes else None,
        "time_zone": provider.time_zone,
    }


def provider_summary(
    provider: Provider, distance_km: float | None, now: datetime
) -> dict[str, Any]:
    """The fields a result list shows."""
    return {
        "id": provider.id,
        "name": provider.name,
        "organization": provider.organization.name,
        "services": provider.services,
        "languages": provider.languages,
        "populations": provider.populations,
        "distance_km": distance_km,
        "phones": phones_of(provider),
        "website": provider.website,
        "location": location_of(provider),
        "hours": hours_of(provider, now),
        "cost": provider.cost.value if provider.cost else None,
        "walk_in": provider.walk_in,
        "no_id_required": provider.no_id_required,
        "no_police_required": provider.no_police_required,
        "status_neutral": provider.status_neutral,
        "last_verified": provider.last_verified.isoformat() if provider.last_verified else None,
    }


def provider_detail(provider: Provider, now: datetime) -> dict[str, Any]:
    """Every public field of a listing (never curation notes or a confidential address)."""
    detail = provider_summary(provider, None, now)
    del detail["distance_km"]
    organization = provider.organization
    detail.update(
        description=provider.description,
        organization_details={
            "name": organization.name,
            "website": organization.website,
            "description": organization.description,
        },
        email=provider.email,
        eligibility=provider.eligibility,
        intake=provider.intake,
        documents_required=provider.documents_required,
        accessibility=provider.accessibility,
        source_urls=provider.source_url.split(";"),
        updated_at=provider.updated_at.isoformat(),
    )
    return detail
