"""Real server processes for the serving tests: `flask run` and gunicorn, spoken to over sockets."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(folder: Path, providers_csv: Path, **extra: str) -> dict[str, str]:
    """The environment of a server on its own database and index in `folder`."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "PROVIDERS_CSV": str(providers_csv),
        "SECRET_KEY": "test",
        **extra,
    }


def flask_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run a `flask` command on the server's database (e.g. `setup`)."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip


def raw_request(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send bytes as they are (a malformed request line too) and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def get(port: int, target: str, headers: str = "", timeout: float = 10) -> bytes:
    """A GET of `target` exactly as written, on a connection that closes after it."""
    line = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{headers}\r\n"
    return raw_request(port, line.encode("latin-1"), timeout)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


@dataclass
class Server:
    """A server process whose output (both streams) goes to a file the test reads."""

    command: list[str]
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def launch(self) -> Server:
        """Start the process without sending it anything (see `start` to wait for it)."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [part.replace("{port}", str(self.port)) for part in self.command],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        return self

    def start(self, timeout: float = 90) -> Server:  # a loaded CI machine imports slowly
        self.launch()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log()}")
            try:
                if status_of(get(self.port, "/healthz", "")) == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not start: {self.log()}")

    def stop(self) -> str:
        """Stop the server (and its workers) and return everything it wrote."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def children(self) -> list[int]:
        """The process ids of the server's direct children (gunicorn's workers)."""
        assert self.process is not None
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found


def flask_server(env: dict[str, str], log_path: Path) -> Server:
    """The development server, as `make run` starts it."""
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--port", "{port}"]
    return Server(command, env, log_path)


def gunicorn_server(env: dict[str, str], log_path: Path) -> Server:
    """gunicorn with the settings `make serve` uses."""
    command = [
        str(GUNICORN), "--config", "python:directory.serving.gunicorn_conf",
        "--bind", "127.0.0.1:{port}", "wsgi:app",
    ]  # fmt: skip
    return Server(command, env, log_path)
