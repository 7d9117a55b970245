"""HTTP rules of the public read-only APIs (`/api/v1`, `/hsds`): CORS, caching, limits.

Pages and `/manage/` are not touched: CORS is open only for reading these APIs.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache, wraps

from flask import Flask, Response, abort, current_app, g, request
from flask_limiter import Limiter
from limits import RateLimitItem, parse_many

from .extensions import address_key, limiter
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
        response.headers["Retry-After"] = str(g.get("api_retry_after", 60))
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        etag, modified = index_version()
        response.set_etag(etag)
        response.last_modified = modified
        response.headers["Cache-Control"] = "no-cache"  # keep it, but ask each time
    return response


# The scope of the one limit every public API request counts against.
API_SCOPE = "public-api"
# Blueprint names of the public APIs (per process: blueprints are shared by every app).
_LIMITED: set[str] = set()


@lru_cache(maxsize=8)
def _limits(text: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(text))


def check_api_limit() -> None:
    """A 429 with Retry-After once a client has used up API_RATE_LIMIT.

    Checked here, in the limiter's store with its hashed key, rather than by Flask-Limiter
    working out which of its limits apply: that took ~130 us of the ~180 us an API request
    spent in it (bench/README.md). Flask-Limiter still keeps the login and report limits.
    """
    if not _checked_by_us() or not limiter.enabled:  # RATELIMIT_ENABLED
        return
    key, strategy = address_key(), limiter.limiter
    refused = [item for item in _limits(current_app.config["API_RATE_LIMIT"])
               if not strategy.hit(item, API_SCOPE, key)]  # fmt: skip
    if refused:
        reset = max(strategy.get_window_stats(item, API_SCOPE, key).reset_time for item in refused)
        g.api_retry_after = max(1, int(reset - time.time()))
        abort(429, description=f"rate limit exceeded: {refused[0]}")


def _checked_by_us() -> bool:
    """Flask-Limiter leaves the public API alone (check_api_limit counts its requests)."""
    return request.blueprint in _LIMITED


def _not_for_the_api(hook: Callable) -> Callable:
    """`hook`, skipped for the public API's requests (it passes a response through)."""

    @wraps(hook)
    def hooked(*args):
        if _checked_by_us():
            return args[0] if args else None
        return hook(*args)

    return hooked


def _skip_limiter_hooks(app: Flask) -> None:
    """Flask-Limiter's own before- and after-request hooks leave the API alone at once: even
    exempt (its request filter), a request went through its limit bookkeeping (~70 us)."""
    # Its after-request hook is a partial of a private method: matched only if found, so a
    # renamed method leaves every other hook (the security headers among them) untouched.
    inject = getattr(Limiter, "_Limiter__inject_headers", None)
    hooks = ((app.before_request_funcs, lambda f: f == limiter._check_request_limit),
             (app.after_request_funcs,
              lambda f: inject is not None and getattr(f, "func", None) is inject))  # fmt: skip
    for registry, is_limiters in hooks:
        functions = registry.get(None, [])
        registry[None] = [_not_for_the_api(f) if is_limiters(f) else f for f in functions]


def register_public_api(app: Flask, *blueprints) -> None:
    """Install the hooks on `app`; `blueprints` are the API blueprints to rate-limit."""
    if not _LIMITED:
        limiter.request_filter(_checked_by_us)
    _LIMITED.update(blueprint.name for blueprint in blueprints)
    _skip_limiter_hooks(app)
    app.before_request(check_api_limit)
    app.before_request(limit_body_and_read_json)
    app.before_request(answer_not_modified)
    app.after_request(add_public_api_headers)
