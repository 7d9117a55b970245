"""What every OpenAPI description we serve shares: the generator and the error shapes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields

OPENAPI_VERSION = "3.1.0"


class ErrorSchema(Schema):
    """Every error: messages per field (`_schema` for the request as a whole)."""

    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={"description": "Messages per field; `_schema` for the whole request."},
    )


# Error responses by status, each with the same body.
ERRORS = {
    "400": "The request cannot be read (for example JSON nested too deeply).",
    "404": "No such resource.",
    "413": "The request body is larger than the limit.",
    "422": "Invalid parameters: a message for each field.",
    "429": "Too many requests from this client: wait the seconds given in Retry-After.",
}


def new_spec(title: str, version: str, description: str) -> APISpec:
    """An empty OpenAPI description with the error shape and error responses registered."""
    spec = APISpec(
        title=title,
        version=version,
        openapi_version=OPENAPI_VERSION,
        info={"description": description},
        plugins=[MarshmallowPlugin()],
    )
    spec.components.schema("Error", schema=ErrorSchema)
    for status, description in ERRORS.items():
        response: dict[str, Any] = {
            "description": description,
            "content": {"application/json": {"schema": "Error"}},
        }
        if status == "429":
            response["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before trying again.",
                    "schema": {"type": "integer"},
                }
            }
        spec.components.response(f"Error{status}", response)
    return spec


def error_responses(*statuses: str) -> dict[str, str]:
    """References to the shared error responses, for an operation's `responses`."""
    return {status: f"Error{status}" for status in statuses}


BLANK = {"type": "string", "maxLength": 0}
# The input guard (input_guard.py) refuses any request holding a NUL character.
NO_NUL = "^[^\\u0000]*$"


def _parameters(document: dict[str, Any], places: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Every described parameter found in `places` ("path", "query"), with its schema."""
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") in places and "schema" in parameter:
                    yield parameter


def _is(schema: dict[str, Any], kind: str) -> bool:
    """Whether a schema's `type` (one name or a list of them) admits `kind`."""
    kinds = schema.get("type")
    return kinds == kind or (isinstance(kinds, list) and kind in kinds)


def _refuse_nul(schema: dict[str, Any]) -> None:
    if _is(schema, "array"):
        _refuse_nul(schema.get("items", {}))
    elif _is(schema, "string") and not {"enum", "format", "pattern"} & set(schema):
        schema["pattern"] = NO_NUL


def refuse_nul_in_parameters(document: dict[str, Any]) -> dict[str, Any]:
    """Say what the input guard does: a path or query value holding a NUL character is
    refused (422), so free-text parameters admit none."""
    for parameter in _parameters(document, ("path", "query")):
        _refuse_nul(parameter["schema"])
    return document


def _or_blank(schema: dict[str, Any], null: bool) -> dict[str, Any]:
    return {"anyOf": [schema, BLANK, *([{"type": "null"}] if null else [])]}


def accept_blanks(document: dict[str, Any], components: tuple[str, ...] = ()) -> dict[str, Any]:
    """Say what our request schemas' `blanks_are_missing` does: an empty value is no value.

    Forms send untouched inputs as empty strings and JSON clients send null; both are read as
    "not given", so the description must admit them (query parameters and the named
    request-body components).
    """
    for parameter in _parameters(document, ("query",)):
        parameter["schema"] = _or_blank(parameter["schema"], null=False)
    schemas = document.get("components", {}).get("schemas", {})
    for name in components:
        properties = schemas[name].get("properties", {})
        for key, schema in properties.items():
            properties[key] = _or_blank(schema, null=True)
    return document
