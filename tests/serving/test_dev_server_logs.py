"""The development server (`make run`) logs `METHOD route`: no search words, address or listing."""

from __future__ import annotations

from .processes import flask_server, raw_request
from .secrets import LISTING, REQUEST_LINES, assert_private, request_bytes


def test_request_lines_are_logged_without_what_follows_the_path(site, tmp_path):
    server = flask_server(site, tmp_path / "server.log").start()
    try:
        answers = [raw_request(server.port, request_bytes(line)) for line in REQUEST_LINES]
        raw_request(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    finally:
        log = server.stop()
    assert answers[0].startswith(b"HTTP/1.1 200") and LISTING.encode() in answers[5]
    assert_private(log)
    requests = [line for line in log.splitlines() if '"GET ' in line or "code 400" in line]
    assert '"GET /api/v1/search" 200' in log  # each request is still logged, by its path...
    assert '"GET web.detail" 200' in log  # ...a listing page by its route's name...
    assert '"GET -" 404' in log  # ...and a path no route matches by nothing at all
    assert "code 400, request not logged" in log  # the malformed line (raw space)
    assert len(requests) >= len(REQUEST_LINES)
    assert all(line.startswith("- - - [") for line in requests), requests  # no address
    assert "/healthz" not in log  # probes are not logged
