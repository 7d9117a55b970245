"""The pieces of private logging: routes instead of record paths, error lines without requests."""

from __future__ import annotations

import pytest

from directory.serving.logs import loggable_route, request_summary, scrub_error


@pytest.mark.parametrize(
    ("method", "path", "logged"),
    [("GET", "/es/", "/es/"), ("POST", "/ar/search", "/ar/search"),
     ("GET", "/es/providers/queens-safe-house", "web.detail"),
     ("GET", "/api/v1/providers/queens-safe-house", "api.provider"),
     ("GET", "/static/site.css", "/static/site.css"),
     ("GET", "/en/no-such-page-secret", "-"), ("GET", "/en", "-"), ("GET", "", "-")],
)  # fmt: skip
def test_a_path_naming_a_record_is_logged_as_its_route(app, method, path, logged):
    assert loggable_route(method, path) == logged


@pytest.mark.parametrize(
    "line",
    ['GET /api/v1/search?q="a secret" HTTP/1.1', "GET /api/v1/search?q=a secret HTTP/1.1",
     "GET /api/v1/search#secret", "GET /api/v1/search'secret' HTTP/1.1"],
)  # fmt: skip
def test_nothing_after_the_path_survives(app, line):
    assert request_summary(line) == "GET /api/v1/search"


def test_error_lines_lose_what_they_quote_and_the_address():
    line = "Invalid request from ip=10.1.2.3: Invalid HTTP request line: 'GET /?q=secret x'"
    assert scrub_error(line) == "Invalid request from ip=-: Invalid HTTP request line"
    assert "ip=10.1.2.3" in scrub_error(line, log_addresses=True)
    assert scrub_error("Error handling request GET /es/providers/x?q=secret") == (
        "Error handling request"
    )
    assert scrub_error("Booting worker with pid: 12") == "Booting worker with pid: 12"


def test_an_unhandled_error_logs_the_route_not_the_listing(app, caplog):
    def boom(lang, provider_id):
        raise RuntimeError("boom")

    app.add_url_rule("/<lang>/providers/<provider_id>/boom", "boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/es/providers/queens-safe-house/boom").status_code == 500
    assert "Exception on GET boom" in caplog.text
    assert "queens-safe-house" not in caplog.text
