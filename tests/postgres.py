"""A throwaway PostgreSQL server for the test suite, and a fresh database per test app."""

from __future__ import annotations

import itertools
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

# Debian's `postgresql` package; PG_BIN overrides it for another layout.
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
# Durability is pointless for a cluster deleted after the run, and it makes tests slow.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class PostgresUnavailable(RuntimeError):
    """The machine cannot run a PostgreSQL server (binaries missing, or it failed to start)."""


def _as_server_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the `postgres` account then."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise PostgresUnavailable("running as root and there is no `postgres` account") from error
    return ["runuser", "-u", "postgres", "--"]


class Server:
    """A PostgreSQL server reached through `admin_url`; `create_database` makes empty ones."""

    def __init__(self, admin_url: str):
        self.admin_url = make_url(admin_url).set(drivername="postgresql+psycopg")
        self._names = itertools.count(1)
        self._prefix = f"test_{os.getpid()}_"

    def _admin(self) -> psycopg.Connection:
        url = self.admin_url
        return psycopg.connect(
            url.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
        )

    def url(self, name: str) -> str:
        """The SQLAlchemy URL of database `name` on this server."""
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def create_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"{self._prefix}{next(self._names)}"
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by `create_database`, closing whatever still uses it."""
        name = make_url(url).database
        if not name or not name.startswith(self._prefix):
            raise ValueError(f"{url} was not made by this test run")
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Nothing to stop on a server the suite did not start."""


class Cluster(Server):
    """A cluster in a temporary folder, listening on a unix socket only, deleted by `stop`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.socket_dir = folder
        run_as = _as_server_user()
        if not (PG_BIN / "initdb").exists():
            raise PostgresUnavailable(f"{PG_BIN}/initdb is missing: apt-get install postgresql")
        if run_as:
            shutil.chown(folder, user="postgres")
        self._run_as = run_as
        # A production cluster sorts text like people do (en_US), not by code point as SQLite
        # and the C locale do: ICU's en-US collation makes ordering assumptions show up here.
        self._run([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                   "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                   "--locale-provider=icu", "--icu-locale=en-US", "--no-sync"])  # fmt: skip
        options = " ".join(
            [f"-k {folder}", "-c listen_addresses=''", "-c max_connections=200"]
            + [f"-c {setting}" for setting in FAST_SETTINGS]
        )
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(folder / "log"),
                   "-o", options, "-w", "-t", "60", "start"])  # fmt: skip
        self._watch(os.getpid())
        super().__init__(f"postgresql+psycopg://postgres@/postgres?host={folder}")

    def _watch(self, pid: int) -> None:
        """Stop the server and delete its folder when the test run ends, even if killed."""
        pg_ctl = [*self._run_as, str(PG_BIN / "pg_ctl"), "-D", str(self.data)]
        stop = shlex.join([*pg_ctl, "-m", "immediate", "-w", "stop"])
        script = (
            f"while kill -0 {pid} 2>/dev/null; do sleep 1; done; "
            f"{stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.folder))}"
        )
        self._watchdog = subprocess.Popen(
            ["sh", "-c", script],
            start_new_session=True,  # outlives a kill of the test run's process group
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _run(self, command: list[str]) -> None:
        result = subprocess.run(
            self._run_as + command, capture_output=True, text=True, check=False, cwd=self.folder
        )
        if result.returncode != 0:
            log = self.folder / "log"
            detail = log.read_text() if log.exists() else ""
            raise PostgresUnavailable(f"{command[0]} failed: {result.stderr}{detail}")

    def stop(self) -> None:
        """Stop the server at once and delete its files (the watchdog has nothing left to do)."""
        self._watchdog.kill()
        self._watchdog.wait()
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    """TEST_POSTGRESQL_URL's server when set (an admin URL), else a new throwaway cluster."""
    existing = os.environ.get("TEST_POSTGRESQL_URL", "").strip()
    if existing:
        return Server(existing)
    folder = Path(tempfile.mkdtemp(prefix="directory-pg-"))
    started = time.monotonic()
    try:
        cluster = Cluster(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    cluster.started_in = time.monotonic() - started
    return cluster
