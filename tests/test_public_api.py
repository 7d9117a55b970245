"""The public APIs' HTTP rules: validators and 304, CORS for reads only, limits, bad bodies."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from directory import create_app
from directory.extensions import db
from directory.search.extension import close_search

from .support import app_config


@contextmanager
def _app(tmp_path, **overrides):
    """An app with its tables and these settings, closed after the block."""
    app = create_app(app_config(tmp_path, **overrides))
    with app.app_context():
        db.create_all()
    try:
        yield app
    finally:
        close_search(app)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def limited_app(tmp_path):
    """An app allowing three API requests a minute per client."""
    with _app(tmp_path, API_RATE_LIMIT="3 per minute") as app:
        yield app


@pytest.mark.parametrize("url", ["/api/v1/search?q=shelter", "/hsds/services", "/hsds/"])
def test_reads_carry_validators_and_a_match_is_not_modified(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_a_rebuilt_index_changes_the_validator(app, client):
    from directory.search.extension import build_index

    first = client.get("/hsds/services").headers["ETag"]
    with app.app_context():
        build_index()
    response = client.get("/hsds/services", headers={"If-None-Match": first})
    assert response.status_code == 200
    assert response.headers["ETag"] != first


def test_cors_is_open_for_api_reads_only(client):
    read = client.get("/hsds/taxonomies", headers={"Origin": "https://partner.example"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/search", headers={"Origin": "https://partner.example"})
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    post = client.post("/api/v1/search", json={"q": "shelter"})
    assert "Access-Control-Allow-Origin" not in post.headers
    for page in ("/manage/", "/en/", "/healthz"):
        assert "Access-Control-Allow-Origin" not in client.get(page).headers


def test_each_client_is_rate_limited_with_retry_after(limited_app):
    client = limited_app.test_client()
    for _ in range(3):
        assert client.get("/hsds/taxonomies").status_code == 200
    refused = client.get("/api/v1/search?q=legal")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "_schema" in refused.get_json()["errors"]
    other = limited_app.test_client()
    assert other.get("/hsds/", environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 200


def test_the_api_limit_counts_hashed_keys_in_the_limiters_store_and_spares_pages(limited_app):
    from directory.extensions import limiter

    client = limited_app.test_client()
    for _ in range(3):
        assert client.get("/hsds/taxonomies").status_code == 200
    assert client.post("/api/v1/search", json={"q": "legal"}).status_code == 429
    keys = " ".join(map(str, limiter.storage.storage))
    assert "public-api" in keys and "address:" in keys and "127.0.0.1" not in keys
    assert client.get("/en/").status_code == 200  # pages are not counted against it


def test_flask_limiters_hooks_leave_api_requests_alone(client, monkeypatch):
    """Its before-request hook works out which of its limits apply even to an exempt
    request: the API's requests skip it (check_api_limit counts them); pages do not."""
    from directory.extensions import limiter

    asked = []
    original = limiter.identify_request
    monkeypatch.setattr(limiter, "identify_request", lambda: asked.append(1) or original())
    assert client.post("/api/v1/search", json={"q": "legal"}).status_code == 200
    assert client.get("/hsds/taxonomies").status_code == 200
    assert asked == []
    assert client.get("/en/").status_code == 200
    assert asked == [1]


def test_ratelimit_enabled_false_turns_the_api_limit_off_too(tmp_path):
    from directory.extensions import limiter

    try:
        with _app(tmp_path, API_RATE_LIMIT="1 per minute", RATELIMIT_ENABLED=False) as app:
            client = app.test_client()
            assert [client.get("/hsds/taxonomies").status_code for _ in range(3)] == [200] * 3
    finally:
        limiter.enabled = True  # one limiter serves every app of the process


def test_deeply_nested_json_is_a_400_not_a_500(client):
    body = "[" * 2000 + "]" * 2000
    response = client.post("/api/v1/search", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.get_json()["errors"]["_schema"][0]


def test_an_oversize_body_is_a_413(app, client):
    size = app.config["API_MAX_BODY_BYTES"] + 1
    body = '{"q": "' + "a" * size + '"}'
    response = client.post("/api/v1/search", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["errors"]["_schema"]
