"""Moderated edits: propose a listing change, review it, apply it in one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import func, select

from directory.accounts.models import User
from directory.extensions import db
from directory.geo.services import configured_geocoder
from directory.providers.checking import flatten_messages
from directory.providers.models import Organization, Provider, Status
from directory.providers.rows import apply_values, resolve_values
from directory.providers.schemas import COLUMNS, ProviderRowSchema, dump_row

from .audit import listing_row, record, row_diff
from .models import ChangeKind, ChangeStatus, ListingChange

# Columns a listing form edits. The id is set once; the organization is the account's;
# `last_verified` follows the verification rules; deactivation has its own request.
FIXED = ("id", "organization", "organization_website", "organization_description")
RULED = ("last_verified", "status")
EDITABLE = tuple(column for column in COLUMNS if column not in FIXED + RULED)


class ChangeRefused(Exception):
    """Raised when a change cannot be saved or applied; the message is for the person."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def version_of(provider: Provider) -> str:
    """Changes when the listing changes or someone proposes a change to it."""
    latest = db.session.scalar(
        select(func.max(ListingChange.id)).where(ListingChange.provider_id == provider.id)
    )
    return f"{provider.updated_at.isoformat()}#{latest or 0}"


def blank_row(organization: Organization) -> dict[str, str]:
    """The cells of a new listing of `organization`."""
    return dict.fromkeys(COLUMNS, "") | {
        "organization": organization.name,
        "status": Status.active.value,
    }


def check_row(row: dict[str, str]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """Validate with the importer's schema: (typed values, {column: messages})."""
    try:
        return ProviderRowSchema().load(row), {}
    except ValidationError as error:
        return None, {
            ("-" if column == "_schema" else column): flatten_messages(messages)
            for column, messages in error.normalized_messages().items()
        }


def proposed_row(base: dict[str, str], form: dict[str, str], new: bool) -> dict[str, str]:
    """The base row with the form's editable cells (and the id, for a new listing)."""
    columns = EDITABLE + (("id",) if new else ())
    return base | {column: (form.get(column) or "").strip() for column in columns}


def propose(
    user: User,
    base: dict[str, str],
    form: dict[str, str],
    *,
    provider: Provider | None,
    organization: Organization,
    version: str | None,
    source: str | None = None,
) -> tuple[ListingChange | None, dict[str, list[str]]]:
    """Save a change (admins' apply at once). Returns (change, problems by column).

    Raises ChangeRefused when the listing changed since the form was opened, or an id is taken.
    """
    if provider is not None and version != version_of(provider):
        raise ChangeRefused(
            _(
                "This listing changed since you opened the form (someone saved an edit). "
                "Your edit was not saved: reload the listing and make it again."
            )
        )
    row = proposed_row(base, form, new=provider is None)
    loaded, problems = check_row(row)
    if problems:
        return None, problems
    if provider is None and db.session.get(Provider, loaded["id"]) is not None:
        return None, {"id": [_("a listing with this id already exists")]}
    normalized = dump_row(loaded)
    if provider is not None and not row_diff(base, normalized):
        return None, {"-": [_("Nothing was changed.")]}
    change = ListingChange(
        provider_id=loaded["id"],
        organization_id=organization.id,
        kind=ChangeKind.edit if provider is not None else ChangeKind.new,
        base_version=provider.updated_at.isoformat() if provider is not None else None,
        source=source or ("admin" if user.is_admin else "editor"),
        author=user,
    )
    change.row = normalized
    db.session.add(change)
    if user.is_admin:
        apply(change, user)
    else:
        db.session.commit()
    return change, {}


def propose_deactivation(user: User, provider: Provider) -> ListingChange:
    """Ask to take a listing out of the directory (admins' apply at once)."""
    change = ListingChange(
        provider_id=provider.id,
        organization_id=provider.organization_id,
        kind=ChangeKind.deactivate,
        base_version=provider.updated_at.isoformat(),
        source="admin" if user.is_admin else "editor",
        author=user,
    )
    change.row = {"status": Status.inactive.value}
    db.session.add(change)
    if user.is_admin:
        apply(change, user)
    else:
        db.session.commit()
    return change


def apply(change: ListingChange, reviewer: User) -> None:
    """Apply a pending change and its audit rows in one transaction (the index follows).

    Raises ChangeRefused when the listing changed after the edit was made (no lost update).
    """
    provider = db.session.get(Provider, change.provider_id)
    if change.kind != ChangeKind.new:
        if provider is None:
            raise ChangeRefused(_("This listing no longer exists."))
        if provider.updated_at.isoformat() != change.base_version:
            raise ChangeRefused(
                _(
                    "The listing changed after this edit was made; applying it would undo "
                    "that change. Reject it and ask for a new edit."
                )
            )
    elif provider is not None:
        raise ChangeRefused(_("a listing with this id already exists"))
    before = listing_row(provider) if provider is not None else {}
    try:
        if change.kind == ChangeKind.deactivate:
            provider.status = Status.inactive
        else:
            provider = _write(change, provider)
        db.session.flush()
        after = listing_row(provider)
        change.status = ChangeStatus.approved
        change.reviewer = reviewer
        change.reviewed_at = _now()
        db.session.flush()
        author = change.author.email if change.author else "unknown"
        record(provider.id, row_diff(before, after), author, reviewer.email, change.id)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def _write(change: ListingChange, provider: Provider | None) -> Provider:
    loaded, problems = check_row(change.row)
    if problems:
        raise ChangeRefused(
            "; ".join(f"{column}: {' '.join(messages)}" for column, messages in problems.items())
        )
    values = resolve_values(loaded, configured_geocoder(), current_app.config["DEFAULT_TIME_ZONE"])
    if provider is None:
        organization = db.session.get(Organization, change.organization_id)
        provider = Provider(id=values["id"])
        apply_values(provider, values, organization)
        db.session.add(provider)
    else:
        apply_values(provider, values, provider.organization)
    # Verified: the organization (or an admin) has just gone through the whole listing.
    # A change that came from a public report is not a verification.
    if change.source in ("editor", "admin"):
        provider.last_verified = date.today()
    return provider


def reject(change: ListingChange, reviewer: User, reason: str) -> None:
    """Refuse a pending change; the reason is shown to its author."""
    if not reason.strip():
        raise ChangeRefused(_("Say why the change is rejected: its author will see it."))
    change.status = ChangeStatus.rejected
    change.reviewer = reviewer
    change.reviewed_at = _now()
    change.reason = reason.strip()
    db.session.commit()


def mark_verified(user: User, provider: Provider) -> None:
    """ "Still accurate": verified today, without review, with an audit row."""
    before = provider.last_verified.isoformat() if provider.last_verified else ""
    provider.last_verified = date.today()
    record(provider.id, [("last_verified", before, provider.last_verified.isoformat())], user.email)
    db.session.commit()


def pending(organization_id: str | None = None) -> list[ListingChange]:
    """Changes waiting for review, oldest first (of one organization, or all)."""
    query = select(ListingChange).where(ListingChange.status == ChangeStatus.pending)
    if organization_id:
        query = query.where(ListingChange.organization_id == organization_id)
    return list(db.session.scalars(query.order_by(ListingChange.created_at)))


def change_diff(change: ListingChange) -> list[tuple[str, str, str]]:
    """Field by field: what the change would do to the listing as it is now."""
    provider = db.session.get(Provider, change.provider_id)
    before = listing_row(provider) if provider is not None else {}
    if change.kind == ChangeKind.deactivate:
        return [("status", before.get("status", ""), Status.inactive.value)]
    return row_diff(before, change.row)
