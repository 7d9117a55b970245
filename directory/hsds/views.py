"""The read-only HSDS 3.0 API under `/hsds/`."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, jsonify, request, url_for
from marshmallow import Schema, ValidationError
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from directory.extensions import db
from directory.providers.models import Organization, Provider
from directory.search.service import UnknownPlace

from .objects import (
    organization_object,
    service_at_location_object,
    service_object,
    taxonomies,
    taxonomy_terms,
)
from .profile import HSDS_VERSION, PROFILE_URL
from .queries import (
    ACTIVE,
    matching_ids,
    organization_by_hsds_id,
    page_of,
    provider_by_hsds_id,
)
from .schemas import (
    OrganizationQuerySchema,
    PageQuerySchema,
    ServiceAtLocationQuerySchema,
    ServiceQuerySchema,
    TaxonomyTermQuerySchema,
)

hsds_api = Blueprint("hsds_api", __name__, url_prefix="/hsds")


class InvalidParameters(Exception):
    """Raised with marshmallow's messages per parameter; answered with 422."""

    def __init__(self, messages: dict) -> None:
        super().__init__(messages)
        self.messages = messages


def _parameters(schema: Schema) -> dict:
    try:
        return schema.load(request.args.to_dict())
    except ValidationError as error:
        raise InvalidParameters(error.normalized_messages()) from error


def _page(items: list, params: dict):
    contents, fields = page_of(items, params["page"], params["per_page"])
    return contents, fields


def _providers(ids: list[str]) -> list[Provider]:
    found = {p.id: p for p in db.session.scalars(select(Provider).where(Provider.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


@hsds_api.get("/")
def about():
    """Which HSDS version and profile this API serves, and where its OpenAPI description is."""
    return jsonify(
        version=HSDS_VERSION,
        profile=PROFILE_URL,
        openapi_url=url_for("hsds_api.openapi", _external=True),
    )


@hsds_api.get("/services")
def services():
    """A page of services: searched, filtered by term, organization or date."""
    params = _parameters(ServiceQuerySchema())
    ids, fields = _page(matching_ids(params, datetime.now(UTC)), params)
    contents = [
        service_object(p, full=params["full"], minimal=params["minimal"]) for p in _providers(ids)
    ]
    return jsonify(**fields, contents=contents)


@hsds_api.get("/services/<service_id>")
def service(service_id: str):
    """One fully nested service."""
    provider = provider_by_hsds_id(service_id)
    if provider is None:
        abort(404, description="no service has this id")
    return jsonify(service_object(provider))


@hsds_api.get("/service_at_locations")
def service_at_locations():
    """A page of services at their locations; `postcode` and `proximity` search near a ZIP."""
    params = _parameters(ServiceAtLocationQuerySchema())
    try:
        ids = matching_ids(params, datetime.now(UTC))
    except UnknownPlace as error:
        raise InvalidParameters({"postcode": [str(error)]}) from error
    located = [p for p in _providers(ids) if service_at_location_object(p, full=False)]
    page, fields = _page(located, params)
    contents = [service_at_location_object(p, full=params["full"]) for p in page]
    return jsonify(**fields, contents=contents)


@hsds_api.get("/service_at_locations/<sal_id>")
def service_at_location(sal_id: str):
    """One service at its location, fully nested."""
    for provider in db.session.scalars(select(Provider).where(ACTIVE)):
        found = service_at_location_object(provider, full=False)
        if found and found["id"] == sal_id:
            return jsonify(service_at_location_object(provider))
    abort(404, description="no service_at_location has this id")


def _organization_listings(organization: Organization) -> list[Provider]:
    return [p for p in organization.providers if p.status.value == "active"]


@hsds_api.get("/organizations")
def organizations():
    """A page of organizations with active listings; `search` finds them by their listings."""
    params = _parameters(OrganizationQuerySchema())
    ids = set(matching_ids({"search": params.get("search")}, datetime.now(UTC)))
    owners = db.session.scalars(
        select(Organization)
        .where(Organization.id.in_(select(Provider.organization_id).where(Provider.id.in_(ids))))
        .order_by(Organization.id)
    )
    page, fields = _page(list(owners), params)
    contents = [
        organization_object(o, _organization_listings(o), full=params["full"]) for o in page
    ]
    return jsonify(**fields, contents=contents)


@hsds_api.get("/organizations/<organization_id>")
def organization(organization_id: str):
    """One organization with its services."""
    found = organization_by_hsds_id(organization_id)
    if found is None or not _organization_listings(found):
        abort(404, description="no organization has this id")
    return jsonify(organization_object(found, _organization_listings(found)))


@hsds_api.get("/taxonomies")
def taxonomy_list():
    """A page of the taxonomies our terms belong to."""
    params = _parameters(PageQuerySchema())
    contents, fields = _page(taxonomies(), params)
    return jsonify(**fields, contents=contents)


@hsds_api.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str):
    """One taxonomy."""
    for found in taxonomies():
        if found["id"] == taxonomy_id:
            return jsonify(found)
    abort(404, description="no taxonomy has this id")


@hsds_api.get("/taxonomy_terms")
def taxonomy_term_list():
    """A page of taxonomy terms, optionally of one taxonomy."""
    params = _parameters(TaxonomyTermQuerySchema())
    terms = taxonomy_terms()
    if params.get("taxonomy_id"):
        terms = [t for t in terms if t.get("taxonomy_id") == params["taxonomy_id"]]
    contents, fields = _page(terms, params)
    return jsonify(**fields, contents=contents)


@hsds_api.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str):
    """One taxonomy term."""
    for found in taxonomy_terms():
        if found["id"] == term_id:
            return jsonify(found)
    abort(404, description="no taxonomy term has this id")


@hsds_api.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API."""
    from .openapi import hsds_openapi

    return jsonify(hsds_openapi())


@hsds_api.errorhandler(InvalidParameters)
def invalid_parameters(error: InvalidParameters):
    """Bad parameters: 422 with a message per parameter."""
    return jsonify(errors=error.messages), 422


@hsds_api.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Errors as JSON, never an HTML page."""
    return jsonify(errors={"_schema": [error.description]}), error.code
