"""Query parameters of the HSDS API, as marshmallow schemas (also its OpenAPI description)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, pre_load, validate

from directory.sizes import StoredString

_ZIP = validate.Regexp(r"^\d{5}$", error="use a five-digit ZIP code, e.g. 11201")


class PageQuerySchema(Schema):
    """Paging, shared by every list."""

    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=10_000),
        metadata={"description": "Page number of paginated result."},
    )
    per_page = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=100),
        metadata={"description": "Number of results requested in a single page."},
    )

    @pre_load
    def blanks_are_missing(self, data: Any, **kwargs: Any) -> Any:
        """An empty parameter (`?search=`) is no parameter."""
        return {key: value for key, value in data.items() if value != ""}


class TaxonomyTermQuerySchema(PageQuerySchema):
    """`/hsds/taxonomy_terms`."""

    taxonomy_id = StoredString(
        validate=validate.Length(max=100),
        metadata={"description": "Only terms of this taxonomy."},
    )


class OrganizationQuerySchema(PageQuerySchema):
    """`/hsds/organizations`."""

    search = StoredString(
        validate=validate.Length(max=500),
        metadata={"description": "Organizations with a listing matching this full-text search."},
    )
    full = fields.Boolean(
        load_default=False, metadata={"description": "Nest each organization's services."}
    )


class ServiceQuerySchema(PageQuerySchema):
    """`/hsds/services`."""

    search = StoredString(
        validate=validate.Length(max=500), metadata={"description": "Full text search."}
    )
    taxonomy_term_id = StoredString(
        validate=validate.Length(max=100),
        metadata={"description": "Only services with this taxonomy term."},
    )
    taxonomy_id = StoredString(
        validate=validate.Length(max=100),
        metadata={"description": "Only services with a term of this taxonomy."},
    )
    organization_id = StoredString(
        validate=validate.Length(max=120),
        metadata={"description": "Only services of this organization."},
    )
    modified_after = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={"description": "Only results modified on or after this date-time (ISO 8601)."},
    )
    minimal = fields.Boolean(
        load_default=False,
        metadata={"description": "Only id, name, status and last_modified of each service."},
    )
    full = fields.Boolean(
        load_default=False, metadata={"description": "Return fully nested services."}
    )


class ServiceAtLocationQuerySchema(ServiceQuerySchema):
    """`/hsds/service_at_locations`: also near a ZIP code."""

    postcode = fields.String(
        validate=_ZIP, metadata={"description": "ZIP code of the point to search near."}
    )
    proximity = fields.Float(
        validate=validate.Range(min=1, max=1_000_000),
        metadata={"description": "With postcode: only places within this many meters."},
    )
