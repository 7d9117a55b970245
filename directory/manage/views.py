"""The dashboard, the listings an account may see, and one listing with its staff-only facts."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy import select

from directory.accounts.models import Role
from directory.extensions import db
from directory.providers.models import Provider

from .blueprint import STAFF, manage, roles_required
from .changes import change_diff, pending
from .freshness import stale_counts
from .models import ListingChange, ProblemReport, ReportStatus, ServiceCapacity, StaffNotes


def visible_listings() -> list[Provider]:
    """Editors see their organization's listings; advocates and admins see all."""
    query = select(Provider).order_by(Provider.name)
    if current_user.role == Role.editor:
        query = query.where(Provider.organization_id == current_user.organization_id)
    return list(db.session.scalars(query))


def listing_or_404(provider_id: str, edit: bool = False) -> Provider:
    """The listing, if this account may see it (and edit it, with `edit`); else 404 / 403."""
    provider = db.session.get(Provider, provider_id)
    if provider is None:
        abort(404)
    if edit and not current_user.edits(provider.organization_id):
        abort(403)
    if current_user.role == Role.editor and not current_user.edits(provider.organization_id):
        abort(403)
    return provider


@manage.get("/")
@roles_required(*STAFF)
def dashboard():
    """The account's role and the work waiting for it."""
    user = current_user
    mine = []
    if user.role == Role.editor:
        query = (
            select(ListingChange)
            .where(ListingChange.author_id == user.id)
            .order_by(ListingChange.created_at.desc())
            .limit(50)
        )
        mine = list(db.session.scalars(query))
    organization = user.organization_id if user.role == Role.editor else None
    return render_template(
        "manage/dashboard.html",
        user=user,
        mine=mine,
        waiting=len(pending(organization)),
        reports=db.session.query(ProblemReport)
        .filter(ProblemReport.status == ReportStatus.open)
        .count()
        if user.is_admin
        else 0,
        stale=stale_counts(organization) if user.role != Role.advocate else [],
    )


@manage.get("/listings")
@roles_required(*STAFF)
def listings():
    return render_template("manage/listings.html", providers=visible_listings())


@manage.get("/listings/<provider_id>")
@roles_required(*STAFF)
def listing(provider_id: str):
    """Every field, the staff-only facts, and what this account may do with the listing."""
    provider = listing_or_404(provider_id)
    waiting = [
        (change, change_diff(change)) for change in pending() if change.provider_id == provider.id
    ]
    return render_template(
        "manage/listing.html",
        provider=provider,
        notes=db.session.get(StaffNotes, provider.id),
        capacity=db.session.scalar(
            select(ServiceCapacity).where(ServiceCapacity.provider_id == provider.id)
        ),
        waiting=waiting,
        can_edit=current_user.edits(provider.organization_id),
    )
