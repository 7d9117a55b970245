"""One import at a time: a second one is refused at once, with who holds the lock."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

# The PostgreSQL advisory lock key of imports (any constant shared by every node).
ADVISORY_KEY = 0x1D1C7
LOCK_NAME = "import.lock"


class ImportRunning(RuntimeError):
    """Another import into the same database has not finished."""


def lock_path(engine: Engine, instance_path: Path) -> Path:
    """Next to a SQLite database file (every app using it agrees); else the instance folder."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        return Path(database).with_name(Path(database).name + "." + LOCK_NAME)
    return instance_path / LOCK_NAME


@contextmanager
def import_lock(engine: Engine, instance_path: Path) -> Iterator[None]:
    """Hold the import lock for the block; raise ImportRunning if another import holds it."""
    path = lock_path(engine, instance_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise ImportRunning(
                f"another import is running ({holder}); wait for it to finish, then try again"
            ) from None
        handle.truncate(0)
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            with _advisory_lock(engine):
                yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, imports from other machines are refused too (a session-level lock)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}):
            raise ImportRunning(
                "another import is running on another machine; wait for it to finish"
            )
        try:
            yield
        finally:
            connection.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            connection.commit()
