"""Flask-Babel's per-request state, reached without going through `flask.g`'s proxy.

A results page translates ~280 strings. For each, Flask-Babel (pinned 4.0.0) finds its state
twice through the proxy (`not g`, `hasattr(g, ...)`, `g._flask_babel`): about a tenth of the
page's CPU time (bench/README.md). This reads the same state from the app context itself.
"""

from __future__ import annotations

from types import SimpleNamespace

import flask_babel
from flask.globals import _cv_app


def babel_context() -> SimpleNamespace | None:
    """Flask-Babel's state in the current app context (None outside one)."""
    context = _cv_app.get(None)
    if context is None:
        return None
    found = context.g.__dict__.get("_flask_babel")
    if found is None:
        found = context.g._flask_babel = SimpleNamespace()
    return found


def install() -> None:
    """Make Flask-Babel look its state up here (what it looks up is unchanged)."""
    if not callable(getattr(flask_babel, "_get_current_context", None)):
        raise RuntimeError("flask_babel._get_current_context is gone: see babel_context.py")
    flask_babel._get_current_context = babel_context
