"""Create accounts, issue and redeem one-time links, check sign-ins."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import func, select

from directory.extensions import db
from directory.providers.models import Organization
from directory.sizes import has_nul, max_length

from .models import AccountLink, Role, User, _now, new_session_token
from .passwords import hash_password, password_matches

LINK_VALID_FOR = timedelta(days=7)


class AccountError(ValueError):
    """Raised when an account cannot be created or changed as asked."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_user(email: str) -> User | None:
    if has_nul(email):  # no account has one, and PostgreSQL refuses to compare it
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def issue_link(user: User, purpose: str) -> str:
    """A new one-time link for `user`, valid 7 days; earlier unused links stop working."""
    for link in db.session.scalars(
        select(AccountLink).where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None))
    ):
        link.used_at = _now()
    token = secrets.token_urlsafe(32)
    db.session.add(
        AccountLink(
            user=user,
            token_hash=_digest(token),
            purpose=purpose,
            expires_at=_now() + LINK_VALID_FOR,
        )
    )
    db.session.commit()
    return f"{current_app.config['PUBLIC_BASE_URL']}/manage/password/{token}"


def create_user(email: str, role: Role, organization_id: str | None = None) -> User:
    """Add an account without a password (it is set through a link). Raises AccountError."""
    email = email.strip()
    if "@" not in email or len(email) > max_length(User.email) or has_nul(email):
        raise AccountError(f"{email!r} is not an email address")
    if find_user(email) is not None:
        raise AccountError(f"an account for {email} already exists (use `flask users reset`)")
    if role == Role.editor:
        if not organization_id or db.session.get(Organization, organization_id) is None:
            raise AccountError(f"no organization with id {organization_id!r}")
    elif organization_id:
        raise AccountError("only editors belong to an organization")
    user = User(email=email, role=role, organization_id=organization_id)
    db.session.add(user)
    db.session.flush()
    return user


def link_for(token: str) -> AccountLink | None:
    """The unused, unexpired link for `token`, or None."""
    link = db.session.scalar(select(AccountLink).where(AccountLink.token_hash == _digest(token)))
    if link is None or link.used_at is not None or link.expires_at < _now():
        return None
    return link


def set_password(link: AccountLink, password: str) -> User:
    """Use the link: set the password, end the account's other sessions."""
    user = link.user
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    link.used_at = _now()
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active account with this email and password, or None."""
    user = find_user(email)
    if user is None:
        # Same work as a real check, so timing does not tell which emails have accounts.
        password_matches(_dummy_hash(), password)
        return None
    if not user.active or not password_matches(user.password_hash, password):
        return None
    return user


def end_sessions(user: User) -> None:
    """Sign the account out everywhere (its session ids no longer match)."""
    user.session_token = new_session_token()
    db.session.commit()


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: `id:token`, refused once the token has changed."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


@cache
def _dummy_hash() -> str:
    """A hash no account has, made on first use: at import it cost every process (the CLI's
    imports and rebuilds too) ~0.15 s of scrypt."""
    return hash_password(secrets.token_hex(16))
