"""Outages answered as 503s: the database out of reach, the search index being rebuilt.

A visitor gets a page in their language that still carries the quick exit, 911 and the
hotline; an API client gets JSON. The log gets one line naming the error's class (a
database error's text can quote SQL and its parameters).
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from directory.extensions import db
from directory.search.errors import SearchUnavailable

DATABASE_ERRORS = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
JSON_BLUEPRINTS = frozenset({"api", "hsds_api"})
RETRY_AFTER_SECONDS = 30

DATABASE_MESSAGE = _l("We could not reach the listings. Please try again in a few minutes.")
SEARCH_MESSAGE = _l("Search is being updated. Please try again in a minute.")


def _unavailable(message, api_message: str):
    if request.blueprint in JSON_BLUEPRINTS:
        response = jsonify(errors={"_schema": [api_message]})
    else:
        response = current_app.make_response(
            render_template("web/unavailable.html", message=message)
        )
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_unavailable(error: Exception):
    """The database did not answer: say so plainly, keep the way to help on the page."""
    cause = getattr(error, "orig", None) or error
    current_app.logger.warning("database unavailable (%s)", type(cause).__name__)
    return _unavailable(DATABASE_MESSAGE, "The database is not available; try again later.")


def search_unavailable(error: SearchUnavailable):
    """The index is being built: search answers again when it is done."""
    current_app.logger.warning("search unavailable: the index is being rebuilt")
    return _unavailable(SEARCH_MESSAGE, "Search is being rebuilt; try again shortly.")


def release_session(error: BaseException | None) -> None:
    """End the request's session even when its connection died with the database."""
    try:
        db.session.remove()
    except DATABASE_ERRORS:
        # The rollback failed because the server went away: SQLAlchemy has already dropped
        # the connection from its pool; forget the session rather than turn an answer
        # already made into a 500.
        db.session.registry.clear()


def register_outage_handlers(app: Flask) -> None:
    """Answer database and index outages with 503s on every page and endpoint."""
    for error in DATABASE_ERRORS:
        app.register_error_handler(error, database_unavailable)
    app.register_error_handler(SearchUnavailable, search_unavailable)
    # Teardowns run last-registered first: this one before Flask-SQLAlchemy's own.
    app.teardown_appcontext(release_session)
