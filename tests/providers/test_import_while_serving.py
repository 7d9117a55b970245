"""A site that keeps answering while a large import runs: real gunicorn, real CLI, SQLite.

CI imports IMPORT_WHILE_SERVING_ROWS rows (5000 by default, about a minute on a busy machine);
the same test with 50000 is the issue's figure, run by hand:
    IMPORT_WHILE_SERVING_ROWS=50000 .venv/bin/python -m pytest -q -s \
        tests/providers/test_import_while_serving.py
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ROWS = int(os.environ.get("IMPORT_WHILE_SERVING_ROWS", "5000"))
P95_LIMIT_MS = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'directory.sqlite3'}",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "SECRET_KEY": "test",
        "GEOCODER": "offline",
        "API_RATE_LIMIT": "1000000 per minute",
        "PYTHONWARNINGS": "ignore",
    }


def _flask(env: dict[str, str], *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def _search(port: int) -> tuple[int, float]:
    body = json.dumps({"q": "legal help", "per_page": 20}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/search",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - start) * 1000


@pytest.fixture
def served(tmp_path):
    """A gunicorn server over a SQLite directory with a few hundred listings."""
    env = _environment(tmp_path)
    seed = tmp_path / "seed.csv"
    subprocess.run(
        [sys.executable, "-m", "bench.synthetic", "300", str(seed), "--seed", "1"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    for command in (["providers", "import", str(seed)], ["search", "rebuild"]):
        done = subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", *command],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _search(port)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        yield env, port, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_searches_keep_answering_during_a_large_import(served):
    env, port, folder = served
    data = folder / "import.csv"
    subprocess.run(
        [sys.executable, "-m", "bench.synthetic", str(ROWS), str(data), "--seed", "2"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    before = sorted(_search(port)[1] for _ in range(20))
    lock = Path(f"{folder / 'directory.sqlite3'}.import.lock")
    started = time.monotonic()
    importer = _flask(env, "providers", "import", str(data))
    answers: list[tuple[int, float]] = []
    second = None
    try:
        while importer.poll() is None:
            answer = _search(port)
            holder = lock.read_text() if lock.exists() else ""
            if holder == f"process {importer.pid}":  # the import runs (lock taken, not freed)
                answers.append(answer)
            if second is None and holder == f"process {importer.pid}":
                second = _flask(env, "providers", "import", str(data))
                refused = second.communicate(timeout=120)[0]
            time.sleep(0.05)
    finally:
        output = importer.communicate(timeout=600)[0]
    assert importer.returncode == 0, output
    assert f"{ROWS} row(s) in" in output, output
    elapsed = time.monotonic() - started
    assert second is not None and second.returncode == 1, refused
    assert "another import is running" in refused and "Traceback" not in refused, refused
    statuses = [status for status, _ in answers]
    latencies = sorted(ms for _, ms in answers)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"\n{ROWS} rows imported in {elapsed:.1f} s while {len(answers)} searches answered: "
        f"p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
        f"max {latencies[-1]:.1f} ms, statuses {sorted(set(statuses))} (before the import: "
        f"p50 {statistics.median(before):.1f} ms, p95 {before[-2]:.1f} ms); "
        f"load {os.getloadavg()}"
    )
    assert len(answers) >= 10
    assert all(status < 500 for status in statuses), statuses
    # What an import must not add is waiting on its write lock (seconds, or a 5xx). On a
    # machine already too busy to answer in 200 ms without any import (other work shares
    # its cores), the bar is three times what it answered in just before.
    limit = max(P95_LIMIT_MS, 3 * before[-2])
    assert p95 < limit, f"p95 {p95:.1f} ms (limit {limit:.0f} ms)"
