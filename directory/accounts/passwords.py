"""Password rules and hashing: at least 12 characters, not a common or guessable one."""

from __future__ import annotations

from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 12
# zxcvbn's 0-4 guessability score; below 3 it is in (or close to) its common-password lists.
MIN_SCORE = 3


def password_problem(password: str, email: str = "") -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(count)d characters.", count=MIN_LENGTH)
    # zxcvbn is slow on very long inputs and they are not the weak ones.
    if zxcvbn(password[:100], user_inputs=[email, *email.split("@")])["score"] < MIN_SCORE:
        return _("This password is too common or too easy to guess: choose another.")
    return None


def hash_password(password: str) -> str:
    """A salted scrypt hash (Werkzeug)."""
    return generate_password_hash(password, method="scrypt")


def password_matches(password_hash: str | None, password: str) -> bool:
    return bool(password_hash) and check_password_hash(password_hash, password)
