"""Staff accounts and the one-time links that set their passwords."""

from __future__ import annotations

import enum
import secrets
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.extensions import db
from directory.providers.models import Organization


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Role(enum.StrEnum):
    """What an account may do."""

    admin = "admin"  # the whole directory; edits apply directly; reviews the queue
    editor = "editor"  # one organization's listings; edits wait for review
    advocate = "advocate"  # hotline staff: read-only, sees staff-only fields


class User(UserMixin, db.Model):
    """A staff account; there is no self sign-up (see `flask users`)."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=16))
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    # Part of the session's user id: changing it ends every session of this account.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    organization: Mapped[Organization | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.active and self.password_hash is not None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    def edits(self, organization_id: str | None) -> bool:
        """May this account change listings of `organization_id`?"""
        if self.role == Role.admin:
            return True
        return self.role == Role.editor and organization_id == self.organization_id

    def sees_staff_fields(self, organization_id: str | None) -> bool:
        """Advocates, admins and the organization's own editors see staff-only fields."""
        return self.role in (Role.admin, Role.advocate) or self.edits(organization_id)


class AccountLink(db.Model):
    """A one-time link to set a password (invitation or reset); only its hash is stored."""

    __tablename__ = "account_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
