"""kill -9 at the worst moments, with real processes: the next start or `flask search sync`
converges, and `flask search verify` finds no difference."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from directory.faults import CRASH_AT

from ..providers.rows import csv_text, good_row
from ..support import DATABASES

ROOT = Path(__file__).resolve().parents[2]
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


@pytest.fixture
def site(tmp_path: Path):
    """The environment of a site on the pass's database, set up as `flask setup` does."""
    env = {
        **os.environ,
        "DATABASE_URL": DATABASES.new_url(tmp_path),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "PROVIDERS_CSV": str(ROOT / "tests" / "fixtures" / "providers_good.csv"),
        "SECRET_KEY": "test",
        "SEARCH_POLL_SECONDS": "0.5",
    }
    env.pop(CRASH_AT, None)
    run(env, "setup")
    return env


def run(env: dict, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    """A `flask` command as a separate process (killed at `crash_at` if given)."""
    if crash_at:
        env = {**env, CRASH_AT: crash_at}
    return subprocess.run(
        [*FLASK, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def listings_file(tmp_path: Path, count: int, word: str) -> Path:
    rows = [
        good_row(id=f"{word}-{n}", name=f"{word.title()} Clinic {n}", organization="Crash Test Aid")
        for n in range(count)
    ]
    path = tmp_path / f"{word}.csv"
    path.write_text(csv_text(*rows))
    return path


def test_an_import_killed_right_after_its_commit_converges_at_sync(site, tmp_path):
    path = listings_file(tmp_path, 120, "wombat")
    killed = run(site, "providers", "import", str(path), crash_at="after-commit")
    assert killed.returncode == -9, killed.stderr
    stale = run(site, "search", "verify")
    assert stale.returncode == 1
    assert "Database: 123 active listing(s); index: 3." in stale.stdout
    assert "120 listing(s) missing from the index" in stale.stdout
    # Importing the same file again finds nothing to change; the record still holds the work.
    again = run(site, "providers", "import", str(path))
    assert "0 created, 0 updated, 120 unchanged" in again.stdout, again.stderr
    synced = run(site, "search", "sync")
    assert synced.returncode == 0, synced.stderr
    verified = run(site, "search", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "The index matches the database." in verified.stdout


def test_a_sync_killed_between_index_and_cursor_converges(site, tmp_path):
    path = listings_file(tmp_path, 5, "numbat")
    site_quiet = {**site, "SEARCH_SYNC": "false"}
    assert run(site_quiet, "providers", "import", str(path)).returncode == 0
    killed = run(site, "search", "sync", crash_at="index-updated")
    assert killed.returncode == -9, killed.stderr
    # The index holds the listings, but its cursor did not move: they are applied again.
    position = run(site, "search", "verify")
    assert position.returncode == 0 and "(5 not applied yet)" in position.stdout, position.stdout
    synced = run(site, "search", "sync")
    assert synced.returncode == 0, synced.stderr
    assert "5 listing(s) reindexed" in synced.stdout
    verified = run(site, "search", "verify")
    assert verified.returncode == 0, verified.stdout
    assert "(0 not applied yet)" in verified.stdout


def test_the_next_start_of_the_site_converges_after_a_killed_import(site, tmp_path):
    path = listings_file(tmp_path, 40, "quoll")
    killed = run(site, "providers", "import", str(path), crash_at="after-commit")
    assert killed.returncode == -9
    port = _free_port()
    server = subprocess.Popen(
        [*FLASK, "run", "--port", str(port), "--no-reload"],
        cwd=ROOT,
        env=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        found = _wait_for_total(f"http://127.0.0.1:{port}", "quoll", 40, timeout=90)
        assert found == 40
    finally:
        server.terminate()
        server.wait(timeout=10)
    verified = run(site, "search", "verify")
    assert verified.returncode == 0, verified.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_total(base: str, words: str, expected: int, timeout: float) -> int | None:
    """Search until `expected` listings match (the start's catch-up), or the time is up."""
    deadline = time.monotonic() + timeout
    total = None
    while time.monotonic() < deadline:
        try:
            response = requests.post(f"{base}/api/v1/search", json={"q": words}, timeout=5)
            if response.status_code == 200:
                total = response.json()["total"]
                if total == expected:
                    return total
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    return total
