"""Probes for a load balancer: liveness and readiness (never logged, no cookie, no-store)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db

pages = Blueprint("pages", __name__)


@pages.get("/healthz")
def healthz():
    """Liveness: the process answers (it touches neither the database nor the index)."""
    return jsonify(status="ok")


@pages.get("/readyz")
def readyz():
    """Readiness: the database answers and the search index is there to search."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        return jsonify(
            status="unavailable", database="unavailable", detail=type(cause).__name__
        ), 503
    ready = current_app.extensions["search"].index.exists()
    search = {"state": "ready" if ready else "building"}
    return jsonify(status="ok" if ready else "unavailable", database="ok", search=search), (
        200 if ready else 503
    )
