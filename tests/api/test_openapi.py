"""`/api/v1/openapi.json` and `/api/v1/taxonomy`: generated from the schemas that answer."""

from __future__ import annotations

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
