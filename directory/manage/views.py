"""The dashboard: what needs attention for this account."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from .blueprint import STAFF, manage, roles_required


@manage.get("/")
@roles_required(*STAFF)
def dashboard():
    """The account's role, organization and work waiting for it."""
    return render_template("manage/dashboard.html", user=current_user)
