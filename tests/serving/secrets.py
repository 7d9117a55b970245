"""Requests whose search words and visited listing must never reach a server's logs."""

from __future__ import annotations

# Each secret word appears in exactly one request; none may appear in any log line.
SECRETS = ("zebrasecret", "quokkasecret", "wombatsecret", "numbatsecret", "dingosecret")
LISTING = "brooklyn-legal-clinic"

# Request lines as a client may send them: plain, with %22, a raw quote, a raw space (a
# malformed line), a quote and a space together; a listing page; a path that matches no route.
REQUEST_LINES = (
    "GET /api/v1/search?q=zebrasecret&near=Flushing HTTP/1.1",
    "GET /api/v1/search?q=%22quokkasecret%22+shelter HTTP/1.1",
    'GET /api/v1/search?q="wombatsecret" HTTP/1.1',
    "GET /api/v1/search?q=numbatsecret shelter HTTP/1.1",
    'GET /en/?q="legal dingosecret" HTTP/1.1',
    f"GET /es/providers/{LISTING} HTTP/1.1",
    "GET /en/nothing-here-quolltrail HTTP/1.1",
)


def request_bytes(line: str) -> bytes:
    return f"{line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1")


def assert_private(log: str) -> None:
    """No search word, no visited listing and no unrouted path is anywhere in the log."""
    for word in (*SECRETS, LISTING, "quolltrail", "Flushing", "shelter"):
        assert word not in log, f"{word!r} leaked into the log:\n{log}"
