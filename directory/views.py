"""Plain pages: the listing of every provider, and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from sqlalchemy.exc import SQLAlchemyError

from .providers.services import active_providers, count_providers

pages = Blueprint("pages", __name__)


@pages.get("/")
def index():
    """Every active listing with its services, area and phones."""
    return render_template("index.html", providers=active_providers())


@pages.get("/healthz")
def healthz():
    """Database state and listing count, for monitoring."""
    try:
        listings = count_providers()
    except SQLAlchemyError as error:
        return jsonify(status="error", database="unavailable", detail=type(error).__name__), 503
    return jsonify(status="ok", database="ok", listings=listings)
