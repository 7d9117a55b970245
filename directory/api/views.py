"""`/api/v1`: search (GET or POST) and one listing by id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flask import Blueprint, abort, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from directory.providers.services import active_providers_by_id, get_provider
from directory.search.extension import search_service
from directory.search.request import SearchRequestSchema, parameters_of
from directory.search.service import UnknownPlace

from .schemas import provider_detail, provider_summary

api = Blueprint("api", __name__, url_prefix="/api/v1")


@api.route("/search", methods=["GET", "POST"])
def search():
    """Search listings; POST a JSON body to keep the terms out of URLs and logs."""
    raw = request.get_json(silent=True) if request.method == "POST" else parameters_of(request.args)
    if raw is None:
        return jsonify(
            errors={"_schema": ["send a JSON object with Content-Type: application/json"]}
        ), 422
    try:
        asked = SearchRequestSchema().load(raw)
    except ValidationError as error:
        return jsonify(errors=error.normalized_messages()), 422
    now = datetime.now(UTC)
    try:
        result = search_service().search(replace(asked, now=now))
    except UnknownPlace as error:
        return jsonify(errors={"near": [str(error)]}), 422
    ids = [hit.id for hit in result.hits]
    providers = active_providers_by_id(ids)
    results = [
        provider_summary(providers[hit.id], hit.distance_km, now)
        for hit in result.hits
        if hit.id in providers
    ]
    understood = result.understood
    return jsonify(
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        results=results,
        facets=result.facets,
        suggestion=result.suggestion,
        near=None
        if result.origin is None
        else {
            "latitude": round(result.origin[0], 5),
            "longitude": round(result.origin[1], 5),
            "place": result.place.name if result.place else None,
        },
        understood=None
        if understood is None
        else {
            "services": understood.services,
            "populations": [code for group in understood.populations for code in group],
            "languages": understood.languages,
            "flags": understood.flags,
        },
    )


@api.get("/providers/<provider_id>")
def provider(provider_id: str):
    """One listing with every public field."""
    found = get_provider(provider_id)
    if found is None:
        abort(404)
    return jsonify(provider_detail(found, datetime.now(UTC)))


@api.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """API errors as JSON, never an HTML page."""
    return jsonify(errors={"_schema": [error.description]}), error.code
