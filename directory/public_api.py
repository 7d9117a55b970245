"""HTTP rules of the public read-only APIs (`/api/v1`, `/hsds`): CORS, caching, limits.

Pages and `/manage/` are not touched: CORS is open only for reading these APIs.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime

from flask import Flask, Response, abort, current_app, request

from .extensions import limiter
from .search.index import latest_generation

PUBLIC_PREFIXES = ("/api/v1/", "/hsds/")
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Changes with each deploy, so a new OpenAPI description is never answered "not modified".
_STARTED = f"{os.getpid()}-{time.time_ns()}"


def is_public_api(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES) or path == "/hsds"


def index_version() -> tuple[str, datetime]:
    """A validator for what the API serves: the index generation, and when it was written.

    Answers that depend on the clock (open now, closes at) change every minute, so the
    minute is part of the validator too.
    """
    index = current_app.extensions["search"].index
    directory = index.current_dir()
    generation, written = "none", datetime.fromtimestamp(0, UTC)
    if directory is not None:
        number = latest_generation(directory)
        generation = f"{directory.name}:{number}"
        toc = directory / f"_MAIN_{number}.toc"
        if toc.exists():
            written = datetime.fromtimestamp(int(toc.stat().st_mtime), UTC)
    minute = datetime.now(UTC).replace(second=0, microsecond=0)
    tag = hashlib.sha256(f"{_STARTED}|{generation}|{minute.isoformat()}".encode()).hexdigest()
    return tag[:32], max(written, minute)


def limit_body_and_read_json() -> None:
    """Cap request bodies, and turn JSON too deeply nested to parse into a 400, not a 500."""
    if not is_public_api(request.path):
        return
    limit = current_app.config["API_MAX_BODY_BYTES"]
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        abort(413, description=f"the request body is larger than {limit} bytes")
    if request.method == "POST" and request.is_json:
        try:
            request.get_json(silent=True)
        except RecursionError:
            abort(400, description="the JSON body is nested too deeply")


def answer_not_modified() -> Response | None:
    """304 before any work when the client already holds the current answer."""
    if request.method not in ("GET", "HEAD") or not is_public_api(request.path):
        return None
    etag, modified = index_version()
    if etag in request.if_none_match or (
        not request.if_none_match
        and request.if_modified_since is not None
        and request.if_modified_since >= modified
    ):
        response = Response(status=304)
        response.set_etag(etag)
        response.last_modified = modified
        return response
    return None


def add_public_api_headers(response: Response) -> Response:
    """Validators on successful reads, and CORS for reading from any origin."""
    if not is_public_api(request.path):
        return response
    if request.method in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "600"
    if response.status_code == 429 and "Retry-After" not in response.headers:
        current = limiter.current_limit
        wait = int(current.reset_at - time.time()) if current else 60
        response.headers["Retry-After"] = str(max(1, wait))
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        etag, modified = index_version()
        response.set_etag(etag)
        response.last_modified = modified
        response.headers["Cache-Control"] = "no-cache"  # keep it, but ask each time
    return response


def _api_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


# Blueprints are shared by every app the process makes; limit each once.
_LIMITED: set[str] = set()


def rate_limit(*blueprints) -> None:
    """One limit per client (address hashed, never stored) over every public API request."""
    for blueprint in blueprints:
        if blueprint.name not in _LIMITED:
            limiter.shared_limit(_api_limit, scope="public-api")(blueprint)
            _LIMITED.add(blueprint.name)


def register_public_api(app: Flask, *blueprints) -> None:
    """Install the hooks on `app`; `blueprints` are the API blueprints to rate-limit."""
    app.before_request(limit_body_and_read_json)
    app.before_request(answer_not_modified)
    app.after_request(add_public_api_headers)
    rate_limit(*blueprints)
