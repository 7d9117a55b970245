"""Search terms never reach the access log of a real server process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_served_search_terms_are_not_logged(app, runner, tmp_path):
    runner.invoke(args=["setup"])
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "SECRET_KEY": "test",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/search?q=zebrasecret&near=Flushing"
        # Generous: on a loaded CI machine the app's imports alone can take many seconds.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "GET /api/v1/search" in output  # the request was logged...
    assert "zebrasecret" not in output and "Flushing" not in output  # ...without its terms
