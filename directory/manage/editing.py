"""Edit a listing, propose a new one, deactivate it, or confirm it is still accurate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from directory.accounts.models import Role
from directory.extensions import db
from directory.providers.models import Organization

from .audit import listing_row
from .blueprint import manage, roles_required
from .changes import (
    EDITABLE,
    ChangeRefused,
    blank_row,
    mark_verified,
    propose,
    propose_deactivation,
    version_of,
)
from .models import ProblemReport, ReportStatus, _now
from .views import listing_or_404

LONG_TEXT = ("description", "eligibility", "intake", "documents_required", "accessibility", "notes")
EDITORS = (Role.admin, Role.editor)


def _saved_message(change) -> str:
    if current_user.is_admin:
        return _("Saved: the change is live.")
    return _("Saved: an administrator will review your change before it is shown.")


@manage.route("/listings/<provider_id>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit(provider_id: str):
    """Every field of the listing, checked by the importer's rules, saved as a pending change."""
    provider = listing_or_404(provider_id, edit=True)
    report = _open_report(provider) if current_user.is_admin else None
    base = listing_row(provider)
    values, problems, status = base, {}, 200
    version = request.form.get("version") if request.method == "POST" else version_of(provider)
    if request.method == "POST":
        values = base | {column: request.form.get(column, "") for column in EDITABLE}
        try:
            change, problems = propose(
                current_user,
                base,
                request.form,
                provider=provider,
                organization=provider.organization,
                version=version,
                # From the public: applying it is not a verification by the organization.
                source="report" if report else None,
            )
        except ChangeRefused as refused:
            problems, status = {"-": [str(refused)]}, 409
        else:
            if change is not None:
                if report is not None:
                    close_report(report, current_user.email)
                flash(_saved_message(change))
                return redirect(url_for("manage.listing", provider_id=provider.id))
            status = 422
    return render_template(
        "manage/edit.html",
        provider=provider,
        values=values,
        problems=problems,
        columns=EDITABLE,
        long_text=LONG_TEXT,
        version=version,
        report=report,
    ), status


def _open_report(provider):
    """The open problem report this edit answers (`?report=ID`), if any."""
    report_id = request.values.get("report", type=int)
    report = db.session.get(ProblemReport, report_id) if report_id else None
    if report is None or report.provider_id != provider.id or report.status != "open":
        return None
    return report


def close_report(report, by: str) -> None:
    report.status = ReportStatus.converted
    report.handled_by = by
    report.handled_at = _now()
    db.session.commit()


@manage.route("/listings/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new_listing():
    """Propose a listing for the account's organization (admins pick the organization)."""
    organizations = (
        db.session.query(Organization).order_by(Organization.name).all()
        if current_user.is_admin
        else [current_user.organization]
    )
    chosen = request.values.get("organization_id") or organizations[0].id
    organization = next((o for o in organizations if o.id == chosen), None)
    if organization is None:
        abort(403)
    values, problems, status = blank_row(organization), {}, 200
    if request.method == "POST":
        values = values | {column: request.form.get(column, "") for column in ("id", *EDITABLE)}
        change, problems = propose(
            current_user,
            blank_row(organization),
            request.form,
            provider=None,
            organization=organization,
            version=None,
        )
        if change is not None:
            flash(_saved_message(change))
            return redirect(url_for("manage.dashboard"))
        status = 422
    return render_template(
        "manage/edit.html",
        provider=None,
        values=values,
        problems=problems,
        columns=("id", *EDITABLE),
        long_text=LONG_TEXT,
        organizations=organizations,
        organization=organization,
        version=None,
    ), status


@manage.post("/listings/<provider_id>/deactivate")
@roles_required(*EDITORS)
def deactivate(provider_id: str):
    """Take a listing out of the directory (through review for editors)."""
    provider = listing_or_404(provider_id, edit=True)
    change = propose_deactivation(current_user, provider)
    flash(_saved_message(change))
    return redirect(url_for("manage.listing", provider_id=provider.id))


@manage.post("/listings/<provider_id>/verify")
@roles_required(*EDITORS)
def verify(provider_id: str):
    """ "Still accurate": verified today, no review needed."""
    provider = listing_or_404(provider_id, edit=True)
    mark_verified(current_user, provider)
    flash(_("Thank you: the listing is marked as verified today."))
    return redirect(url_for("manage.listing", provider_id=provider.id))
