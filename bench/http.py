"""The whole request path: the app under gunicorn on 127.0.0.1, timed through sockets.

    python -m bench.http                      # 100k listings, 1 and 2 workers
    python -m bench.http --size 10000 --requests 300 --seconds 30
    python -m bench.http --size 1000000       # the 1M site (its import takes a while)

Times `POST /api/v1/search` (JSON) and `POST /en/search` (the results page) with the text
queries of bench/queries.py, and prints p50 / p95 / requests per second for each worker
count, beside the same requests made in-process (Flask's test client, no sockets) and the
search service alone. Each phase is bounded in requests and in seconds. The site is made by
bench/site.py with the real CLI; the server is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.queries import make_queries, near_text
from bench.run import summary
from bench.site import OUT, ROOT, SERVE, Site, prepare_site

ENDPOINTS = ("/api/v1/search", "/en/search")
WARM_UP = 40  # requests per worker before timing: each worker opens the index once
START_TIMEOUT_S = 300  # a damaged or missing index is rebuilt first
SETTLE_LIMIT_S = 900  # storing every result of 1M listings at start takes minutes
IDLE_CPU_S = 0.05  # worker CPU in a second of waiting that counts as idle


def api_body(query: dict[str, Any]) -> dict[str, Any]:
    """A bench query as the API's JSON body."""
    body: dict[str, Any] = {"q": query["q"], "sort": query["sort"], "per_page": 20}
    if query["near"] is not None:
        body["near"] = near_text(query)
        body["radius_km"] = query["radius_km"]
    if query["services"]:
        body["service"] = query["services"]
    if query["language"]:
        body["language"] = [query["language"]]
    return body


def request_bytes(path: str, query: dict[str, Any]) -> tuple[bytes, str]:
    """The body and content type a browser or API client would send."""
    body = api_body(query)
    if path.startswith("/api/"):
        return json.dumps(body).encode(), "application/json"
    return urlencode(body, doseq=True).encode(), "application/x-www-form-urlencoded"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


@contextmanager
def serve(env: dict[str, str], log: Path) -> Iterator[tuple[int, subprocess.Popen]]:
    """Serve as `make serve` does (`SERVE`, settings from `env`) on a free loopback port,
    ready to search, until the block ends; its output goes to `log`."""
    port = free_port()
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as handle:
        server = subprocess.Popen(
            [*SERVE, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, start_new_session=True, stdout=handle, stderr=handle,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log}")
            try:
                if _get(port, "/readyz") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn was not ready in {START_TIMEOUT_S} s; see {log}")
            time.sleep(0.2)
        yield port, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _post(port: int, path: str, body: bytes, content_type: str) -> float:
    """One request on its own connection, as from a new visitor; milliseconds."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body, {"Content-Type": content_type})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def drive(
    port: int, path: str, queries: list[dict], clients: int, max_requests: int, max_s: float
) -> dict[str, Any]:
    """`clients` closed-loop clients share the queries; stop at max_requests or max_s."""
    prepared = [request_bytes(path, query) for query in queries]
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(max_requests))
    deadline = time.monotonic() + max_s

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                took = _post(port, path, *prepared[i % len(prepared)])
            except (OSError, RuntimeError) as error:
                with lock:
                    errors.append(str(error))
                continue
            with lock:
                timings.append(took)

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    figures = summary(timings) if timings else {}
    figures.update(requests=len(timings), errors=len(errors), qps=round(len(timings) / elapsed))
    return figures


def _workers(server: subprocess.Popen) -> list[dict[str, str]]:
    """/proc/<pid>/status of each gunicorn worker (the master's children)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(server.pid):
            found.append({**fields, "pid": pid})
    return found


def workers_cpu_s(server: subprocess.Popen) -> float:
    """CPU seconds the workers have used: on a shared machine, less noisy than wall time."""
    total = 0
    for worker in _workers(server):
        with open(f"/proc/{worker['pid']}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def settle(server: subprocess.Popen, limit_s: float = SETTLE_LIMIT_S) -> float:
    """Wait until the workers are idle (each stores the search results it finds missing or
    outdated when it starts: directory/api/renderer.py); returns the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        before = workers_cpu_s(server)
        time.sleep(1.0)
        if workers_cpu_s(server) - before < IDLE_CPU_S:
            break
    return round(time.monotonic() - start, 1)


def in_process(site: Site, queries: list[dict], max_requests: int) -> dict[str, Any]:
    """The same requests through Flask's test client, and the search service alone."""
    os.environ.update(site.env())
    from bench.run import search_request
    from directory import create_app
    from directory.api.renderer import Renderer
    from directory.search.extension import search_service

    app = create_app()
    client = app.test_client()
    # The first request starts the background threads, as in a served worker; time nothing
    # until the renderer has looked at every listing once.
    assert client.get("/healthz").status_code == 200
    found = app.extensions.get(Renderer.name)
    if found is not None:
        found.ready.wait(SETTLE_LIMIT_S)
    out: dict[str, Any] = {}
    for path in ENDPOINTS:
        prepared = [request_bytes(path, query) for query in queries]

        def send(i: int, path: str = path, prepared: list = prepared) -> None:
            body, kind = prepared[i % len(prepared)]
            response = client.post(path, data=body, content_type=kind)
            assert response.status_code == 200, response.status_code

        out[path] = timed(send, WARM_UP, max_requests)
    with app.app_context():
        service = search_service()
        out["search service"] = timed(
            lambda i: service.search(search_request(queries[i % len(queries)])),
            WARM_UP,
            max_requests,
        )
    return out


def timed(call: Callable[[int], None], warm: int, count: int) -> dict[str, Any]:
    """p50 / p95 / qps of `call(i)` for `count` values of i, after `warm` untimed calls."""
    for i in range(warm):
        call(i)
    timings = []
    for i in range(warm, warm + count):
        start = time.perf_counter()
        call(i)
        timings.append((time.perf_counter() - start) * 1000)
    return summary(timings)


def measure(site: Site, worker_counts: list[int], max_requests: int, max_s: float) -> dict:
    """Every endpoint at every worker count, then in-process; returns the figures."""
    queries = make_queries(max(max_requests, 500) + WARM_UP * 2, seed=13)
    figures: dict[str, Any] = {"n": site.n, "load_average_before": os.getloadavg()}
    for workers in worker_counts:
        env = site.env(WEB_WORKERS=str(workers))
        with serve(env, OUT / "http-gunicorn.log") as (port, server):
            row: dict[str, Any] = {"settled_after_s": settle(server)}
            for path in ENDPOINTS:
                # Warm every worker (each opens the index on its first search).
                drive(port, path, queries[-WARM_UP * workers :], workers, WARM_UP * workers, 120)
                cpu = workers_cpu_s(server)
                row[path] = drive(port, path, queries, workers, max_requests, max_s)
                used = workers_cpu_s(server) - cpu
                row[path]["server_cpu_ms"] = round(1000 * used / max(1, row[path]["requests"]), 1)
            row["worker_rss_mb"] = sorted(
                round(int(w["VmRSS"].split()[0]) / 1024) for w in _workers(server)
            )
        figures[f"{workers} worker(s)"] = row
    figures["in-process"] = in_process(site, queries, max_requests)
    figures["load_average_after"] = os.getloadavg()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--requests", type=int, default=500, help="per endpoint and phase")
    parser.add_argument("--seconds", type=float, default=60, help="per endpoint and phase")
    args = parser.parse_args(argv)
    site = prepare_site(args.size)
    figures = measure(site, args.workers, args.requests, args.seconds)
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
