"""The SQLite file locked by another process, or moved away, under a real gunicorn."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from contextlib import closing
from pathlib import Path

import pytest

from .conftest import FIXTURE_CSV
from .processes import flask_command, get, gunicorn_server, raw_request, server_env, status_of

pytestmark = pytest.mark.sqlite

LISTING = "queens-safe-house"
BUSY_TIMEOUT = 4  # SQLITE_BUSY_TIMEOUT_SECONDS: how long a write waits for the lock
SEARCH = (
    b"POST /es/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nq=legal"
)
# Another process takes SQLite's write lock and keeps it until told to let go.
HOLD_WRITE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


def _report(port: int, problem: str) -> bytes:
    """A visitor's problem report on a listing: a write (its form token read first)."""
    form = get(port, f"/es/providers/{LISTING}/report")
    token = re.search(rb'name="form_token" value="([^"]+)"', form)[1].decode()
    body = urllib.parse.urlencode({"form_token": token, "problem": problem}).encode()
    head = (
        f"POST /es/providers/{LISTING}/report HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return raw_request(port, head.encode() + body, timeout=30)


def _reports(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT problem FROM problem_report ORDER BY id"
        return [row[0] for row in connection.execute(query)]


def _assert_outage_page(answer: bytes) -> None:
    assert status_of(answer) == 503 and b"Retry-After: 30" in answer
    assert b"No pudimos acceder a las fichas" in answer
    assert b'href="tel:911"' in answer and b'id="quick-exit"' in answer
    assert b"Traceback" not in answer


def _site(tmp_path: Path, **extra: str) -> tuple[dict[str, str], Path]:
    env = server_env(tmp_path, FIXTURE_CSV, WEB_WORKERS="1", **extra)
    flask_command(env, "setup")
    return env, tmp_path / "db.sqlite3"


def test_a_write_lock_held_elsewhere_leaves_searches_answering_and_writes_a_503(tmp_path):
    env, database = _site(tmp_path, SQLITE_BUSY_TIMEOUT_SECONDS=str(BUSY_TIMEOUT))
    server = gunicorn_server(env, tmp_path / "gunicorn.log").start()
    holder = None
    try:
        assert status_of(_report(server.port, "The number before the lock.")) == 200
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_WRITE_LOCK, str(database)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        search = raw_request(server.port, SEARCH)
        api = get(server.port, "/api/v1/search?q=legal")
        page = get(server.port, f"/es/providers/{LISTING}")
        ready = get(server.port, "/readyz")
        reads_took = time.monotonic() - started
        started = time.monotonic()
        refused = _report(server.port, "The number during the lock.")
        write_took = time.monotonic() - started
        holder.stdin.close()
        holder.wait(timeout=10)
        accepted = _report(server.port, "The number after the lock.")
    finally:
        if holder is not None:
            if holder.poll() is None:
                holder.kill()
                holder.wait(timeout=10)
            holder.stdout.close()
        log = server.stop()
    # WAL: readers never wait for the writer.
    assert status_of(search) == 200 and b"Immigration Legal Clinic" in search
    assert status_of(api) == 200 and b"brooklyn-legal-clinic" in api
    assert status_of(page) == 200 and status_of(ready) == 200
    assert reads_took < BUSY_TIMEOUT  # four reads in less than one wait: none waited
    # The write waited SQLITE_BUSY_TIMEOUT_SECONDS, then said so plainly.
    _assert_outage_page(refused)
    assert BUSY_TIMEOUT - 0.1 < write_took < 3 * BUSY_TIMEOUT
    assert status_of(accepted) == 200
    assert _reports(database) == ["The number before the lock.", "The number after the lock."]
    assert "Traceback" not in log and "Exception on" not in log
    assert "database unavailable (OperationalError)" in log


def _move_away(database: Path, aside: Path) -> None:
    database.rename(aside)


def _move_back(database: Path, aside: Path) -> None:
    aside.rename(database)


def _delete(database: Path, aside: Path) -> None:
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(aside)) as backup:
        source.backup(backup)  # what the operator will restore
    for path in database.parent.glob(f"{database.name}*"):
        if not path.name.endswith(".lock"):
            path.unlink()


def _restore(database: Path, aside: Path) -> None:
    database.write_bytes(aside.read_bytes())  # a new file, not the one connections held


@pytest.mark.parametrize(
    "away, back", [(_move_away, _move_back), (_delete, _restore)], ids=["moved", "deleted"]
)
def test_the_database_file_gone_gives_503s_without_creating_one_then_recovers(tmp_path, away, back):
    env, database = _site(tmp_path)
    aside = tmp_path / "aside.sqlite3"
    server = gunicorn_server(env, tmp_path / "gunicorn.log").start()
    try:
        workers = server.children()
        assert status_of(get(server.port, f"/es/providers/{LISTING}")) == 200
        assert status_of(_report(server.port, "Before it went away.")) == 200
        away(database, aside)
        page = get(server.port, f"/es/providers/{LISTING}")
        listings = get(server.port, "/es/listings")
        api = get(server.port, "/api/v1/search?q=legal")
        ready = get(server.port, "/readyz")
        created = database.exists()
        back(database, aside)
        after = [status_of(get(server.port, f"/es/providers/{LISTING}")) for _ in range(5)]
        written = _report(server.port, "After it came back.")
        ready_after = get(server.port, "/readyz")
        assert server.children() == workers  # recovered with no restart
    finally:
        log = server.stop()
    assert not created  # no empty database made in its place
    _assert_outage_page(page)
    _assert_outage_page(listings)
    assert status_of(api) == 503 and b'"_schema"' in api
    assert status_of(ready) == 503 and b'"database":"unavailable"' in ready.replace(b" ", b"")
    assert after == [200] * 5 and status_of(written) == 200 and status_of(ready_after) == 200
    assert _reports(database) == ["Before it went away.", "After it came back."]
    assert "no such table" not in log and "Traceback" not in log
