"""Searches with no place, beside the usual searches near a point, in one process.

    python -m bench.placeless [--size 100000] [--count 500]

Every query of `make_queries` names a place and a radius, so it matches a few hundred
listings at most. An advocate on the phone often asks for a kind of help anywhere ("shelter",
"legal help"): such a search matches a large share of the directory, and scoring and facet
counts work over all of it. This prints, for both mixes on the same site, the search service
alone and `POST /api/v1/search` through Flask's test client: p50 / p95 wall time, CPU per
search, and how many listings the searches matched. The first pass is cold (nothing seen in
this process), the second warm. Run by hand; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from typing import Any

from bench.http import request_bytes, timed
from bench.queries import make_placeless_queries, make_queries
from bench.run import search_request
from bench.site import prepare_site

API = "/api/v1/search"


def _timed(calls: list[Callable[[], Any]]) -> dict[str, Any]:
    started = time.process_time()
    figures = timed(lambda i: calls[i](), 0, len(calls))
    figures["cpu_ms"] = round((time.process_time() - started) / len(calls) * 1000, 2)
    return figures


def measure(size: int, count: int) -> dict[str, Any]:
    """Both mixes through the service and the API, cold then warm, in this process."""
    site = prepare_site(size)
    os.environ.update(site.env(SEARCH_POLL_SECONDS="0"))
    from directory import create_app
    from directory.search.extension import search_service

    app = create_app()
    client = app.test_client()
    mixes = {"near a place": make_queries(count), "no place": make_placeless_queries(count)}
    out: dict[str, Any] = {"n": size, "queries per mix": count}
    with app.app_context():
        service = search_service()
        for name, queries in mixes.items():
            requests = [search_request(q) for q in queries]
            totals = sorted(service.search(r).total for r in requests[:50])
            row: dict[str, Any] = {"matched, median of 50": totals[len(totals) // 2]}
            for phase in ("cold", "warm"):
                calls = [lambda r=r: service.search(r) for r in requests]
                row[f"service, {phase}"] = _timed(calls)
            bodies = [request_bytes(API, q) for q in queries]

            def post(body: bytes, kind: str) -> None:
                response = client.post(API, data=body, content_type=kind)
                assert response.status_code == 200, response.status_code

            row["API, warm"] = _timed([lambda b=b, k=k: post(b, k) for b, k in bodies])
            out[name] = row
    out["load_average"] = os.getloadavg()
    out["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.placeless", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.size, args.count), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
