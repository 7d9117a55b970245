"""A worker's threads share two malloc arenas, unless the operator set MALLOC_ARENA_MAX."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from directory.serving import gunicorn_conf

ROOT = Path(__file__).resolve().parents[2]
# Eight threads allocate at once, then glibc's own report (malloc_info) counts the arenas.
PROBE = """
import ctypes, sys, threading
from directory.memory import limit_malloc_arenas
if sys.argv[1] == "limit":
    limit_malloc_arenas()
barrier = threading.Barrier(8)
def work():
    blocks = [bytearray(100_000) for _ in range(20)]
    barrier.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc = ctypes.CDLL("libc.so.6")
libc.open_memstream.restype = ctypes.c_void_p
text, size = ctypes.c_char_p(), ctypes.c_size_t()
stream = ctypes.c_void_p(libc.open_memstream(ctypes.byref(text), ctypes.byref(size)))
libc.malloc_info(0, stream)
libc.fclose(stream)
print(text.value.decode().count("<heap nr="))
"""

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="glibc's malloc arenas"
)


def _arenas(mode: str, **env: str) -> int:
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return int(done.stdout)


def test_threads_share_two_arenas_once_limited():
    assert _arenas("default") > 2  # glibc's own default: an arena per thread
    assert _arenas("limit") == 2


def test_the_operators_setting_wins():
    assert _arenas("limit", MALLOC_ARENA_MAX="3") == 3


def test_a_worker_limits_its_arenas_before_its_threads_start(monkeypatch):
    calls = []
    monkeypatch.setattr("directory.memory.limit_malloc_arenas", lambda: calls.append("arenas"))
    monkeypatch.setattr(
        "directory.search.extension.start_following", lambda app: calls.append("follower")
    )

    class Worker:
        wsgi = Flask(__name__)

    gunicorn_conf.post_worker_init(Worker())
    assert calls == ["arenas", "follower"]
