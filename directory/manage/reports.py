"""Problem reports from the public: a short form, no cookie, nothing about the reporter."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from marshmallow import Schema, ValidationError, validate

from directory.accounts.models import Role
from directory.extensions import address_key, db, limiter, retry_after
from directory.providers.models import Provider, Status
from directory.sizes import StoredString
from directory.web.i18n import UI_LANGUAGES, current_language, use_language_prefix

from .blueprint import manage, roles_required
from .models import ProblemReport, ReportStatus, _now

reports = Blueprint("reports", __name__, url_prefix="/<lang>")
# A form older than this is refused (and a new one offered): long enough for a slow typist.
TOKEN_MAX_AGE = 6 * 3600
REPORT_LIMIT = "5 per hour;20 per day"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="problem-report")


def report_token(provider_id: str) -> str:
    """The form's CSRF token: signed, for this listing, no cookie needed."""
    return _serializer().dumps(provider_id)


def _token_ok(token: str, provider_id: str) -> bool:
    try:
        return _serializer().loads(token, max_age=TOKEN_MAX_AGE) == provider_id
    except (BadSignature, SignatureExpired):
        return False


class ProblemReportSchema(Schema):
    """What the public may send: what is wrong, and optionally the right information."""

    problem = StoredString(required=True, validate=validate.Length(min=3, max=2000))
    correction = StoredString(load_default=None, validate=validate.Length(max=2000))


use_language_prefix(reports)


@reports.context_processor
def page_context() -> dict[str, Any]:
    return {"ui": current_language(), "ui_languages": UI_LANGUAGES}


def _form_again(provider: Provider, error: str) -> str:
    """The report form for `provider` once more, saying what went wrong."""
    return render_template(
        "web/report.html",
        provider=provider,
        email=current_app.config["REPORT_EMAIL"],
        form_error=error,
    )


@reports.errorhandler(429)
def too_many_reports(error):
    """The form again (with its quick exit), saying to try later (429 with Retry-After)."""
    provider = db.session.get(Provider, (request.view_args or {}).get("provider_id", ""))
    if provider is None:
        return error
    page = _form_again(provider, _("Many reports came from here recently: please try again later."))
    return page, 429, {"Retry-After": str(retry_after())}


@reports.post("/providers/<provider_id>/report")
@limiter.limit(REPORT_LIMIT, key_func=address_key)
def submit(provider_id: str):
    """Store the report for the admins' queue; the honeypot and bad tokens store nothing."""
    provider = db.session.get(Provider, provider_id)
    if provider is None or provider.status != Status.active:
        abort(404)
    if not _token_ok(request.form.get("form_token", ""), provider.id):
        return _form_again(provider, _("This form has expired: please send it again.")), 400
    if request.form.get("website"):  # only a robot fills the hidden field
        return render_template("web/report_sent.html", provider=provider)
    form = {k: v.strip() for k, v in request.form.items() if k in ("problem", "correction")}
    form = {k: v for k, v in form.items() if v}
    try:
        data = ProblemReportSchema().load(form)
    except ValidationError:
        return _form_again(provider, _("Please say what is wrong (a few words are enough).")), 422
    db.session.add(ProblemReport(provider_id=provider.id, **data))
    db.session.commit()
    return render_template("web/report_sent.html", provider=provider)


@manage.post("/reports/<int:report_id>/dismiss")
@roles_required(Role.admin)
def dismiss_report(report_id: str):
    report = db.session.get(ProblemReport, report_id)
    if report is None or report.status != ReportStatus.open:
        abort(404)
    report.status = ReportStatus.dismissed
    report.handled_by = current_user.email
    report.handled_at = _now()
    db.session.commit()
    flash(_("Saved."))
    return redirect(url_for("manage.review"))
