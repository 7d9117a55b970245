"""Load test: gunicorn answering searches while an editor changes one listing a second.

    .venv/bin/python -m bench.load                          # 100k listings on SQLite
    .venv/bin/python -m bench.load --database-url postgresql+psycopg://user@host/db

Loopback only and bounded: it starts its own gunicorn on 127.0.0.1, sends at most
--rate x --seconds searches, and stops after --seconds (plus the edits' check). Searches are
sent open-loop at --rate per second (a late answer does not slow the sender, so queueing
shows in the latency, measured from when each search was due). Targets (issue 12): 2 workers
at 100k listings hold >= 300 searches/s with p95 under 50 ms, with 0 errors and 0 lost edits
(every edit is found by a search afterwards). It prints its figures and asserts nothing.

The senders share the server's cores, so each sends bytes made in advance; the CPU each
side used per search is printed (the workers' from /proc). Each search comes on a new
connection, as from many visitors: on 8 kept-alive connections the figure measured how the
kernel had dealt them between the workers (one worker idle while the other still served the
backlog of its senders: 1.2 to 1.6 of 2 cores used), not what the server can do.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import resource
import socket
import subprocess
import time
from typing import Any

from bench.http import api_body, serve, settle, workers_cpu_s
from bench.queries import make_browse_queries, make_queries
from bench.site import FLASK, OUT, ROOT, Site, fingerprint, prepare_site
from bench.synthetic import write_csv
from directory.settings import serving

# An edit writes this word and a letter code into a description; a search for it must find it.
EDIT_MARK = "loadmark"
VISIBLE_WITHIN_SECONDS = 30.0


def _postgresql_site(n: int, url: str) -> Site:
    """bench/site.py's listings imported into PostgreSQL by the same commands (made once)."""
    site = Site(n, OUT / f"site-{n}-{fingerprint()}-postgresql")
    made = site.folder / "made-for.txt"
    if made.exists() and made.read_text() == url:
        return site
    site.folder.mkdir(parents=True, exist_ok=True)
    if not site.csv.exists():
        write_csv(site.csv, n)
    env = site.env(DATABASE_URL=url)
    for command in (
        ("db", "upgrade"),
        ("providers", "import", str(site.csv)),
        ("search", "rebuild"),
    ):
        print("flask", *command, flush=True)
        subprocess.run([*FLASK, *command], cwd=ROOT, env=env, check=True)
    made.write_text(url)
    return site


def prepare(args: argparse.Namespace) -> dict[str, str]:
    """The benchmark site (bench/site.py) on SQLite, or the same listings on PostgreSQL."""
    if args.database_url:
        site = _postgresql_site(args.listings, args.database_url)
        extra = {"DATABASE_URL": args.database_url}
    else:
        site, extra = prepare_site(args.listings), {}
    return site.env(WEB_WORKERS=str(args.workers), WEB_THREADS=str(args.threads), **extra)


def _post(connection: http.client.HTTPConnection, body: dict[str, Any]) -> tuple[int, bytes]:
    connection.request(
        "POST", "/api/v1/search", json.dumps(body), {"Content-Type": "application/json"}
    )
    response = connection.getresponse()
    return response.status, response.read()


def _request(body: dict[str, Any]) -> bytes:
    """A search as the bytes sent (made once: the sender shares the server's 2 cores), on a
    connection of its own."""
    payload = json.dumps(body).encode()
    head = (
        "POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


class _Sender:
    """An HTTP/1.1 client reading just the status and Content-Length (kept alive unless the
    answer closes it): much cheaper than http.client, whose header parsing would take CPU
    from the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buffer = None, b""

    def _more(self) -> None:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise OSError("connection closed")
        self.buffer += chunk

    def send(self, request: bytes) -> int:
        """The status of the answer to `request` (its body read and dropped)."""
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.sendall(request)
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._more()
        head = self.buffer[: end + 2].lower()  # each header line with its CRLF
        start = head.index(b"content-length:") + len(b"content-length:")
        length = int(head[start : head.index(b"\r\n", start)])
        while len(self.buffer) < end + 4 + length:
            self._more()
        self.buffer = self.buffer[end + 4 + length :]
        if b"connection: close" in head:
            self.close()
        return int(head[9:12])


def _client(port: int, bodies: list[dict], slots: range, start: float, rate: float, out) -> None:
    """Send the searches of `slots`, each when it is due; report (late+answer ms, ok) pairs
    and the CPU seconds this sender used."""
    requests = [_request(body) for body in bodies]
    results = []
    sender = _Sender(port)
    for slot in slots:
        due = start + slot / rate
        if (wait := due - time.monotonic()) > 0:
            time.sleep(wait)
        try:
            ok = sender.send(requests[slot % len(requests)]) == 200
        except (OSError, ValueError):
            ok = False
            sender.close()
        results.append(((time.monotonic() - due) * 1000, ok))
    sender.close()
    used = resource.getrusage(resource.RUSAGE_SELF)
    out.put(("searches", results, used.ru_utime + used.ru_stime))


def _letters(number: int) -> str:
    """A number as letters (a word the index keeps whole: digits may split from letters)."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = chr(ord("a") + digit) + word
        if number == 0:
            return word


def _editor(env: dict[str, str], seconds: float, run: str, ready, start, out) -> None:
    """One edit a second through the app's models (the path staff edits take), from `start`:
    the app is made before it (a staff member's session is already running), and only the
    CPU used from then on is reported."""
    os.environ.update(env)
    from directory import create_app
    from directory.extensions import db
    from directory.providers.models import Provider, Status

    app = create_app()
    edits = []
    with app.app_context():
        ids = db.session.scalars(
            db.select(Provider.id).where(Provider.status == Status.active).limit(5000)
        ).all()
        db.session.rollback()
        rng = random.Random(run)
        ready.set()
        while start.value == 0.0:
            time.sleep(0.01)
        time.sleep(max(0.0, start.value - time.monotonic()))
        before = resource.getrusage(resource.RUSAGE_SELF)
        deadline = start.value + seconds
        number = 0
        while time.monotonic() < deadline:
            tick = time.monotonic()
            provider = db.session.get(Provider, rng.choice(ids))
            word = f"{EDIT_MARK}{run}{_letters(number)}"
            provider.description = f"{provider.description} {word}"
            db.session.commit()
            edits.append((provider.id, word))
            number += 1
            time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = used.ru_utime + used.ru_stime - before.ru_utime - before.ru_stime
    out.put(("edits", edits, cpu))


def _visible(port: int, edits: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], float]:
    """The edits a search cannot find within VISIBLE_WITHIN_SECONDS, and how long it waited."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    missing = list(edits)
    while missing and time.monotonic() - started < VISIBLE_WITHIN_SECONDS:
        still = []
        for provider_id, word in missing:
            status, body = _post(connection, {"q": word, "per_page": 50})
            ids = [hit["id"] for hit in json.loads(body)["results"]] if status == 200 else []
            if provider_id not in ids:
                still.append((provider_id, word))
        missing = still
        if missing:
            time.sleep(0.5)
    connection.close()
    return missing, time.monotonic() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run(args: argparse.Namespace) -> None:
    env = prepare(args)
    log = OUT / "load-gunicorn.log"
    with serve(env, log) as (port, server):
        settled_after_s = settle(server)
        text, browse = make_queries(2000), make_browse_queries(500)
        bodies = [api_body(q) for q in text + browse]
        random.Random(3).shuffle(bodies)
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for body in bodies[:200]:  # warm both workers' caches before timing
            _post(warm, body)
        warm.close()
        total = int(args.rate * args.seconds)
        clients = args.clients
        queue: multiprocessing.Queue = multiprocessing.Queue()
        ready, start_at = multiprocessing.Event(), multiprocessing.Value("d", 0.0)
        editor = multiprocessing.Process(
            target=_editor,
            args=(env, args.seconds, _letters(int(time.time()) % 10**6), ready, start_at, queue),
        )
        editor.start()
        if not ready.wait(timeout=120):
            editor.terminate()  # else it waits for a start forever, and so does this exit
            raise RuntimeError("the editor did not start in 120 s")
        start = time.monotonic() + 1.0
        start_at.value = start
        load_before = os.getloadavg()
        server_cpu = workers_cpu_s(server)
        senders = [
            multiprocessing.Process(
                target=_client,
                args=(port, bodies, range(i, total, clients), start, args.rate, queue),
            )
            for i in range(clients)
        ]
        for process in senders:
            process.start()
        outputs = [queue.get(timeout=args.seconds + 120) for _ in range(clients + 1)]
        for process in [*senders, editor]:
            process.join(timeout=30)
        elapsed = time.monotonic() - start
        load_after = os.getloadavg()
        server_cpu = workers_cpu_s(server) - server_cpu
        edits = [edit for kind, items, _ in outputs if kind == "edits" for edit in items]
        timings = [item for kind, items, _ in outputs if kind == "searches" for item in items]
        cpu = {kind: sum(c for k, _, c in outputs if k == kind) for kind in ("searches", "edits")}
        missing, waited = _visible(port, edits)
    latencies = [ms for ms, _ in timings]
    errors = sum(1 for _, ok in timings if not ok)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"listings {args.listings} on {database}; gunicorn {args.workers} workers x "
        f"{args.threads} threads; {clients} client processes; target {args.rate:.0f}/s; "
        f"workers idle {settled_after_s:.0f} s after start"
    )
    print(
        f"searches {len(timings)} in {elapsed:.1f} s = {len(timings) / elapsed:.0f}/s; "
        f"errors {errors}"
    )
    print(
        f"latency ms (from when due): p50 {_percentile(latencies, 0.5):.1f}  "
        f"p95 {_percentile(latencies, 0.95):.1f}  p99 {_percentile(latencies, 0.99):.1f}  "
        f"max {max(latencies):.1f}"
    )
    per = 1000 / max(1, len(timings))
    print(
        f"CPU ms per search: gunicorn workers {server_cpu * per:.1f}, senders "
        f"{cpu['searches'] * per:.1f}; editor {cpu['edits']:.1f} s while timed"
    )
    print(
        f"edits {len(edits)}; lost {len(missing)} (all found by search {waited:.1f} s after "
        f"the load ended)"
    )
    print(
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"({os.cpu_count()} cores); gunicorn log {log}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="default: SQLite in bench/out")
    parser.add_argument("--seconds", type=float, default=60.0, help="load duration (max 600)")
    parser.add_argument("--rate", type=float, default=300.0, help="searches per second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=serving({})["WEB_THREADS"],
        help="per worker (default: WEB_THREADS's; 1 is gunicorn's sync worker)",
    )  # fmt: skip
    parser.add_argument("--clients", type=int, default=8, help="sender processes")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600 or not 0 < args.rate <= 5000:
        parser.error("--seconds must be in (0, 600] and --rate in (0, 5000]")
    run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
