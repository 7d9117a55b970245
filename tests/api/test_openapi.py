"""`/api/v1/openapi.json` and `/api/v1/taxonomy`: generated from the schemas that answer."""

from __future__ import annotations

import pytest
from hypothesis import find
from hypothesis.errors import NoSuchExample
from hypothesis.strategies import from_regex

from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES
from directory.search.facts import FILTER_FACTS
from directory.web.i18n import UI_LANGUAGES


def test_openapi_describes_every_endpoint_parameter_and_error(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == {
        "/api/v1/search", "/api/v1/providers/{provider_id}", "/api/v1/taxonomy",
        "/api/v1/openapi.json",
    }  # fmt: skip
    search = spec["paths"]["/api/v1/search"]
    names = {p["name"] for p in search["get"]["parameters"]}
    assert {"q", "service", "near", "radius_km", "page", "per_page"} <= names
    assert {fact.field for fact in FILTER_FACTS} <= names  # new filters flow in by themselves
    assert set(search["post"]["responses"]) >= {"200", "400", "413", "422", "429"}
    assert "404" in spec["paths"]["/api/v1/providers/{provider_id}"]["get"]["responses"]
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["errors"]
    assert "Retry-After" in spec["components"]["responses"]["Error429"]["headers"]
    summary = spec["components"]["schemas"]["ProviderDetail"]["properties"]
    assert {"phones", "hours", "location", "law_enforcement", "source_urls"} <= set(summary)


def test_taxonomy_labels_every_code_in_every_interface_language(client):
    body = client.get("/api/v1/taxonomy").get_json()
    tags = [language.html_lang for language in UI_LANGUAGES]
    assert sorted(body["interface_languages"]) == sorted(tags)
    for key, taxonomy in (("services", SERVICE_TYPES), ("populations", POPULATIONS),
                          ("languages", LANGUAGES)):  # fmt: skip
        assert [t["code"] for t in body[key]] == list(taxonomy.codes)
        assert all(set(t["labels"]) == set(tags) for t in body[key])
    assert [f["code"] for f in body["filters"]] == [fact.field for fact in FILTER_FACTS]
    shelter = body["services"][0]["labels"]
    assert shelter["en"] == "Shelter" and shelter["es"] != "Shelter"
    spanish = next(t for t in body["languages"] if t["code"] == "es")["labels"]
    assert spanish["es"] == "español" and spanish["en"] == "Spanish"


def _free_text(schema: dict) -> list[dict]:
    """The free-text string schemas within a parameter's schema."""
    found = []
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "array":
            found += _free_text(option.get("items", {}))
        elif option.get("type") == "string" and option.get("maxLength") != 0:
            found += [] if {"enum", "format"} & set(option) else [option]
    return found


def test_free_text_parameters_say_a_nul_character_is_refused(client):
    # The input guard answers 422 to any NUL; a description admitting one made the
    # schemathesis contract test fail whenever it generated one.
    patterns = set()
    for path in ("/api/v1/openapi.json", "/hsds/openapi.json"):
        spec = client.get(path).get_json()
        for operation in (op for ops in spec["paths"].values() for op in ops.values()):
            for parameter in operation.get("parameters", []):
                for schema in _free_text(parameter.get("schema", {})):
                    assert "pattern" in schema, parameter["name"]
                    patterns.add(schema["pattern"])
    assert "^[^\\u0000]*$" in patterns and len(patterns) >= 3
    for pattern in patterns:  # what a generator of valid values finds, as schemathesis would
        with pytest.raises(NoSuchExample):
            find(from_regex(pattern, fullmatch=True), lambda value: "\x00" in value)
    assert client.get("/hsds/organizations?search=a%00b").status_code == 422


def test_hours_are_described_once_for_summaries_and_details(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name in ("ProviderSummary", "ProviderDetail"):
        hours = schemas[name]["properties"]["hours"]
        assert hours["allOf"] == [{"$ref": "#/components/schemas/Hours"}]
    described = set(schemas["Hours"]["properties"])
    assert described == {"text", "weekly", "open_24_7", "open_now", "closes_at", "time_zone"}
