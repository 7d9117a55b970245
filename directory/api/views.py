"""`/api/v1`: search (GET or POST) and one listing by id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flask import Blueprint, abort, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from directory.extensions import babel
from directory.providers.services import get_provider
from directory.search.extension import search_service
from directory.search.request import SEARCH_REQUEST, parameters_of
from directory.search.service import UnknownPlace

from .openapi import api_openapi
from .rendered import search_results
from .schemas import (
    ListingView,
    Near,
    ProviderDetailSchema,
    SearchAnswer,
    SearchResponseSchema,
    TaxonomyResponseSchema,
    taxonomy_labels,
)

api = Blueprint("api", __name__, url_prefix="/api/v1")
# Built once: a schema deep-copies its (nested) fields when made, a cost on every request.
SEARCH_RESPONSE = SearchResponseSchema()


@api.route("/search", methods=["GET", "POST"])
def search():
    """Search listings; POST a JSON body to keep the terms out of URLs and logs."""
    raw = request.get_json(silent=True) if request.method == "POST" else parameters_of(request.args)
    if raw is None:
        return jsonify(
            errors={"_schema": ["send a JSON object with Content-Type: application/json"]}
        ), 422
    try:
        asked = SEARCH_REQUEST.load(raw)
    except ValidationError as error:
        return jsonify(errors=error.normalized_messages()), 422
    now = datetime.now(UTC)
    try:
        result = search_service().search(replace(asked, now=now))
    except UnknownPlace as error:
        return jsonify(errors={"near": [str(error)]}), 422
    found = search_results({hit.id: hit.distance_km for hit in result.hits}, now)
    near = None
    if result.origin is not None:
        place = result.place.name if result.place else None
        near = Near(result.origin[0], result.origin[1], place)
    answer = SearchAnswer(
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        results=[],  # written by `search_results` with ProviderSummarySchema
        facets=result.facets,
        suggestion=result.suggestion,
        near=near,
        understood=result.understood,
    )
    written = SEARCH_RESPONSE.dump(answer)
    written["results"] = [found[hit.id] for hit in result.hits if hit.id in found]
    return jsonify(written)


@api.get("/providers/<provider_id>")
def provider(provider_id: str):
    """One listing with every public field."""
    found = get_provider(provider_id)
    if found is None:
        abort(404)
    return jsonify(ProviderDetailSchema().dump(ListingView(found, datetime.now(UTC))))


@api.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """API errors as JSON, never an HTML page."""
    return jsonify(errors={"_schema": [error.description]}), error.code


@api.get("/taxonomy")
def taxonomy():
    """Every code the API uses, with its label in every interface language."""
    # The catalogs Babel has are the interface languages (the API never imports the pages).
    found = sorted(babel.list_translations(), key=lambda locale: str(locale) != "en")
    locales = {str(locale).replace("_", "-"): str(locale) for locale in found}
    return jsonify(TaxonomyResponseSchema().dump(taxonomy_labels(locales)))


@api.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API."""
    return jsonify(api_openapi())
