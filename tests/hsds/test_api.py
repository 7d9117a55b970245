"""The read-only HSDS API: every endpoint answers in the specification's shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from directory.hsds.profile import stable_id, taxonomy_id, term_id

COMPILED = Path(__file__).parents[2] / "directory" / "hsds" / "spec" / "compiled"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
             "empty", "contents"}  # fmt: skip
CLINIC = stable_id("service", "brooklyn-legal-clinic")
SHELTER = stable_id("service", "queens-safe-house")


def check(instance: dict, name: str) -> None:
    """Fail with every error if `instance` does not match compiled/<name>.json."""
    schema = json.loads((COMPILED / f"{name}.json").read_text())
    errors = list(
        Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(instance)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def page(client, url: str, item: str | None = None) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == PAGE_KEYS
    assert body["size"] == len(body["contents"])
    for content in body["contents"]:
        if item:
            check(content, item)
    return body


@pytest.fixture
def client(listed_app):
    return listed_app.test_client()


def test_about_names_version_profile_and_openapi(client):
    body = client.get("/hsds/").get_json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/hsds/openapi.json")
    assert client.get("/hsds/openapi.json").get_json()["openapi"] == "3.1.0"


def test_services_page_and_one_service_match_the_compiled_schema(client):
    body = page(client, "/hsds/services?per_page=2&full=true", "service")
    assert (body["total_items"], body["total_pages"], body["first_page"]) == (3, 2, True)
    assert body["last_page"] is False and body["empty"] is False
    assert page(client, "/hsds/services?per_page=2&page=2")["last_page"] is True
    service = client.get(f"/hsds/services/{CLINIC}").get_json()
    check(service, "service")
    assert service["name"] == "Immigration Legal Clinic"
    assert service["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "11201"
    assert client.get("/hsds/services/brooklyn-legal-clinic").get_json()["id"] == CLINIC


def test_confidential_service_shows_no_address(client):
    service = client.get(f"/hsds/services/{SHELTER}").get_json()
    check(service, "service")
    (place,) = service["service_at_locations"]
    assert place["location"]["addresses"] == []
    assert "11373" not in json.dumps(service)


def test_search_goes_through_the_search_service(client):
    body = page(client, "/hsds/services?search=shelter&minimal=true", "service")
    assert [s["id"] for s in body["contents"]] == [SHELTER]
    assert set(body["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_filters_by_term_organization_and_date(client):
    shelter_term = term_id("directory-service-types", "shelter")
    body = page(client, f"/hsds/services?taxonomy_term_id={shelter_term}")
    assert [s["id"] for s in body["contents"]] == [SHELTER]
    organization = stable_id("organization", "example-legal-aid")
    body = page(client, f"/hsds/services?organization_id={organization}")
    assert [s["id"] for s in body["contents"]] == [CLINIC]
    assert page(client, "/hsds/services?modified_after=2999-01-01T00:00:00Z")["empty"] is True
    assert page(client, "/hsds/services?modified_after=2000-01-01")["total_items"] == 3


def test_service_at_locations_near_a_postcode(client):
    body = page(client, "/hsds/service_at_locations?full=true", "service_at_location")
    assert body["total_items"] == 2  # the national hotline has no place
    near = page(client, "/hsds/service_at_locations?postcode=11201&proximity=3000")
    assert [s["service_id"] for s in near["contents"]] == [CLINIC]
    one = client.get(f"/hsds/service_at_locations/{near['contents'][0]['id']}").get_json()
    check(one, "service_at_location")


def test_organizations_taxonomies_and_terms(client):
    body = page(client, "/hsds/organizations?full=true", "organization")
    assert body["total_items"] == 3
    one = client.get(f"/hsds/organizations/{body['contents'][0]['id']}").get_json()
    check(one, "organization")
    taxonomies = page(client, "/hsds/taxonomies")["contents"]
    assert taxonomy_id("directory-populations") in {t["id"] for t in taxonomies}
    terms = page(
        client,
        f"/hsds/taxonomy_terms?per_page=100&taxonomy_id={taxonomy_id('directory-service-types')}",
    )
    assert {t["code"] for t in terms["contents"]} >= {"shelter", "legal", "hotline"}
    term = client.get(f"/hsds/taxonomy_terms/{term_id('directory-populations', 'youth')}")
    assert term.get_json()["code"] == "youth"


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/hsds/services?page=0", 422, "page"),
        ("/hsds/services?per_page=1000", 422, "per_page"),
        ("/hsds/services?modified_after=yesterday", 422, "modified_after"),
        ("/hsds/service_at_locations?postcode=99999", 422, "postcode"),
        ("/hsds/services/unknown", 404, "_schema"),
        ("/hsds/organizations/unknown", 404, "_schema"),
        ("/hsds/taxonomy_terms/unknown", 404, "_schema"),
    ],
)
def test_errors_name_the_parameter(client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    assert field in response.get_json()["errors"]
