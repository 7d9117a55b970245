"""Probes for a load balancer: liveness and readiness (never logged, no cookie, no-store)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

pages = Blueprint("pages", __name__)


@pages.get("/healthz")
def healthz():
    """Liveness: the process answers (it touches neither the database nor the index)."""
    return jsonify(status="ok")


@pages.get("/readyz")
def readyz():
    """Readiness: the database answers and this node's index can serve, and how far behind."""
    from .search.sync import status

    try:
        state = status()
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        body = {"status": "unavailable", "database": "unavailable", "detail": type(cause).__name__}
        return jsonify(body), 503
    ready = state.generation is not None
    search = {
        "state": "ready" if ready else "building",
        "generation": state.generation,
        "applied_seq": state.applied_seq,
        "latest_seq": state.latest_seq,
        "behind": state.behind,
    }
    body = {"status": "ok" if ready else "unavailable", "database": "ok", "search": search}
    return jsonify(body), 200 if ready else 503
