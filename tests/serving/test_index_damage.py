"""An index whose files look valid but were truncated or overwritten, under real gunicorn."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import FIXTURE_CSV
from .processes import flask_command, get, gunicorn_server, raw_request, server_env, status_of

SEARCH = (
    b"POST /fr/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nq=legal"
)


def _file(generation: Path, suffix: str) -> Path:
    [found] = [p for p in generation.iterdir() if p.name.endswith(suffix)]
    return found


def _truncate_postings(generation: Path) -> None:
    path = _file(generation, ".npp")  # our flat postings, mapped by every worker
    os.truncate(path, path.stat().st_size // 2)


def _overwrite_segment(generation: Path) -> None:
    path = _file(generation, ".trm")  # Whoosh's terms: random bytes, the same length
    with open(path, "r+b") as handle:
        handle.write(os.urandom(path.stat().st_size))


DAMAGE = {"postings-truncated": _truncate_postings, "segment-overwritten": _overwrite_segment}


def _generation(index: Path) -> Path:
    return (index / os.readlink(index / "current")).resolve()


@contextmanager
def _catch_up_held(index: Path):
    """Another process holds the index's catch-up lock: the rebuild waits while we look."""
    with (index / ".sync.lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


class Answers:
    """Every status a test's requests got (a 500 or a dropped connection fails the test)."""

    def __init__(self, port: int) -> None:
        self.port, self.statuses = port, []

    def search(self) -> bytes:
        return self._record(raw_request(self.port, SEARCH))

    def get(self, target: str) -> bytes:
        return self._record(get(self.port, target))

    def _record(self, answer: bytes) -> bytes:
        self.statuses.append(status_of(answer))
        return answer

    def until(self, status: int, seconds: float = 60) -> bytes:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            answer = self.search()
            if status_of(answer) == status:
                return answer
            time.sleep(0.1)
        raise AssertionError(f"no {status} within {seconds} s: {self.statuses[-10:]}")


def _assert_unavailable(answers: Answers) -> None:
    """While the index is broken: a translated 503 page, a JSON 503, and not ready."""
    page = answers.until(503)
    assert b"Retry-After: 30" in page and b"Traceback" not in page
    assert "La recherche est en cours de mise à jour".encode() in page
    assert b'href="tel:911"' in page and b'id="quick-exit"' in page
    api = answers.get("/api/v1/search?q=legal")
    assert status_of(api) == 503 and b'"_schema"' in api and b"rebuilt" in api
    ready = answers.get("/readyz")
    assert status_of(ready) == 503 and b'"building"' in ready


def _assert_recovered(answers: Answers, index: Path, damaged: Path, log: str) -> None:
    assert _generation(index) != damaged  # a new generation, built from the database
    assert (damaged / "BROKEN").exists() or not damaged.exists()
    assert set(answers.statuses) <= {200, 503}, answers.statuses  # never a 500 or a drop
    assert "search index damaged, rebuilding it from the database" in log
    assert "Traceback" not in log and "Exception on" not in log and "legal" not in log
    assert "SIGBUS" not in log and "was sent" not in log  # no worker died reading it


def _set_up(tmp_path):
    """A site made by `flask setup` for two workers: its env, index and served generation."""
    env = server_env(tmp_path, FIXTURE_CSV, SEARCH_POLL_SECONDS="0.5", WEB_WORKERS="2")
    flask_command(env, "setup")
    index = Path(env["SEARCH_INDEX_DIR"])
    return env, index, _generation(index)


@pytest.mark.parametrize("damage", DAMAGE)
def test_an_index_damaged_before_the_start_is_rebuilt_while_search_says_503(tmp_path, damage):
    env, index, damaged = _set_up(tmp_path)
    DAMAGE[damage](damaged)
    server = gunicorn_server(env, tmp_path / "gunicorn.log")
    try:
        with _catch_up_held(index):
            server.start()
            answers = Answers(server.port)
            _assert_unavailable(answers)
            assert status_of(answers.get("/fr/listings")) == 200  # pages without search work
        rebuilt = answers.until(200)
        ready = answers.get("/readyz")
    finally:
        log = server.stop()
    assert b"Immigration Legal Clinic" in rebuilt and status_of(ready) == 200
    _assert_recovered(answers, index, damaged, log)


@pytest.mark.parametrize("damage", DAMAGE)
def test_an_index_damaged_under_a_running_server_is_rebuilt_without_a_restart(tmp_path, damage):
    env, index, damaged = _set_up(tmp_path)
    server = gunicorn_server(env, tmp_path / "gunicorn.log").start()
    try:
        workers = sorted(server.children())
        answers = Answers(server.port)
        for _ in range(6):  # the workers have the generation open (its postings mapped)
            assert b"Immigration Legal Clinic" in answers.until(200)
        with _catch_up_held(index):
            DAMAGE[damage](damaged)
            _assert_unavailable(answers)
        rebuilt = answers.until(200)
        ready = answers.get("/readyz")
        assert sorted(server.children()) == workers  # recovered with no worker replaced
    finally:
        log = server.stop()
    assert b"Immigration Legal Clinic" in rebuilt and status_of(ready) == 200
    _assert_recovered(answers, index, damaged, log)
