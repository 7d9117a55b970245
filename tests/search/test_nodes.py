"""Two app nodes (two server processes, each with its own index) on one PostgreSQL database:
edits through one reach the other's searches within a second, a stopped node catches up when
it starts, a node killed during its catch-up converges, and `flask search verify` agrees."""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from directory.faults import CRASH_AT

from ..staff import PASSWORD, PASSWORD_HASH
from .test_crash_convergence import _free_port

ROOT = Path(__file__).resolve().parents[2]
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]
LISTING = "brooklyn-legal-clinic"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Node:
    """One app node: a gunicorn server with its own index directory (or `flask run`)."""

    def __init__(self, name: str, database_url: str, folder: Path) -> None:
        self.name = name
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SEARCH_INDEX_DIR": str(folder / f"index-{name}"),
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": "false",
            "API_RATE_LIMIT": "100000 per minute",
            # Long: a change must reach the other node through NOTIFY, not a poll.
            "SEARCH_POLL_SECONDS": "30",
            "PROVIDERS_CSV": str(ROOT / "tests" / "fixtures" / "providers_good.csv"),
        }
        self.env.pop(CRASH_AT, None)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*FLASK, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )

    def start(self, crash_at: str | None = None) -> None:
        env = {**self.env, CRASH_AT: crash_at} if crash_at else self.env
        if crash_at:  # one process, so the crash kills the node (a worker would be respawned)
            command = [*FLASK, "run", "--port", str(self.port), "--no-reload"]
        else:
            command = [
                sys.executable, "-m", "gunicorn", "--workers", "1", "--threads", "4",
                "--bind", f"127.0.0.1:{self.port}", "--no-control-socket", "wsgi:app",
            ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:  # never leave a node running past its test
                self.process.kill()
                self.process.wait(timeout=20)
        self.process = None

    def total(self, words: str) -> int | None:
        """How many listings this node's search finds (None while it cannot answer)."""
        try:
            response = requests.post(f"{self.base}/api/v1/search", json={"q": words}, timeout=30)
        except requests.ConnectionError:
            return None
        return response.json()["total"] if response.status_code == 200 else None

    def wait_for(self, words: str, expected: int, timeout: float) -> float:
        """Seconds until this node finds `expected` listings for `words` (fails past timeout)."""
        started = time.monotonic()
        found = None
        while time.monotonic() - started < timeout:
            found = self.total(words)
            if found == expected:
                return time.monotonic() - started
            time.sleep(0.05)
        pytest.fail(f"node {self.name} found {found} for {words!r}, not {expected}")


def _sign_in(node: Node) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{node.base}/manage/login").text
    response = session.post(
        f"{node.base}/manage/login",
        data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": _token(page)},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:300]
    return session


def _token(page: str) -> str:
    return html.unescape(_CSRF.search(page).group(1))


def _edit_name(node: Node, session: requests.Session, name: str) -> None:
    """Rename the listing through the node's edit form, as an admin (applied at once)."""
    path = f"{node.base}/manage/listings/{LISTING}/edit"
    page = session.get(path).text
    fields = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"', page))
    fields |= dict(
        re.findall(r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page)
    )
    fields = {key: html.unescape(value) for key, value in fields.items()}
    fields["version"] = html.unescape(re.search(r'name="version" value="([^"]+)"', page)[1])
    fields["csrf_token"] = _token(page)
    fields["name"] = name
    response = session.post(path, data=fields, allow_redirects=False)
    assert response.status_code in (302, 303), response.text[:500]


@pytest.fixture
def nodes(postgresql_url, tmp_path):
    a, b = Node("a", postgresql_url, tmp_path), Node("b", postgresql_url, tmp_path)
    setup = a.flask("setup")  # migrations on PostgreSQL, the seed listings, A's index
    assert setup.returncode == 0, setup.stderr
    engine = create_engine(postgresql_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user_account (email, role, password_hash, session_token, active,"
                " created_at) VALUES ('admin@example.org', 'admin', :hash, 'x', true, now())"
            ),
            {"hash": PASSWORD_HASH},
        )
    engine.dispose()
    a.start()
    b.start()
    try:
        a.wait_for("legal", 1, timeout=30)
        b.wait_for("legal", 1, timeout=60)  # B built its index in the background at start
        yield a, b
    finally:
        a.stop()
        b.stop()


def _edit_many(database_url: str, folder: Path, count: int, word: str) -> None:
    """`count` separate committed edits (as other nodes' editors would make them)."""
    from directory import create_app
    from directory.extensions import db
    from directory.providers.models import Provider

    from ..support import app_config

    app = create_app(app_config(folder, SQLALCHEMY_DATABASE_URI=database_url))
    app.config["SEARCH_SYNC"] = False  # this process has no index of its own
    with app.app_context():
        ids = sorted(db.session.scalars(db.select(Provider.id)))
        for n in range(count):
            provider = db.session.get(Provider, ids[n % len(ids)])
            provider.description = f"{word} {n} " + (provider.description or "")[-200:]
            db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_an_edit_through_one_node_is_searchable_on_the_other_within_a_second(nodes):
    a, b = nodes
    session = _sign_in(a)
    for word in ("Zanzibar", "Quetzal", "Marimba"):
        _edit_name(a, session, f"{word} Immigration Clinic")
        elapsed = b.wait_for(word, 1, timeout=5)
        assert elapsed < 1.0, f"node B saw the edit after {elapsed:.2f} s"
        assert a.total(word) == 1
    for node in (a, b):
        verified = node.flask("search", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_stopped_node_catches_up_on_start_and_after_a_crash(nodes, tmp_path):
    a, b = nodes
    url = a.env["DATABASE_URL"]
    b.stop()
    _edit_many(url, tmp_path, 100, "wallaby")
    assert a.wait_for("wallaby", 3, timeout=10) < 10  # A follows through NOTIFY
    b.start()
    b.wait_for("wallaby", 3, timeout=30)
    assert b.flask("search", "verify").returncode == 0

    # Killed between its index commit and its cursor write, then restarted: it converges.
    b.stop()
    _edit_many(url, tmp_path, 10, "kookaburra")
    b.start(crash_at="index-updated")
    deadline = time.monotonic() + 60
    while b.process.poll() is None and time.monotonic() < deadline:
        b.total("anything")  # the first request starts its catch-up
        time.sleep(0.2)
    assert b.process.wait(timeout=1) == -signal.SIGKILL
    behind = b.flask("search", "verify")  # the index holds the edits; its cursor does not
    assert "(10 not applied yet)" in behind.stdout, behind.stdout
    b.start()
    b.wait_for("kookaburra", 3, timeout=30)
    for node in (a, b):
        verified = node.flask("search", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "(0 not applied yet)" in verified.stdout
