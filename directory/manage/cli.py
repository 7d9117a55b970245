"""`flask providers stale [--days N]`: listings to re-verify, with who can verify them."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.extensions import db

from .freshness import stale_after_days, stale_listings


@click.command("stale")
@click.option("--days", type=click.IntRange(min=0), help="Default: STALE_AFTER_DAYS (365).")
@with_appcontext
def stale_command(days: int | None) -> None:
    """List active listings not verified for DAYS days (or never), with their editors."""
    days = stale_after_days() if days is None else days
    listings = stale_listings(days)
    editors: dict[str, list[str]] = {}
    # Accounts switched off cannot verify anything; invited ones (no password yet) can soon.
    query = select(User).where(User.role == Role.editor, User.active.is_(True))
    for user in db.session.scalars(query):
        editors.setdefault(user.organization_id or "", []).append(user.email)
    for provider in listings:
        verified = provider.last_verified.isoformat() if provider.last_verified else "never"
        who = ", ".join(sorted(editors.get(provider.organization_id, []))) or "no editor"
        click.echo(f"{provider.id}\t{verified}\t{provider.organization.name}\t{who}")
    click.echo(f"{len(listings)} listing(s) not verified in {days} days.", err=True)
