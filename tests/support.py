"""What every test app shares: its own database and index folder, offline geocoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import postgres


class Databases:
    """The database the suite runs on (`--database`), and the test databases made on it."""

    def __init__(self) -> None:
        self.kind = "sqlite"
        self.server: postgres.Server | None = None
        self.made: list[str] = []

    @property
    def is_postgresql(self) -> bool:
        return self.kind == "postgresql"

    def new_url(self, folder: Path) -> str:
        """A URL to a new, empty database: a file in `folder`, or a PostgreSQL database."""
        if not self.is_postgresql:
            return f"sqlite:///{folder / 'test.sqlite3'}"
        url = self.postgresql().create_database()
        self.made.append(url)
        return url

    def postgresql(self) -> postgres.Server:
        """The suite's PostgreSQL server, started on first use (whatever `kind` is)."""
        if self.server is None:
            self.server = postgres.start()
        return self.server

    def drop(self, url: str) -> None:
        """Drop a PostgreSQL test database now rather than when the cluster is deleted."""
        if self.server is not None and url in self.made:
            self.made.remove(url)
            self.server.drop_database(url)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


DATABASES = Databases()


def app_config(folder: Path, **overrides: Any) -> dict[str, Any]:
    """Configuration for a test app whose data lives in `folder`."""
    if "SQLALCHEMY_DATABASE_URI" not in overrides:
        overrides["SQLALCHEMY_DATABASE_URI"] = DATABASES.new_url(folder)
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "GEOCODER": "offline",
        # Fuzzing tests send hundreds of API requests; the limit has its own test.
        "API_RATE_LIMIT": "100000 per minute",
        # No background sync thread per test app: tests catch up explicitly (or on commit).
        "SEARCH_POLL_SECONDS": 0,
        **overrides,
    }


def release(app) -> None:
    """Close a module-scoped app's index and database connections after its tests."""
    from directory.extensions import db
    from directory.search.extension import close_search

    close_search(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    DATABASES.drop(app.config["SQLALCHEMY_DATABASE_URI"])
