"""bench/http.py sends what the API and the results page accept, with every filter read."""

from __future__ import annotations

from bench.http import ENDPOINTS, request_bytes
from bench.queries import make_queries
from bench.synthetic import generate
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.search.extension import build_index

from ..providers.rows import csv_text


def test_every_bench_request_is_accepted_by_both_endpoints(client):
    queries = make_queries(40, seed=6)
    assert any(q["services"] for q in queries) and any(q["language"] for q in queries)
    for path in ENDPOINTS:
        for query in queries:
            body, content_type = request_bytes(path, query)
            response = client.post(path, data=body, content_type=content_type)
            assert response.status_code == 200, (path, query, response.status_code)


def test_filters_and_place_reach_the_search(app, write_csv):
    rows = list(generate(60, seed=2))
    with app.app_context():
        import_providers(
            write_csv(csv_text(*rows, columns=rows[0].keys())), OfflineGeocoder(), "UTC"
        )
        build_index()
    client = app.test_client()
    # Around a Spanish-speaking listing, 100 km: browse, then the same with two filters.
    row = next(r for r in rows if "es" in r["languages"].split(";"))
    near = (float(row["latitude"]), float(row["longitude"]))
    broad = {"q": "", "services": [], "language": None, "near": near, "radius_km": 100,
             "sort": "distance"}  # fmt: skip
    narrow = {**broad, "services": [row["services"].split(";")[0]], "language": "es"}
    totals = []
    for query in (broad, narrow):
        body, content_type = request_bytes("/api/v1/search", query)
        answer = client.post("/api/v1/search", data=body, content_type=content_type).get_json()
        totals.append(answer["total"])
        assert answer["results"][0]["distance_km"] < 30
        if query is narrow:
            for listing in answer["results"]:
                assert narrow["services"][0] in listing["services"]
                assert "es" in listing["languages"]
    assert totals[0] > totals[1] > 0
