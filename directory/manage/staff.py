"""Staff-only facts (referral protocol, staff phone) and bed or slot availability."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from flask import abort, current_app, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.extensions import db
from directory.providers.models import Provider
from directory.sizes import StoredString, fits

from .audit import record
from .blueprint import manage, roles_required
from .models import ApiToken, ServiceCapacity, StaffNotes
from .views import listing_or_404

UNITS = ("beds", "appointments", "places")


class StaffNotesSchema(Schema):
    """The staff-only facts of a listing; empty means none."""

    referral_protocol = StoredString(validate=validate.Length(max=4000), load_default="")
    staff_phone = StoredString(validate=fits(StaffNotes.staff_phone), load_default="")


class CapacitySchema(Schema):
    """HSDS 3.1 `service_capacity`: available now, out of a maximum, in a unit."""

    available = fields.Integer(required=True, validate=validate.Range(min=0, max=100_000))
    maximum = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=100_000))
    unit = fields.String(load_default="beds", validate=validate.OneOf(UNITS))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@manage.post("/listings/<provider_id>/staff")
@roles_required(Role.admin, Role.editor)
def save_staff_notes(provider_id: str):
    """Staff-only facts apply at once (they are never public), with audit rows."""
    provider = listing_or_404(provider_id, edit=True)
    try:
        data = StaffNotesSchema().load(request.form.to_dict(), unknown="exclude")
    except ValidationError as error:
        flash("; ".join(f"{k}: {' '.join(v)}" for k, v in error.messages.items()))
        return redirect(url_for("manage.listing", provider_id=provider.id)), 303
    notes = db.session.get(StaffNotes, provider.id) or StaffNotes(provider_id=provider.id)
    db.session.add(notes)
    changes = []
    for field in ("referral_protocol", "staff_phone"):
        old, new = getattr(notes, field) or "", data[field].strip()
        if old != new:
            changes.append((field, old, new))
            setattr(notes, field, new or None)
    record(provider.id, changes, current_user.email, current_user.email)
    db.session.commit()
    flash(_("Saved."))
    return redirect(url_for("manage.listing", provider_id=provider.id))


def set_capacity(provider: Provider, data: dict, by: str) -> ServiceCapacity:
    """Record availability now; the caller has checked the account may."""
    capacity = db.session.scalar(
        select(ServiceCapacity).where(ServiceCapacity.provider_id == provider.id)
    ) or ServiceCapacity(provider_id=provider.id)
    old = "" if capacity.available is None else f"{capacity.available}/{capacity.maximum or ''}"
    capacity.available = data["available"]
    capacity.maximum = data.get("maximum")
    capacity.unit = data["unit"]
    capacity.updated_at = _now()
    capacity.updated_by = by
    db.session.add(capacity)
    record(
        provider.id, [("capacity", old, f"{capacity.available}/{capacity.maximum or ''}")], by, by
    )
    db.session.commit()
    return capacity


@manage.post("/listings/<provider_id>/capacity")
@roles_required(Role.admin, Role.editor)
def save_capacity(provider_id: str):
    """The one-field form: how many places are free now."""
    provider = listing_or_404(provider_id, edit=True)
    form = {k: v for k, v in request.form.items() if k != "csrf_token" and v != ""}
    try:
        data = CapacitySchema().load(form, unknown="exclude")
    except ValidationError as error:
        flash("; ".join(f"{k}: {' '.join(v)}" for k, v in error.messages.items()))
        return redirect(url_for("manage.listing", provider_id=provider.id)), 303
    set_capacity(provider, data, current_user.email)
    flash(_("Saved."))
    return redirect(url_for("manage.listing", provider_id=provider.id))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@manage.post("/token")
@roles_required(Role.admin, Role.editor)
def create_token():
    """A new API token for the capacity call, shown once."""
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=current_user.id, token_hash=_digest(token)))
    db.session.commit()
    flash(_("Your API token (shown only now): %(token)s", token=token))
    return redirect(url_for("manage.dashboard"))


def _token_user() -> User | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == _digest(header[7:].strip()))
    )
    return token.user if token and token.user.is_active else None


@manage.post("/api/listings/<provider_id>/capacity")
def capacity_api(provider_id: str):
    """`Authorization: Bearer TOKEN` and JSON {available, maximum, unit}; no cookie involved."""
    user = _token_user()
    if user is None:
        return jsonify(error="a valid editor token is required"), 401
    provider = db.session.get(Provider, provider_id)
    if provider is None:
        abort(404)
    if not user.edits(provider.organization_id):
        return jsonify(error="this token cannot change this listing"), 403
    try:
        data = CapacitySchema().load(request.get_json(silent=True) or {}, unknown="exclude")
    except ValidationError as error:
        return jsonify(errors=error.messages), 422
    capacity = set_capacity(provider, data, user.email)
    shown_hours = current_app.config["CAPACITY_SHOWN_HOURS"]
    return jsonify(
        provider_id=provider.id,
        available=capacity.available,
        maximum=capacity.maximum,
        unit=capacity.unit,
        updated=capacity.updated_at.isoformat() + "Z",
        shown_for_hours=shown_hours,
    )
