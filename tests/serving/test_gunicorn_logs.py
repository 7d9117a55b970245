"""gunicorn (`make serve`) logs `METHOD route`: no search words, address or listing visited."""

from __future__ import annotations

import pytest

from .processes import gunicorn_server, raw_request
from .secrets import LISTING, REQUEST_LINES, assert_private, request_bytes

# Lines gunicorn's parser refuses, which it used to quote in its error log.
MALFORMED = (
    b"GET /api/v1/search?q=numbatsecret shelter HTTP/1.1 extra\r\n\r\n",
    b'GET /api/v1/search?q="legal dingosecret" HTTP/1.1\r\n\r\n',
    b"G\x01T /en/?q=zebrasecret HTTP/1.1\r\n\r\n",
    b"GET /api/v1/search?q=quokkasecret HTTP/9.9\r\n\r\n",
    b"GET /api/v1/search?q=wombatsecret HTTP/1.1\r\nBad Header: x\r\n\r\n",
)


def _serve_and_log(site, tmp_path, **env) -> tuple[list[bytes], str]:
    server = gunicorn_server({**site, **env}, tmp_path / "gunicorn.log").start()
    try:
        answers = [raw_request(server.port, request_bytes(line)) for line in REQUEST_LINES]
        answers += [raw_request(server.port, data) for data in MALFORMED]
        for probe in (b"/healthz", b"/readyz"):
            raw_request(server.port, b"GET " + probe + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        log = server.stop()
    return answers, log


@pytest.mark.parametrize(("threads", "worker"), [("1", "sync"), ("4", "gthread")])
def test_access_and_error_logs_hold_no_query_address_or_listing(site, tmp_path, threads, worker):
    """With either worker: one thread a worker is gunicorn's sync worker, more its gthread."""
    answers, log = _serve_and_log(site, tmp_path, WEB_THREADS=threads)
    assert f"Using worker: {worker}" in log
    assert answers[0].startswith(b"HTTP/1.1 200") and LISTING.encode() in answers[5]
    assert all(answer.startswith(b"HTTP/1.1 400") for answer in answers[-len(MALFORMED) :])
    assert_private(log)
    access = [line for line in log.splitlines() if '"GET ' in line]
    assert sum('"GET /api/v1/search" 200' in line for line in access) >= 3
    assert any('"GET web.detail" 200' in line for line in access), log
    assert any('"GET -" 404' in line for line in access), log
    assert all(' - "GET' in line for line in access), access  # "-" where the address was
    assert "127.0.0.1 " not in log and "ip=127" not in log
    assert "Invalid request from ip=-" in log  # gunicorn's error line, without what it quoted
    assert "/healthz" not in log and "/readyz" not in log  # probes are not logged


def test_an_operator_may_log_visitor_addresses(site, tmp_path):
    _answers, log = _serve_and_log(site, tmp_path, LOG_VISITOR_IPS="true")
    assert_private(log)
    assert '127.0.0.1 "GET /api/v1/search" 200' in log
    assert "Invalid request from ip=127.0.0.1" in log
