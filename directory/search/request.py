"""What a person asks the search for, and the one schema that reads it from a form or the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, pre_load, validate

from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, Taxonomy

from .facts import FILTER_FACTS

MILES_TO_KM = 1.609344
# Request parameter -> request attribute, for the any-of code filters.
CODE_PARAMETERS = {"service": "services", "language": "languages", "population": "populations"}
# What `ignore` may name: a reading of the query, as a chip's `remove` gives it.
# No NUL character (input_guard.py refuses them; the API's description says so).
IGNORABLE = r"^(query_language|(services|populations|languages|flags|place|correction):[^\u0000]+)$"
# Parameters a form may repeat.
REPEATED = (*CODE_PARAMETERS, "ignore")


@dataclass(frozen=True)
class SearchRequest:
    """What a person asked for; every filter is optional.

    `facts` holds the yes/no filters asked for, by request field (`free`,
    `exclude_law_enforcement`, ...); code filters are any-of tuples.
    """

    q: str = ""
    services: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    facts: frozenset[str] = field(default_factory=frozenset)
    near: str | None = None
    radius_km: float | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    now: datetime | None = None
    # Readings of the query the person removed (`populations:men`, `place:Flushing`: the
    # `remove` of a chip), and the interface language, which decides typo corrections when
    # the words do not.
    ignore: tuple[str, ...] = ()
    interface_language: str | None = None

    def __post_init__(self) -> None:
        for name in CODE_PARAMETERS.values():  # lists from callers become tuples
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "facts", frozenset(self.facts))
        object.__setattr__(self, "ignore", tuple(self.ignore))

    def asks(self, fact_field: str) -> bool:
        """Whether the yes/no filter with this request field is on."""
        return fact_field in self.facts

    @property
    def radius_mi(self) -> float | None:
        return None if self.radius_km is None else round(self.radius_km / MILES_TO_KM, 3)


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


# One yes/no parameter per declared fact filter (`free`, `exclude_law_enforcement`, ...).
FactFiltersSchema = Schema.from_dict(
    {fact.field: fields.Boolean(load_default=False) for fact in FILTER_FACTS},
    name="FactFiltersSchema",
)


class SearchRequestSchema(FactFiltersSchema):  # type: ignore[misc, valid-type]
    """Search parameters from a query string, a form or a JSON body, loaded as a SearchRequest."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=500))
    service = Codes(SERVICE_TYPES, load_default=list)
    language = Codes(LANGUAGES, load_default=list)
    population = Codes(POPULATIONS, load_default=list)
    near = fields.String(load_default=None, validate=validate.Length(max=200))
    radius_km = fields.Float(load_default=None, validate=validate.Range(min=0.1, max=1000))
    radius_mi = fields.Float(load_default=None, validate=validate.Range(min=0.1, max=620))
    sort = fields.String(
        load_default="relevance", validate=validate.OneOf(["relevance", "distance"])
    )
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))
    ignore = fields.List(
        fields.String(
            validate=[
                validate.Length(max=120),
                validate.Regexp(IGNORABLE, error="not the `remove` of a chip"),
            ]
        ),
        load_default=list,
        validate=validate.Length(max=30),
    )

    @pre_load
    def blanks_are_missing(self, data: Any, **kwargs: Any) -> Any:
        """Treat empty strings (a form's untouched inputs) as not given; one `ignore` is a list."""
        if not isinstance(data, dict):
            raise ValidationError("the body must be a JSON object", "_schema")
        data = {key: value for key, value in data.items() if value not in ("", None)}
        if isinstance(data.get("ignore"), str):
            data["ignore"] = [data["ignore"]]
        return data

    @post_load
    def make_request(self, data: dict[str, Any], **kwargs: Any) -> SearchRequest:
        radius = data["radius_km"]
        if radius is None and data["radius_mi"] is not None:
            radius = data["radius_mi"] * MILES_TO_KM
        return SearchRequest(
            q=data["q"],
            **{name: tuple(data[parameter]) for parameter, name in CODE_PARAMETERS.items()},
            facts=frozenset(fact.field for fact in FILTER_FACTS if data[fact.field]),
            near=data["near"],
            radius_km=radius,
            sort=data["sort"],
            page=data["page"],
            per_page=data["per_page"],
            ignore=tuple(data["ignore"]),
        )


def parameters_of(source, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Query-string or form fields as the schema reads them: lists for the code filters."""
    return {
        key: source.getlist(key) if key in REPEATED else source.getlist(key)[-1]
        for key in source
        if key not in skip
    }


# One instance for every request: making a schema deep-copies its fields (~0.4 ms); loading
# keeps no state on it, so threads share it.
SEARCH_REQUEST = SearchRequestSchema()
