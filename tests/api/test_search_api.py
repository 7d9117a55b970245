"""`/api/v1`: search by GET and POST, listing detail, errors as 422/404, never a 500."""

from __future__ import annotations

import random

import pytest


@pytest.fixture
def api(indexed_app):
    return indexed_app.test_client()


def test_get_search_shape(api):
    body = api.get("/api/v1/search?q=lawyer&service=legal&near=Flushing").get_json()
    assert set(body) >= {"total", "page", "per_page", "results", "facets", "suggestion"}
    first = body["results"][0]
    assert first["id"] == "flushing-legal"
    assert set(first) >= {"id", "name", "organization", "services", "languages", "distance_km",
                          "phones", "location", "hours"}  # fmt: skip
    assert first["distance_km"] < 1
    assert first["phones"][0] == {
        "number": "+17185550101", "display": "(718) 555-0101", "type": "main", "description": None,
    }  # fmt: skip
    assert set(body["facets"]) == {"service", "language", "population"}


def test_post_search_keeps_terms_in_the_body(api):
    response = api.post(
        "/api/v1/search", json={"q": "refugio", "service": ["shelter"], "per_page": 5}
    )
    body = response.get_json()
    assert response.status_code == 200
    assert {r["id"] for r in body["results"]} == {"bronx-shelter-women", "brooklyn-shelter-men"}
    assert body["understood"]["services"] == ["shelter"]


def test_repeatable_and_comma_separated_lists(api):
    repeated = api.get("/api/v1/search?service=medical&service=hotline").get_json()
    commas = api.get("/api/v1/search?service=medical,hotline").get_json()
    assert repeated["total"] == commas["total"] == 2


def test_radius_in_miles_and_sort_by_distance(api):
    body = api.get("/api/v1/search?near=11354&radius_mi=3&sort=distance").get_json()
    assert [r["id"] for r in body["results"]] == ["flushing-legal", "national-line"]
    assert body["results"][1]["distance_km"] is None


def test_confidential_listing_never_reveals_its_address(api, indexed_app):
    body = api.get("/api/v1/providers/bronx-shelter-women").get_json()
    location = body["location"]
    assert location["confidential"] is True and location["approximate"] is True
    assert "address" not in location and "postal_code" not in location
    assert location["area"] == "Bronx, NY"
    public = api.get("/api/v1/providers/manhattan-counseling").get_json()["location"]
    assert public["address"] == "100 W 40th St" and public["latitude"] == 40.754


def test_detail_has_every_public_field_and_no_notes(api):
    body = api.get("/api/v1/providers/si-clinic").get_json()
    assert body["hours"]["text"] == "Mo-Fr 08:00-16:00"
    assert body["no_id_required"] is True
    assert body["last_verified"] is None
    assert body["source_urls"] == ["https://example.org/si-clinic"]
    assert "notes" not in body


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("service=lawyers", "service"),
        ("language=xx", "language"),
        ("page=0", "page"),
        ("per_page=500", "per_page"),
        ("radius_km=-3", "radius_km"),
        ("sort=random", "sort"),
        ("free=perhaps", "free"),
        ("near=Atlantis", "near"),
        ("near=95,200", "near"),
        (f"q={'x' * 501}", "q"),
    ],
)
def test_invalid_parameters_are_422_with_a_message_per_field(api, query, field):
    response = api.get(f"/api/v1/search?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_bad_json_bodies_are_422(api):
    assert api.post("/api/v1/search", data="{", content_type="application/json").status_code == 422
    assert api.post("/api/v1/search", json=[1, 2]).status_code == 422
    assert api.post("/api/v1/search", json={"service": 5}).status_code == 422


def test_unknown_listing_is_404_json(api):
    response = api.get("/api/v1/providers/nope")
    assert response.status_code == 404
    assert "errors" in response.get_json()


def test_random_input_never_gives_a_500(api):
    rng = random.Random(1)
    alphabet = "abc xyz\"'*:()[]{}\\/%&=?#!~^$@+-;,.<>|0123456789ñ律师쉼터محامي🙂\t\n"
    keys = ["q", "service", "language", "population", "near", "radius_km", "radius_mi", "sort",
            "page", "per_page", "free", "open_now", "unknown"]  # fmt: skip
    for _ in range(300):
        params = {
            rng.choice(keys): "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            for _ in range(rng.randint(1, 4))
        }
        get = api.get("/api/v1/search", query_string=params)
        post = api.post("/api/v1/search", json=params)
        assert get.status_code in (200, 422), (params, get.get_data(as_text=True))
        assert post.status_code in (200, 422), (params, post.get_data(as_text=True))


def test_understood_chips_say_what_was_read_and_how_to_undo_it(api):
    body = api.post("/api/v1/search", json={"q": "shelter men brooklyn spanish"}).get_json()
    chips = body["understood"]["chips"]
    assert [c["label"] for c in chips] == ["Shelter", "Men", "Staff speak Spanish", "Near Brooklyn"]
    assert [c["remove"] for c in chips] == [
        "services:shelter", "populations:men", "languages:es", "place:Brooklyn",
    ]  # fmt: skip
    assert {r["id"] for r in body["results"]} == {"brooklyn-shelter-men"}
    undone = api.post(
        "/api/v1/search", json={"q": "shelter men brooklyn spanish", "ignore": "populations:men"}
    ).get_json()
    assert "populations:men" not in [c["remove"] for c in undone["understood"]["chips"]]
    assert "bronx-shelter-women" in {r["id"] for r in undone["results"]}


def test_a_correction_is_a_chip_too(api):
    chips = api.post("/api/v1/search", json={"q": "sheltr"}).get_json()["understood"]["chips"]
    assert {"kind": "correction", "remove": "correction:sheltr"}.items() <= chips[-1].items()
    assert chips[-1]["label"] == "“sheltr” read as “shelter”"


def test_law_enforcement_is_in_results_and_can_be_left_out(api, indexed_app, write_csv):
    from directory.geo.geocoder import OfflineGeocoder
    from directory.providers.importer import import_providers
    from directory.providers.schemas import COLUMNS
    from directory.search.extension import build_index

    from ..providers.rows import csv_text

    police = {
        "id": "precinct", "name": "Police trafficking reporting line", "organization": "Police",
        "services": "hotline", "hotline": "212-555-0199", "law_enforcement": "yes",
        "source_url": "https://example.org/precinct",
    }  # fmt: skip
    with indexed_app.app_context():
        path = write_csv(csv_text(police, columns=COLUMNS), "police.csv")
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()
    every = api.get("/api/v1/search?service=hotline").get_json()["results"]
    flags = {r["id"]: r["law_enforcement"] for r in every}
    assert flags == {"national-line": None, "precinct": True}
    assert [r["id"] for r in every] == ["national-line", "precinct"]  # the service first
    left_out = api.get("/api/v1/search?service=hotline&exclude_law_enforcement=true").get_json()
    assert [r["id"] for r in left_out["results"]] == ["national-line"]
    posted = api.post("/api/v1/search", json={"service": "hotline", "exclude_law_enforcement": 1})
    assert [r["id"] for r in posted.get_json()["results"]] == ["national-line"]
    asked = api.get("/api/v1/search?q=police").get_json()["results"]
    assert asked[0]["id"] == "precinct"
    detail = api.get("/api/v1/providers/precinct").get_json()
    assert detail["law_enforcement"] is True


def test_every_yes_no_filter_is_an_api_parameter(api):
    from directory.search.facts import FILTER_FACTS

    for fact in FILTER_FACTS:
        assert api.get(f"/api/v1/search?{fact.field}=true").status_code == 200
        response = api.get(f"/api/v1/search?{fact.field}=perhaps")
        assert response.status_code == 422 and fact.field in response.get_json()["errors"]


def test_ignore_takes_only_readings_of_the_query(api):
    assert api.get("/api/v1/search?q=shelter&ignore=services:shelter").status_code == 200
    response = api.get("/api/v1/search?q=shelter&ignore=drop%20table")
    assert response.status_code == 422
    assert "ignore" in response.get_json()["errors"]
