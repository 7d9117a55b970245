"""Faults under real processes: a worker killed mid-request, the database going away."""

from __future__ import annotations

import fcntl
import os
import shlex
import shutil
import signal
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from ..postgres import PG_BIN, Cluster, PostgresUnavailable
from .conftest import FIXTURE_CSV
from .processes import flask_command, get, gunicorn_server, raw_request, server_env, status_of

LISTING_PAGE = "/es/providers/queens-safe-house"


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_during_a_request_is_replaced(site, tmp_path):
    server = gunicorn_server({**site, "WEB_WORKERS": "1"}, tmp_path / "gunicorn.log").start()
    try:
        [worker] = server.children()
        # A search whose body is still arriving: the worker is inside the request, reading it.
        hanging = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        hanging.sendall(
            b"POST /en/search HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n\r\nq=zebrasecret"
        )
        time.sleep(0.5)
        os.kill(worker, signal.SIGKILL)
        try:
            cut_off = hanging.recv(1024)
        except ConnectionResetError:
            cut_off = b""
        hanging.close()
        assert cut_off == b""  # that visitor's connection dropped, with no half answer
        replacement = _wait_for(
            lambda: [pid for pid in server.children() if pid != worker], 30, "a new worker"
        )
        assert worker not in server.children() and len(replacement) == 1
        answers = [status_of(get(server.port, "/en/listings")) for _ in range(20)]
        assert answers == [200] * 20
    finally:
        log = server.stop()
    assert f"Worker (pid:{worker}) was sent SIGKILL" in log
    assert "zebrasecret" not in log


def _postmaster_options(data: Path) -> str:
    """The options the cluster was started with (postmaster.opts), to start it the same way."""
    argv = shlex.split((data / "postmaster.opts").read_text())[1:]
    at = argv.index("-D")
    return shlex.join(argv[:at] + argv[at + 2 :])


class Load:
    """Threads sending page and API requests until stopped; each answer's time and status."""

    def __init__(self, port: int, threads: int = 3) -> None:
        self.port, self.answers, self.stopping = port, [], threading.Event()
        self.spanish: list[bytes] = []
        self.english: list[bytes] = []
        self.threads = [threading.Thread(target=self._send) for _ in range(threads)]

    def _send(self) -> None:
        requests = ("/en/listings", "/api/v1/search?q=zebrasecret", LISTING_PAGE)
        while not self.stopping.is_set():
            for target in requests:
                started = time.monotonic()
                try:
                    answer = get(self.port, target, timeout=30)
                except OSError:
                    answer = b""
                took = time.monotonic() - started
                self.answers.append((started, took, status_of(answer), answer))
                if target.startswith("/es/") and b"<html" in answer:
                    self.spanish.append(answer)
                elif target.startswith("/en/") and b"<html" in answer:
                    self.english.append(answer)

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.mark.postgresql
def test_the_database_restarted_under_load_gives_503s_then_recovers(tmp_path):
    try:
        cluster = Cluster(Path(tempfile.mkdtemp(prefix="directory-pg-restart-")))
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL is needed for this test: {error}")
    server = None
    try:
        env = server_env(
            tmp_path, FIXTURE_CSV, DATABASE_URL=cluster.create_database(),
            API_RATE_LIMIT="1000000 per minute",  # the load is one client
        )  # fmt: skip
        flask_command(env, "setup")
        server = gunicorn_server(env, tmp_path / "gunicorn.log").start()
        workers = sorted(server.children())
        for _ in range(10):  # both workers open their index before the clock starts
            assert status_of(get(server.port, "/api/v1/search?q=warm", timeout=60)) == 200
        pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-w", "-t", "60"]
        with Load(server.port) as load:
            time.sleep(1.0)
            cluster._run([*pg_ctl, "-m", "fast", "stop"])
            down_from = time.monotonic()
            time.sleep(3.0)
            up_from = time.monotonic()
            options = _postmaster_options(cluster.data)
            cluster._run([*pg_ctl, "-l", str(cluster.folder / "log"), "-o", options, "start"])
            up_at = time.monotonic()
            _wait_for(
                lambda: any(s == 200 and t > up_at for t, _, s, _ in load.answers[-30:]),
                30, "answers after the restart",
            )  # fmt: skip
            time.sleep(1.0)
        assert sorted(server.children()) == workers  # recovered with no worker restarted
    finally:
        log = server.stop() if server else ""
        cluster.stop()
    statuses = {status for _, _, status, _ in load.answers}
    assert statuses <= {200, 503}, (statuses, log[-3000:])  # never a 500, never a dropped answer
    while_down = [(d, s, a) for t, d, s, a in load.answers if down_from + 0.5 < t < up_from]
    # Pages that read the database say so; search may still answer from the index alone.
    assert while_down and any(s == 503 for _, s, _ in while_down)
    assert all(b"Retry-After: 30" in a for _, s, a in while_down if s == 503)
    assert max(d for d, _, _ in while_down) < 3.0  # failing fast, not hanging
    # Each page in its visitor's language, outage or not.
    assert all(b'<html lang="es"' in a for a in load.spanish)
    assert all(b'<html lang="en"' in a for a in load.english)
    outage_pages = [a for a in load.english if a.startswith(b"HTTP/1.1 503")]
    assert outage_pages and all(b"We could not reach the listings" in a for a in outage_pages)
    assert all(b"No pudimos acceder a las fichas" in a for a in load.spanish if b" 503 " in a[:20])
    assert all(b"tel:911" in a and b"sms:233733" in a for a in outage_pages)
    after = [s for t, _, s, _ in load.answers if t > up_at + 1.0]
    assert after and all(s == 200 for s in after)
    # No request failed with a trace (the index's poller may log its own retries).
    assert "Error handling request" not in log and "Exception on" not in log
    assert "zebrasecret" not in log


def _damage(index: Path, how: str) -> None:
    if how == "missing":
        shutil.rmtree(index)
        return
    generation = (index / os.readlink(index / "current")).resolve()
    for part in generation.iterdir():  # a disk error: every file of the generation garbled
        part.write_bytes(b"\x00garbage")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_damaged_index_is_rebuilt_while_search_answers_a_clear_503(tmp_path, damage):
    env = server_env(tmp_path, FIXTURE_CSV, SEARCH_POLL_SECONDS="0.5", WEB_WORKERS="1")
    flask_command(env, "setup")
    index = Path(env["SEARCH_INDEX_DIR"])
    _damage(index, damage)
    index.mkdir(exist_ok=True)
    search = (
        b"POST /fr/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nq=legal"
    )
    # Another process holds the index's catch-up lock, so the rebuild waits while we look.
    with (index / ".sync.lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        server = gunicorn_server(env, tmp_path / "gunicorn.log").start()
        try:
            page = raw_request(server.port, search)
            api = get(server.port, "/api/v1/search?q=legal")
            listings = get(server.port, "/fr/listings")
            ready = get(server.port, "/readyz")
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
        try:
            rebuilt = _wait_for(
                lambda: status_of(found := raw_request(server.port, search)) == 200 and found,
                60, "the rebuilt index",
            )  # fmt: skip
            ready_after = get(server.port, "/readyz")
        finally:
            log = server.stop()
    assert status_of(page) == 503 and b"Retry-After: 30" in page
    assert "La recherche est en cours de mise à jour".encode() in page
    assert b'href="tel:911"' in page and b'href="tel:+18883737888"' in page
    assert b'id="quick-exit"' in page and b"Traceback" not in page
    assert status_of(api) == 503 and b"rebuilt" in api
    assert status_of(listings) == 200  # pages that need no search keep working
    assert status_of(ready) == 503 and b'"building"' in ready
    assert b"Immigration Legal Clinic" in rebuilt and status_of(ready_after) == 200
    assert "Traceback" not in log and "legal" not in log
