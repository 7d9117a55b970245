"""A rebuild killed with SIGKILL leaves no writer, no lock and no half-built generation."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from directory import create_app
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.search.extension import build_index, close_search, search_service
from directory.search.index import BUILDING
from directory.search.request import SearchRequest

from ..support import app_config

SEED = Path(__file__).resolve().parents[2] / "data" / "providers.csv"


def _children(pid: int) -> set[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return {int(c) for t in tasks for c in (t / "children").read_text().split()}
    except OSError:
        return set()


def _writing(pid: int, directory: Path) -> bool:
    """Whether a process has a file of `directory` open (a writer past its start-up)."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
        return any(os.readlink(fd).startswith(str(directory)) for fd in fds)
    except OSError:
        return False


def _writers(pid: int, root: Path) -> set[int]:
    building = list(root.glob(f"{BUILDING}*"))
    if not building:
        return set()
    return {child for child in _children(pid) if _writing(child, building[0])}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _rebuild(env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "search", "rebuild"]
    root = Path(__file__).resolve().parents[2]
    return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def _wait_for(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_killed_rebuild_leaves_nothing_running_and_the_next_start_converges(tmp_path):
    config = app_config(tmp_path, SEARCH_BUILD_PART_SIZE=60)
    app = create_app(config)
    from directory.extensions import db

    with app.app_context():
        db.create_all()
        assert import_providers(SEED, OfflineGeocoder(), "America/New_York").ok
        total = build_index()
    assert total > 300
    db_url, root = config["SQLALCHEMY_DATABASE_URI"], Path(config["SEARCH_INDEX_DIR"])
    serving = app.extensions["search"].index.current_dir()
    env = {**os.environ, "DATABASE_URL": db_url, "SEARCH_INDEX_DIR": str(root),
           "SECRET_KEY": "test", "SEARCH_BUILD_PART_SIZE": "60"}  # fmt: skip

    rebuild = _rebuild(env)
    writers: set[int] = set()
    try:
        writers = _wait_for(lambda: _writers(rebuild.pid, root))
        # Stopped, a writer cannot finish its part and leave on its own: only dying with
        # its parent ends it (SIGKILL ends a stopped process).
        for pid in writers:
            os.kill(pid, signal.SIGSTOP)
        os.kill(rebuild.pid, signal.SIGKILL)
        rebuild.wait(timeout=10)
        # Its writers die with it, and no one holds the write lock.
        _wait_for(lambda: not any(_alive(pid) for pid in writers), seconds=10)
    finally:
        for pid in writers | {rebuild.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        rebuild.communicate()
    with open(root / ".write.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert list(root.glob(f"{BUILDING}*")), "killed mid-build: its directory is still there"
    assert app.extensions["search"].index.current_dir() == serving

    # The next start removes the half-built directory; the old generation still serves.
    restarted = create_app(config)
    assert not list(root.glob(f"{BUILDING}*"))
    with restarted.app_context():
        assert search_service().search(SearchRequest(q="legal")).total > 0
    close_search(restarted)

    # The next rebuild converges.
    again = _rebuild(env)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"Indexed {total} listing(s) in " in out
    assert restarted.extensions["search"].index.current_dir() != serving
    assert not list(root.glob(f"{BUILDING}*"))
    close_search(app)
    with app.app_context():
        db.engine.dispose()
