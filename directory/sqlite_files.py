"""A serving process never creates a SQLite database file, and notices when it goes away.

SQLite creates a missing file on connect: with the database moved away or deleted, a
serving process would make an empty one and fail on "no such table" (and a later write
could land in it). Here a process creates the file at most on its first connection, when it
does not exist yet (`flask setup`, `flask db upgrade` and the tests on a fresh folder); once
the file is known, connections open it read-write without creating (`mode=rw`), so a
missing file is an OperationalError (the friendly 503) until it is back. A pooled
connection still holding a file that was moved or replaced is dropped on checkout, so
writes never go to a file that is no longer the database.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.request import pathname2url

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

_INODE = "sqlite_file_inode"


def database_file(engine: Engine) -> Path | None:
    """The file of a SQLite engine (None for in-memory databases and `file:` URIs)."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:"):
        return None  # already a URI: its own mode says what it may create
    return Path(name).resolve()


def open_existing_only(engine: Engine) -> None:
    """Once the database file is known, never create it again; drop connections to a file
    that moved or was replaced."""
    path = database_file(engine)
    if path is None:
        return
    known = {"file": path.exists()}
    uri = f"file:{pathname2url(str(path))}?mode=rw"

    @event.listens_for(engine, "do_connect")
    def _without_creating(dialect, connection_record, cargs, cparams):
        if known["file"]:
            cargs[:] = [uri]
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def _remember_file(dbapi_connection, connection_record):
        known["file"] = True
        connection_record.info[_INODE] = _inode(path)

    @event.listens_for(engine, "checkout")
    def _still_the_file(dbapi_connection, connection_record, proxy):
        if _inode(path) != connection_record.info.get(_INODE):
            # Moved away, deleted or replaced: every pooled connection holds the old one.
            error = DisconnectionError("the SQLite database file moved or was replaced")
            error.invalidate_pool = True
            raise error


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
