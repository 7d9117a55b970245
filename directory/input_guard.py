"""NUL characters in requests: PostgreSQL refuses them even in a lookup, so none gets that far."""

from __future__ import annotations

from flask import abort, request

from .public_api import is_public_api
from .sizes import has_nul

NUL_MESSAGE = "The request holds a NUL character (%00), which no page or field accepts."


def refuse_nul_requests() -> None:
    """404 for a NUL in the path (no such page); 400 for one in a page's query or form.

    The public APIs' parameters are left to their schemas, which answer as documented.
    """
    if has_nul(request.path):
        abort(404)
    if is_public_api(request.path):
        return
    values = [*request.args.keys(), *request.args.values()]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [*request.form.keys(), *request.form.values()]
    if has_nul(*values):
        abort(400, description=NUL_MESSAGE)
