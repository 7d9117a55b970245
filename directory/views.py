"""The health check."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from .providers.services import count_providers

pages = Blueprint("pages", __name__)


@pages.get("/healthz")
def healthz():
    """Database state and listing count, for monitoring."""
    try:
        listings = count_providers()
    except SQLAlchemyError as error:
        return jsonify(status="error", database="unavailable", detail=type(error).__name__), 503
    return jsonify(status="ok", database="ok", listings=listings)
