"""Response shapes of `/api/v1` as marshmallow schemas: they write the answers and the spec."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import force_locale
from marshmallow import Schema, fields, post_dump

from directory.providers.hours import format_hours
from directory.providers.models import CoordinatesSource, Provider, SourceKind
from directory.providers.phones import display
from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, language_label

FLAG_COLUMNS = (
    "walk_in", "no_id_required", "no_police_required", "status_neutral", "law_enforcement",
)  # fmt: skip


@dataclass(frozen=True)
class ListingView:
    """A listing as answered at `now`, with its distance from the searched point (if any)."""

    provider: Provider
    now: datetime
    distance_km: float | None = None


def _clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


class PhoneSchema(Schema):
    """A phone: stored (E.164 or a short code) and displayed forms."""

    number = fields.String(required=True)
    display = fields.Function(lambda phone: display(phone.number), required=True)
    type = fields.String(required=True, metadata={"enum": ["main", "hotline", "text"]})
    description = fields.String(allow_none=True)


class LocationSchema(Schema):
    """Where a listing is; a confidential one has no address or ZIP code, only its area."""

    confidential = fields.Boolean(attribute="location_confidential", required=True)
    area = fields.Function(lambda p: p.area or None, allow_none=True)
    city = fields.String(allow_none=True)
    state = fields.String(allow_none=True)
    service_area = fields.String(allow_none=True)
    latitude = fields.Float(attribute="public_latitude", allow_none=True)
    longitude = fields.Float(attribute="public_longitude", allow_none=True)
    approximate = fields.Function(
        lambda p: (
            p.location_confidential or p.coordinates_source not in (None, CoordinatesSource.given)
        ),
        required=True,
    )
    address = fields.String(allow_none=True, metadata={"description": "Never for confidential."})
    postal_code = fields.String(allow_none=True)

    @post_dump(pass_original=True)
    def hide_confidential(self, data: dict, provider: Provider, **kwargs: Any) -> dict:
        """A confidential location never shows its street address or ZIP code."""
        if provider.location_confidential:
            data.pop("address", None)
            data.pop("postal_code", None)
        return data


class IntervalSchema(Schema):
    """One weekly opening interval (day 0 is Monday)."""

    day = fields.Integer(attribute="weekday", required=True)
    opens = fields.Function(lambda i: _clock(i.opens), required=True)
    closes = fields.Function(lambda i: _clock(i.closes), required=True)


def _hours(view: ListingView) -> dict[str, Any]:
    provider = view.provider
    is_open, closes = provider.open_status(view.now)
    return {
        "text": format_hours(provider.intervals) or None,
        "weekly": provider.intervals,
        "open_24_7": provider.always_open,
        "open_now": is_open,
        "closes_at": closes.strftime("%H:%M") if closes else None,
        "time_zone": provider.time_zone,
    }


class HoursSchema(Schema):
    """Weekly hours, and whether the listing is open now in its own time zone."""

    text = fields.String(allow_none=True)
    weekly = fields.List(fields.Nested(IntervalSchema), required=True)
    open_24_7 = fields.Boolean(required=True)
    open_now = fields.Boolean(allow_none=True, metadata={"description": "null: hours unknown"})
    closes_at = fields.String(allow_none=True)
    time_zone = fields.String(required=True)


class ProviderSummarySchema(Schema):
    """The fields a result list shows."""

    class Meta:
        ordered = True

    id = fields.String(attribute="provider.id", required=True)
    name = fields.String(attribute="provider.name", required=True)
    organization = fields.String(attribute="provider.organization.name", required=True)
    services = fields.List(fields.String(), attribute="provider.services", required=True)
    languages = fields.List(fields.String(), attribute="provider.languages", required=True)
    populations = fields.List(fields.String(), attribute="provider.populations", required=True)
    distance_km = fields.Float(allow_none=True)
    phones = fields.List(fields.Nested(PhoneSchema), attribute="provider.phones", required=True)
    website = fields.String(attribute="provider.website", allow_none=True)
    location = fields.Nested(LocationSchema, attribute="provider", required=True)
    hours = fields.Function(lambda view: HoursSchema().dump(_hours(view)), required=True)
    cost = fields.Function(
        lambda view: view.provider.cost.value if view.provider.cost else None,
        allow_none=True,
        metadata={"enum": ["free", "sliding_scale", "fee", None]},
    )
    walk_in = fields.Boolean(attribute="provider.walk_in", allow_none=True)
    no_id_required = fields.Boolean(attribute="provider.no_id_required", allow_none=True)
    no_police_required = fields.Boolean(attribute="provider.no_police_required", allow_none=True)
    status_neutral = fields.Boolean(attribute="provider.status_neutral", allow_none=True)
    law_enforcement = fields.Boolean(attribute="provider.law_enforcement", allow_none=True)
    last_verified = fields.Date(attribute="provider.last_verified", allow_none=True)
    # Where the facts come from: a `city_data` listing is only the City's data of `source_date`.
    source_kind = fields.Function(
        lambda view: (view.provider.source_kind or SourceKind.curated).value,
        required=True,
        metadata={"enum": [kind.value for kind in SourceKind]},
    )
    source_date = fields.Date(attribute="provider.source_date", allow_none=True)


class OrganizationDetailsSchema(Schema):
    """The organization that runs a listing."""

    name = fields.String(required=True)
    website = fields.String(allow_none=True)
    description = fields.String(allow_none=True)


class ProviderDetailSchema(ProviderSummarySchema):
    """Every public field of a listing (never curation notes or a confidential address)."""

    class Meta:
        ordered = True
        exclude = ("distance_km",)

    description = fields.String(attribute="provider.description", allow_none=True)
    organization_details = fields.Nested(
        OrganizationDetailsSchema, attribute="provider.organization", required=True
    )
    email = fields.String(attribute="provider.email", allow_none=True)
    eligibility = fields.String(attribute="provider.eligibility", allow_none=True)
    intake = fields.String(attribute="provider.intake", allow_none=True)
    documents_required = fields.String(attribute="provider.documents_required", allow_none=True)
    accessibility = fields.String(attribute="provider.accessibility", allow_none=True)
    source_urls = fields.Function(lambda view: view.provider.source_url.split(";"), required=True)
    updated_at = fields.DateTime(attribute="provider.updated_at", required=True)


class TermLabelsSchema(Schema):
    """One code and its label in every interface language."""

    code = fields.String(required=True)
    labels = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class TaxonomyResponseSchema(Schema):
    """Every code the API takes or answers, labelled in every interface language."""

    interface_languages = fields.List(fields.String(), required=True)
    services = fields.List(fields.Nested(TermLabelsSchema), required=True)
    populations = fields.List(fields.Nested(TermLabelsSchema), required=True)
    languages = fields.List(fields.Nested(TermLabelsSchema), required=True)


def taxonomy_labels(locales: dict[str, str]) -> dict[str, Any]:
    """Codes and labels for `locales` ({language tag: Babel locale})."""

    def labelled(taxonomy) -> list[dict[str, Any]]:
        labels: dict[str, dict[str, str]] = {code: {} for code in taxonomy.codes}
        for tag, locale in locales.items():
            with force_locale(locale):
                for term in taxonomy.terms:
                    labels[term.code][tag] = str(term.label)
        return [{"code": code, "labels": labels[code]} for code in taxonomy.codes]

    return {
        "interface_languages": list(locales),
        "services": labelled(SERVICE_TYPES),
        "populations": labelled(POPULATIONS),
        "languages": [
            {
                "code": code,
                "labels": {tag: language_label(code, loc) for tag, loc in locales.items()},
            }
            for code in LANGUAGES.codes
        ],
    }
