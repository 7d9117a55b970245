"""bench/http.py sends what the API and the results page accept, with every filter read,
to the server `make serve` runs."""

from __future__ import annotations

import subprocess

import pytest

from bench import http as bench_http
from bench.http import ENDPOINTS, request_bytes
from bench.queries import make_placeless_queries, make_queries
from bench.site import SERVE, Site
from bench.synthetic import generate
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.search.extension import build_index

from ..providers.rows import csv_text


def test_every_bench_request_is_accepted_by_both_endpoints(client):
    queries = make_queries(40, seed=6)
    assert any(q["services"] for q in queries) and any(q["language"] for q in queries)
    placeless = make_placeless_queries(20, seed=6)
    assert all(q["near"] is None and q["radius_km"] is None for q in placeless)
    queries += placeless
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
    # With no place, the same filters reach every listing having them, nearby or not.
    anywhere = {**narrow, "near": None, "radius_km": None, "sort": "relevance"}
    body, content_type = request_bytes("/api/v1/search", anywhere)
    answer = client.post("/api/v1/search", data=body, content_type=content_type).get_json()
    having = [
        r for r in rows
        if narrow["services"][0] in r["services"].split(";")
        and "es" in r["languages"].split(";") and r.get("status", "active") == "active"
    ]  # fmt: skip
    assert answer["near"] is None and answer["total"] == len(having) >= totals[1]


def test_the_server_timed_is_the_one_make_serve_runs(monkeypatch, tmp_path):
    """Its config (its worker class and threads, private access log, the index follower),
    not bare gunicorn: the figure is what a deployment pays for a request."""
    started = {}

    def popen(command, **options):
        started.update(command=command, env=options["env"])
        raise OSError("not started in this test")

    monkeypatch.setattr(subprocess, "Popen", popen)
    with pytest.raises(OSError), bench_http.serve({"WEB_WORKERS": "2"}, tmp_path / "log"):
        pass
    assert started["command"][: len(SERVE)] == SERVE
    assert "python:directory.serving.gunicorn_conf" in started["command"]
    assert started["env"]["WEB_WORKERS"] == "2"


def test_each_worker_count_is_served_with_that_many_workers(monkeypatch, tmp_path):
    asked = []

    def serve(env, log):
        asked.append(env["WEB_WORKERS"])
        raise OSError("not started in this test")

    monkeypatch.setattr(bench_http, "serve", serve)
    with pytest.raises(OSError):
        bench_http.measure(Site(10, tmp_path), [2], max_requests=1, max_s=1.0)
    assert asked == ["2"]
