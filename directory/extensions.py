"""Unbound Flask extensions, bound to the app in `create_app`."""

import hashlib
import hmac
import sqlite3
import time
from datetime import UTC, datetime

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from . import ratelimits  # noqa: F401  (registers the default rate-limit store's scheme)


class Base(DeclarativeBase):
    """Declarative base for every model."""


db = SQLAlchemy(model_class=Base)
babel = Babel()
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


def address_key() -> str:
    """A rate-limit key for the visitor's address that stores no address.

    The address is hashed with the secret key and today's date, so the limiter's storage
    holds only a value that cannot be turned back into an address and changes every day.
    """
    secret = current_app.config["SECRET_KEY"].encode()
    salt = datetime.now(UTC).strftime("%Y-%m-%d")
    address = (request.remote_addr or "unknown").encode()
    digest = hmac.new(secret, salt.encode() + b"|" + address, hashlib.sha256).hexdigest()
    return f"address:{digest[:32]}"


# One limiter for the whole app (login attempts, problem reports, API rate limits).
limiter = Limiter(key_func=address_key)


def retry_after(default: int = 60) -> int:
    """Seconds until the limit this request broke lets requests through again."""
    current = limiter.current_limit
    return max(1, int(current.reset_at - time.time())) if current else default


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, connection_record) -> None:
    """SQLite ignores foreign keys (and ON DELETE CASCADE) unless asked on each connection."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def configure_sqlite(engine: Engine, busy_timeout_seconds: float) -> None:
    """SQLite pragmas on each new connection: WAL mode and a busy timeout."""
    # WAL: readers (searches) never wait for a writer (an import); the busy timeout makes a
    # writer wait for another writer's commit instead of failing with "database is locked".
    if engine.dialect.name != "sqlite":
        return
    from .sqlite_files import open_existing_only

    open_existing_only(engine)  # a file moved away is a 503 until it is back, not a new file

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, connection_record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
