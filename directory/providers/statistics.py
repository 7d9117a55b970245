"""Planner statistics: what the database knows of its tables, refreshed after bulk writes."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# Rows SQLite samples per index: approximate statistics in milliseconds, even at 1M listings.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_statistics(session: Session) -> None:
    """Run ANALYZE so the query planner sees the tables as they are now, and commit.

    Without statistics SQLite guesses; an import that grows the listings from 0 to 100k is
    when its guesses go wrong. PostgreSQL's autovacuum gets there too, but only later.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}"))
    session.execute(text("ANALYZE"))
    session.commit()
