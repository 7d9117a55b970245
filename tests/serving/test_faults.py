"""Faults under real processes: a worker killed mid-request, the database going away."""

from __future__ import annotations

import os
import signal
import socket
import time

from .processes import get, gunicorn_server, status_of


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
