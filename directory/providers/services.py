"""Read-only queries over listings for pages and the API."""

from __future__ import annotations

from sqlalchemy import func, select

from directory.extensions import db

from .models import Provider, Status


def active_providers() -> list[Provider]:
    """Every active listing, by name."""
    return list(
        db.session.scalars(
            select(Provider).where(Provider.status == Status.active).order_by(Provider.name)
        )
    )


def count_providers() -> int:
    """How many listings the database holds, active or not."""
    return db.session.scalar(select(func.count()).select_from(Provider)) or 0


def get_provider(provider_id: str) -> Provider | None:
    """The active listing with this id, or None."""
    provider = db.session.get(Provider, provider_id)
    return provider if provider and provider.status == Status.active else None
