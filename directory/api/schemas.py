"""Response shapes of `/api/v1` as marshmallow schemas: they write the answers and the spec."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from flask_babel import force_locale
from marshmallow import Schema, fields, post_dump

from directory.providers.hours import Interval, format_hours, is_always_open
from directory.providers.models import CoordinatesSource, ListingFacts, Provider, SourceKind
from directory.providers.phones import display
from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, language_label
from directory.search.chips import chip_fields
from directory.search.facts import FILTER_FACTS

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


class HoursPatternSchema(Schema):
    """The part of a listing's hours that follows from its weekly intervals alone."""

    text = fields.String(allow_none=True)
    weekly = fields.Nested(IntervalSchema, many=True, required=True)
    open_24_7 = fields.Boolean(required=True)


class HoursNowSchema(Schema):
    """The part of a listing's hours that changes with the time of the request."""

    open_now = fields.Boolean(allow_none=True, metadata={"description": "null: hours unknown"})
    closes_at = fields.String(allow_none=True)
    time_zone = fields.String(required=True)


class HoursSchema(HoursPatternSchema, HoursNowSchema):
    """Weekly hours, and whether the listing is open now in its own time zone."""


# Built once: building a schema deep-copies its fields (~0.1 ms each).
HOURS_PATTERN, HOURS_NOW = HoursPatternSchema(), HoursNowSchema()


@lru_cache(maxsize=4096)
def _hours_pattern(intervals: tuple[Interval, ...]) -> dict[str, Any]:
    """Written once per pattern: listings share hours (in data/providers.csv 252 listings
    have 56 patterns, one of them 110 listings), and writing them was a tenth of a search
    answer. Callers copy the result before adding to it."""
    return HOURS_PATTERN.dump(
        {
            "text": format_hours(intervals) or None,
            "weekly": intervals,
            "open_24_7": is_always_open(intervals),
        }
    )


def hours_now(facts: ListingFacts, now: datetime) -> dict[str, Any]:
    """The part of a listing's hours that changes with the time of the request."""
    is_open, closes = facts.open_status(now)
    return _hours_now(is_open, closes.strftime("%H:%M") if closes else None, facts.time_zone)


@lru_cache(maxsize=4096)
def _hours_now(is_open: bool | None, closes_at: str | None, time_zone: str) -> dict[str, Any]:
    """Written once per value: a page of results repeats a few. Callers copy the result."""
    return HOURS_NOW.dump({"open_now": is_open, "closes_at": closes_at, "time_zone": time_zone})


def _hours(view: ListingView) -> dict[str, Any]:
    provider = view.provider
    return {**_hours_pattern(tuple(provider.intervals)), **hours_now(provider, view.now)}


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
    phones = fields.Nested(PhoneSchema, many=True, attribute="provider.phones", required=True)
    website = fields.String(attribute="provider.website", allow_none=True)
    location = fields.Nested(LocationSchema, attribute="provider", required=True)
    hours = fields.Function(
        _hours, required=True, metadata={"allOf": [{"$ref": "#/components/schemas/Hours"}]}
    )
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
    filters = fields.List(
        fields.Nested(TermLabelsSchema),
        required=True,
        metadata={"description": "Yes/no search filters: the code is the request parameter."},
    )


def taxonomy_labels(locales: dict[str, str]) -> dict[str, Any]:
    """Codes and labels for `locales` ({language tag: Babel locale})."""

    def labelled(terms: list[tuple[str, Any]]) -> list[dict[str, Any]]:
        labels: dict[str, dict[str, str]] = {code: {} for code, _ in terms}
        for tag, locale in locales.items():
            with force_locale(locale):
                for code, label in terms:
                    labels[code][tag] = str(label)
        return [{"code": code, "labels": labels[code]} for code, _ in terms]

    def terms_of(taxonomy) -> list[tuple[str, Any]]:
        return [(term.code, term.label) for term in taxonomy.terms]

    return {
        "interface_languages": list(locales),
        "services": labelled(terms_of(SERVICE_TYPES)),
        "populations": labelled(terms_of(POPULATIONS)),
        "filters": labelled([(fact.field, fact.label) for fact in FILTER_FACTS]),
        "languages": [
            {
                "code": code,
                "labels": {tag: language_label(code, loc) for tag, loc in locales.items()},
            }
            for code in LANGUAGES.codes
        ],
    }


@dataclass(frozen=True)
class Near:
    """The point a search measured distances from, and the place it was named by."""

    latitude: float
    longitude: float
    place: str | None


@dataclass(frozen=True)
class SearchAnswer:
    """One page of a search, ready to be written by `SearchResponseSchema`."""

    total: int
    page: int
    per_page: int
    results: list[ListingView]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    near: Near | None
    understood: Any


class NearSchema(Schema):
    """Where distances are measured from."""

    latitude = fields.Function(lambda near: round(near.latitude, 5), required=True)
    longitude = fields.Function(lambda near: round(near.longitude, 5), required=True)
    place = fields.String(allow_none=True)


class UnderstoodSchema(Schema):
    """The codes the search read from the words of the query."""

    services = fields.List(fields.String(), required=True)
    populations = fields.Function(
        lambda understood: [code for group in understood.populations for code in group],
        required=True,
    )
    languages = fields.List(fields.String(), required=True)
    flags = fields.List(fields.String(), required=True)
    chips = fields.Function(
        lambda understood: CHIPS.dump(chip_fields(understood)),
        required=True,
        metadata={
            "description": "What was understood, one chip per reading (see ChipSchema); send "
            "a chip's `remove` back as `ignore` to undo it.",
            "type": "array",
            "items": {"type": "object"},
        },
    )


class ChipSchema(Schema):
    """One reading of the query: its kind, code, label, the words that said it, its undo."""

    kind = fields.String(required=True)
    code = fields.String(required=True)
    label = fields.String(required=True)
    words = fields.List(fields.String(), required=True)
    remove = fields.String(required=True)


# Built once: a schema deep-copies its fields when made (~0.4 ms a request here).
CHIPS = ChipSchema(many=True)


class SearchResponseSchema(Schema):
    """A page of results with the exact total, facet counts and a spelling suggestion."""

    class Meta:
        ordered = True

    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    results = fields.Nested(ProviderSummarySchema, many=True, required=True)
    facets = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.Integer()),
        required=True,
        metadata={"description": "Counts per code for service, language and population."},
    )
    suggestion = fields.String(allow_none=True)
    near = fields.Nested(NearSchema, allow_none=True)
    understood = fields.Nested(UnderstoodSchema, allow_none=True)
