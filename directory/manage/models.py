"""Moderated listing changes, their audit trail, public problem reports, staff-only facts
and bed availability."""

from __future__ import annotations

import enum
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User, _now
from directory.extensions import db
from directory.providers.changes import track


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=16, validate_strings=True)


class ChangeKind(enum.StrEnum):
    edit = "edit"
    new = "new"
    deactivate = "deactivate"


class ChangeStatus(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class ListingChange(db.Model):
    """A proposed change to one listing: the whole edited row, waiting for review."""

    __tablename__ = "listing_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(120), index=True)
    organization_id: Mapped[str | None] = mapped_column(String(120), index=True)
    kind: Mapped[ChangeKind] = mapped_column(_enum(ChangeKind))
    status: Mapped[ChangeStatus] = mapped_column(
        _enum(ChangeStatus), default=ChangeStatus.pending, index=True
    )
    # The form as submitted, in the spreadsheet's column names (strings), as JSON.
    row_json: Mapped[str] = mapped_column(Text, default="{}")
    # The listing's version when the form was opened: approval refuses a stale change.
    base_version: Mapped[str | None] = mapped_column(String(80))
    # editor (from the organization), admin, or report (from the public, via an admin).
    source: Mapped[str] = mapped_column(String(16), default="editor")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewed_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    @property
    def row(self) -> dict[str, Any]:
        return json.loads(self.row_json or "{}")

    @row.setter
    def row(self, value: dict[str, Any]) -> None:
        self.row_json = json.dumps(value, ensure_ascii=False, sort_keys=True)


class AuditEntry(db.Model):
    """One applied field change: who made it, who approved it, old and new value."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the history outlives the listing.
    provider_id: Mapped[str] = mapped_column(String(120), index=True)
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(254))  # an email, or "import"
    approved_by: Mapped[str | None] = mapped_column(String(254))
    changed_at: Mapped[datetime] = mapped_column(default=_now, index=True)
    change_id: Mapped[int | None] = mapped_column(ForeignKey("listing_change.id"))


class ReportStatus(enum.StrEnum):
    open = "open"
    converted = "converted"
    dismissed = "dismissed"


class ProblemReport(db.Model):
    """What a member of the public says is wrong with a listing; nothing about them."""

    __tablename__ = "problem_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(
        ForeignKey("provider.id", ondelete="CASCADE"), index=True
    )
    problem: Mapped[str] = mapped_column(Text)
    correction: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        _enum(ReportStatus), default=ReportStatus.open, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=_now)
    handled_by: Mapped[str | None] = mapped_column(String(254))
    handled_at: Mapped[datetime | None]


class StaffNotes(db.Model):
    """Staff-only facts of a listing, kept apart so no public mapping can reach them."""

    __tablename__ = "staff_notes"

    provider_id: Mapped[str] = mapped_column(
        ForeignKey("provider.id", ondelete="CASCADE"), primary_key=True
    )
    referral_protocol: Mapped[str | None] = mapped_column(Text)
    staff_phone: Mapped[str | None] = mapped_column(String(40))


class ServiceCapacity(db.Model):
    """Places available now (HSDS 3.1 `service_capacity`): beds, appointments..."""

    __tablename__ = "service_capacity"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(
        ForeignKey("provider.id", ondelete="CASCADE"), unique=True
    )
    unit: Mapped[str] = mapped_column(String(20))
    available: Mapped[int]
    maximum: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=_now)
    updated_by: Mapped[str | None] = mapped_column(String(254))


class ApiToken(db.Model):
    """An editor's token for the capacity API; only its hash is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    user: Mapped[User] = relationship()


# Availability is part of a listing's state: its changes go to the change record too.
track(ServiceCapacity)
