"""The OpenAPI description of `/api/v1`, generated from the schemas that read and write it."""

from __future__ import annotations

from functools import cache
from typing import Any

from directory.openapi import (
    accept_blanks,
    error_responses,
    new_spec,
    refuse_nul_in_parameters,
)
from directory.search.request import SearchRequestSchema

from .schemas import (
    HoursSchema,
    ProviderDetailSchema,
    SearchResponseSchema,
    TaxonomyResponseSchema,
)

API_VERSION = "1"


def _json(schema: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


@cache
def api_openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of every `/api/v1` endpoint."""
    spec = new_spec(
        "Service-referral directory API",
        API_VERSION,
        "Search listings of services for survivors of human trafficking, and read one listing. "
        "Read-only; CORS is open for GET. Each client may make API_RATE_LIMIT requests "
        "(429 with Retry-After past it). Answers carry ETag and Last-Modified (304 on match).",
    )
    spec.components.schema("SearchRequest", schema=SearchRequestSchema)
    # Listings' hours are written a pattern at a time (schemas.py); this is their one shape.
    spec.components.schema("Hours", schema=HoursSchema)
    spec.components.schema("SearchResponse", schema=SearchResponseSchema)
    spec.components.schema("ProviderDetail", schema=ProviderDetailSchema)
    spec.components.schema("Taxonomy", schema=TaxonomyResponseSchema)
    found = _json("SearchResponse", "A page of results.")
    spec.path(
        path="/api/v1/search",
        operations={
            "get": {
                "summary": "Search listings (the terms travel in the URL: prefer POST).",
                "parameters": [{"in": "query", "schema": SearchRequestSchema}],
                "responses": {"200": found, **error_responses("422", "429")},
            },
            "post": {
                "summary": "Search listings with a JSON body (keeps terms out of URLs and logs).",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "SearchRequest"}},
                },
                "responses": {"200": found, **error_responses("400", "413", "422", "429")},
            },
        },
    )
    spec.path(
        path="/api/v1/providers/{provider_id}",
        operations={
            "get": {
                "summary": "One listing with every public field.",
                "parameters": [
                    {
                        "in": "path",
                        "name": "provider_id",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _json("ProviderDetail", "The listing."),
                    **error_responses("404", "429"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/taxonomy",
        operations={
            "get": {
                "summary": "Every code with its label in every interface language.",
                "responses": {
                    "200": _json("Taxonomy", "The codes and labels."),
                    **error_responses("429"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "summary": "This description.",
                "responses": {
                    "200": _json({"type": "object"}, "OpenAPI 3.1."),
                    **error_responses("429"),
                },
            }
        },
    )
    return accept_blanks(refuse_nul_in_parameters(spec.to_dict()), components=("SearchRequest",))
