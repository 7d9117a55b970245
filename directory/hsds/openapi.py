"""The OpenAPI description of `/hsds/`, from its parameter schemas and HSDS's own shapes."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from directory.openapi import (
    accept_blanks,
    error_responses,
    new_spec,
    refuse_nul_in_parameters,
)

from .package import SPEC_DIR
from .profile import HSDS_VERSION
from .schemas import (
    OrganizationQuerySchema,
    PageQuerySchema,
    ServiceAtLocationQuerySchema,
    ServiceQuerySchema,
    TaxonomyTermQuerySchema,
)

PAGE_FIELDS = {
    "total_items": {"type": "integer"},
    "total_pages": {"type": "integer"},
    "page_number": {"type": "integer"},
    "size": {"type": "integer"},
    "first_page": {"type": "boolean"},
    "last_page": {"type": "boolean"},
    "empty": {"type": "boolean"},
}
TERM_FIELDS = (
    "id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id",
    "term_uri",
)  # fmt: skip
TERM_FIELDS = (
    "id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id",
    "term_uri",
)  # fmt: skip
# The objects the specification defines (compiled schemas), and the two small ones it does not.
SIMPLE_OBJECTS = {
    "taxonomy": {
        "type": "object",
        "required": ["id", "name", "description"],
        "properties": {
            key: {"type": "string"} for key in ("id", "name", "description", "uri", "version")
        },
    },
    "taxonomy_term": {
        "type": "object",
        "required": ["id", "name", "description"],
        "properties": {key: {"type": "string"} for key in TERM_FIELDS},
    },
}


def compiled(name: str) -> dict[str, Any]:
    """A compiled HSDS schema (`service`, `organization`, `service_at_location`)."""
    return json.loads((SPEC_DIR / "compiled" / f"{name}.json").read_text(encoding="utf-8"))


def _page(item: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [*PAGE_FIELDS, "contents"],
        "properties": {
            **PAGE_FIELDS,
            "contents": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
        },
    }


def _ok(schema: dict[str, Any] | str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _collection(spec, path: str, item: str, query, summary: str) -> None:
    spec.path(
        path=path,
        operations={
            "get": {
                "summary": summary,
                "parameters": [{"in": "query", "schema": query}],
                "responses": {
                    "200": _ok(_page(item), f"A page of {item} objects."),
                    **error_responses("422", "429"),
                },
            }
        },
    )
    spec.path(
        path=f"{path}/{{id}}",
        operations={
            "get": {
                "summary": f"One {item}.",
                "parameters": [
                    {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": _ok(item, f"The {item}."),
                    **error_responses("404", "429"),
                },
            }
        },
    )


@cache
def hsds_openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of the read-only HSDS API."""
    spec = new_spec(
        "HSDS API of the service-referral directory",
        HSDS_VERSION,
        "Open Referral HSDS 3.0 read endpoints. Responses follow the specification's compiled "
        "schemas; see docs/hsds.md for the profile.",
    )
    for name in ("service", "organization", "service_at_location"):
        spec.components.schema(name, component=compiled(name))
    for name, schema in SIMPLE_OBJECTS.items():
        spec.components.schema(name, component=schema)
    spec.path(
        path="/hsds/",
        operations={
            "get": {
                "summary": "This API's HSDS version, profile and OpenAPI description.",
                "responses": {
                    "200": _ok(
                        {
                            "type": "object",
                            "required": ["version", "profile", "openapi_url"],
                            "properties": {
                                "version": {"type": "string"},
                                "profile": {"type": "string", "format": "uri"},
                                "openapi_url": {"type": "string", "format": "uri"},
                            },
                        },
                        "About this API.",
                    ),
                    **error_responses("429"),
                },
            }
        },
    )
    _collection(spec, "/hsds/services", "service", ServiceQuerySchema, "Services.")
    _collection(
        spec, "/hsds/service_at_locations", "service_at_location", ServiceAtLocationQuerySchema,
        "Services at their locations.",
    )  # fmt: skip
    _collection(spec, "/hsds/organizations", "organization", OrganizationQuerySchema, "Orgs.")
    _collection(spec, "/hsds/taxonomies", "taxonomy", PageQuerySchema, "Taxonomies.")
    _collection(spec, "/hsds/taxonomy_terms", "taxonomy_term", TaxonomyTermQuerySchema, "Terms.")
    return accept_blanks(refuse_nul_in_parameters(spec.to_dict()))
