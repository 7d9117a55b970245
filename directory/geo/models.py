"""Cached answers of an online geocoder, so each address is asked about once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from directory.extensions import db


class GeocodeCache(db.Model):
    """One geocoder query and its answer; a miss is cached too (no coordinates)."""

    __tablename__ = "geocode_cache"

    query: Mapped[str] = mapped_column(String(500), primary_key=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))
