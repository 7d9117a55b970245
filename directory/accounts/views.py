"""Sign in, sign out, and set a password from a one-time link."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from directory.extensions import address_key, limiter, login_manager, retry_after
from directory.manage.blueprint import manage

from .forms import LoginForm, SetPasswordForm
from .passwords import password_problem
from .services import authenticate, end_sessions, link_for, load_user, set_password

# 429 after 5 failed sign-ins in 15 minutes, counted per account and per address.
LOGIN_LIMIT = "5 per 15 minutes"


def _account_key() -> str:
    """The email tried, hashed: the limiter's storage holds no address or email."""
    email = (request.form.get("email") or "").strip().lower().encode()
    secret = current_app.config["SECRET_KEY"].encode()
    return "account:" + hmac.new(secret, email, hashlib.sha256).hexdigest()[:32]


def _failed(response) -> bool:
    return bool(g.get("login_failed"))


login_manager.user_loader(load_user)
login_manager.login_view = "manage.login"
login_manager.login_message = None


@manage.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(LOGIN_LIMIT, key_func=address_key, methods=["POST"], deduct_when=_failed)
def login():
    """Email and password; the session is started afresh (a new cookie) on success."""
    if current_user.is_authenticated:
        return redirect(url_for("manage.dashboard"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            language = session.get("lang")
            session.clear()  # rotate: nothing from before sign-in carries over
            login_user(user)
            if language:
                session["lang"] = language
            return redirect(url_for("manage.dashboard"))
        g.login_failed = True
        error = _("Wrong email or password.")
    return render_template("manage/login.html", form=form, error=error)


@manage.errorhandler(429)
def too_many_sign_ins(error):
    """The sign-in page again, saying why and for how long (429 with Retry-After)."""
    page = render_template(
        "manage/login.html",
        form=LoginForm(),
        error=_("Too many failed sign-ins. Wait 15 minutes, then try again."),
    )
    return page, 429, {"Retry-After": str(retry_after())}


@manage.post("/logout")
@login_required
def logout():
    """End this session (and, as the session id changes, every other one of this account)."""
    end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    return redirect(url_for("manage.login"))


@manage.route("/password/<token>", methods=["GET", "POST"])
def set_password_page(token: str):
    """The invitee (or a reset) chooses a password; the link works once, for 7 days."""
    link = link_for(token)
    if link is None:
        return render_template("manage/link_expired.html"), 404
    form = SetPasswordForm()
    problem = None
    if form.validate_on_submit():
        problem = password_problem(form.password.data, link.user.email)
        if problem is None:
            user = set_password(link, form.password.data)
            session.clear()
            login_user(user)
            flash(_("Your password is set."))
            return redirect(url_for("manage.dashboard"))
    return render_template(
        "manage/set_password.html", form=form, problem=problem, email=link.user.email
    )
