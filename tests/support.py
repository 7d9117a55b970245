"""What every test app shares: its own database file and index folder, offline geocoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def app_config(folder: Path, **overrides: Any) -> dict[str, Any]:
    """Configuration for a test app whose data lives in `folder`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'test.sqlite3'}",
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

    close = getattr(app.extensions["search"].index, "close", None)
    if close:
        close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
