"""The admin review queue: pending changes with their diffs, approve or reject; audit history."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from directory.accounts.models import Role
from directory.extensions import db

from .audit import audit_csv, history
from .blueprint import manage, roles_required
from .changes import ChangeRefused, apply, change_diff, pending, reject
from .models import ChangeStatus, ListingChange, ProblemReport, ReportStatus
from .views import listing_or_404


def _pending_or_404(change_id: int) -> ListingChange:
    change = db.session.get(ListingChange, change_id)
    if change is None or change.status != ChangeStatus.pending:
        abort(404)
    return change


@manage.get("/review")
@roles_required(Role.admin)
def review():
    """Pending changes (oldest first) and open problem reports."""
    changes = [(change, change_diff(change)) for change in pending()]
    reports = db.session.scalars(
        select(ProblemReport)
        .where(ProblemReport.status == ReportStatus.open)
        .order_by(ProblemReport.created_at)
    ).all()
    return render_template("manage/review.html", changes=changes, reports=reports)


@manage.post("/review/<int:change_id>/approve")
@roles_required(Role.admin)
def approve(change_id: int):
    """Apply the change in one transaction; the search index follows on commit."""
    change = _pending_or_404(change_id)
    try:
        apply(change, current_user)
    except ChangeRefused as refused:
        flash(str(refused))
        return redirect(url_for("manage.review")), 303
    flash(_("Approved: the change is live."))
    return redirect(url_for("manage.review"))


@manage.post("/review/<int:change_id>/reject")
@roles_required(Role.admin)
def reject_change(change_id: int):
    """Refuse the change with a reason its author sees."""
    change = _pending_or_404(change_id)
    try:
        reject(change, current_user, request.form.get("reason", ""))
    except ChangeRefused as refused:
        flash(str(refused))
        return redirect(url_for("manage.review")), 303
    flash(_("Rejected: the author will see your reason."))
    return redirect(url_for("manage.review"))


@manage.get("/listings/<provider_id>/history")
@roles_required(Role.admin)
def listing_history(provider_id: str):
    """Every applied change to one listing, newest first."""
    provider = listing_or_404(provider_id)
    return render_template("manage/history.html", provider=provider, entries=history(provider.id))


@manage.get("/audit.csv")
@roles_required(Role.admin)
def audit_export():
    """The audit trail as CSV (`?listing=ID` for one listing)."""
    listing = request.args.get("listing") or None
    name = f"audit-{listing}.csv" if listing else "audit.csv"
    return Response(
        audit_csv(listing),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
