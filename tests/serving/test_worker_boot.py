"""A gunicorn worker follows the database from its boot, whether or not requests reach it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from .conftest import FIXTURE_CSV
from .processes import ROOT, flask_command, get, gunicorn_server, server_env, status_of

# An edit made by another process that never touches the index itself (SEARCH_SYNC off).
EDIT = """
from directory import create_app
from directory.extensions import db
from directory.providers.models import Provider

app = create_app()
with app.app_context():
    db.session.get(Provider, "queens-safe-house").name = "Quillwort House"
    db.session.commit()
"""


def _verify(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "search", "verify"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _listening(port: int) -> bool:
    """Whether the port accepts connections (a connection closed unused is no request)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def test_a_worker_no_request_reaches_still_applies_edits(tmp_path):
    env = server_env(tmp_path, FIXTURE_CSV, SEARCH_POLL_SECONDS="0.5", WEB_WORKERS="1")
    flask_command(env, "setup")
    server = gunicorn_server(env, tmp_path / "gunicorn.log")
    editor = {**env, "SEARCH_SYNC": "false"}
    try:
        server.launch()  # no /healthz probe: no request at all until the end
        deadline = time.monotonic() + 90
        while not (_listening(server.port) and "Booting worker" in server.log()):
            assert time.monotonic() < deadline, server.log()
            time.sleep(0.2)
        subprocess.run([sys.executable, "-c", EDIT], cwd=ROOT, env=editor, check=True, timeout=120)
        stale = _verify(editor)
        deadline = time.monotonic() + 30
        while (checked := _verify(editor)).returncode != 0:
            assert time.monotonic() < deadline, checked.stdout + checked.stderr + server.log()
            time.sleep(0.5)
        log_before_any_request = server.log()
        answer = get(server.port, "/api/v1/search?q=quillwort")
    finally:
        server.stop()
    # Either the worker applied the edit before the first check, or the check saw it pending.
    assert stale.returncode == 0 or "queens-safe-house" in stale.stdout
    assert "The index matches the database." in checked.stdout
    assert '"GET ' not in log_before_any_request  # no request had reached the server
    assert status_of(answer) == 200 and b"queens-safe-house" in answer
