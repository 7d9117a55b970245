"""The /manage/ blueprint: its language, CSRF check and access rules, shared by its views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, g, request, session
from flask_login import current_user, login_required

from directory.accounts.models import Role
from directory.extensions import csrf
from directory.manage.units import UNITS
from directory.web.i18n import BY_PREFIX, UI_LANGUAGES, current_language, negotiate

manage = Blueprint("manage", __name__, url_prefix="/manage")
# Endpoints called with an API token and no cookie: a forged request has nothing to ride on.
TOKEN_ONLY = ("manage.capacity_api",)


@manage.before_request
def choose_language_and_check_csrf() -> None:
    """Pages in the interface languages (`?lang=`, kept for the session); POSTs need a token."""
    chosen = request.args.get("lang")
    if chosen in BY_PREFIX and current_user.is_authenticated:
        session["lang"] = chosen
    stored = session.get("lang") if current_user.is_authenticated else None
    g.lang = next(
        (lang for lang in (chosen, stored) if lang in BY_PREFIX),
        negotiate(request.accept_languages),
    )
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.endpoint not in TOKEN_ONLY:
        csrf.protect()  # raises CSRFError (400) when the token is missing or wrong


@manage.context_processor
def manage_context() -> dict[str, Any]:
    return {"ui": current_language(), "ui_languages": UI_LANGUAGES, "Role": Role, "units": UNITS}


def roles_required(*roles: Role) -> Callable:
    """Signed in (else a redirect to the sign-in page) with one of `roles` (else 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


STAFF = (Role.admin, Role.editor, Role.advocate)
