"""Flask-Babel's per-request state, reached without going through `flask.g`'s proxy.

A results page translates ~280 strings. For each, Flask-Babel (pinned 4.0.0) finds its state
twice through the proxy (`not g`, `hasattr(g, ...)`, `g._flask_babel`): about a tenth of the
page's CPU time (bench/README.md). This reads the same state from the app context itself.
"""

from __future__ import annotations

from types import SimpleNamespace

import flask_babel
from flask import Flask
from flask.globals import _cv_app
from jinja2 import pass_eval_context
from markupsafe import Markup


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


@pass_eval_context
def template_gettext(eval_context, message: str, **variables: object) -> str:
    """`_()` and `{% trans %}` in templates: what Jinja's i18n extension and Flask-Babel do
    (translate, mark safe when autoescaping, fill in `variables`), in one call instead of
    three nested ones: a results page calls it ~85 times."""
    text = flask_babel.get_domain().get_translations().ugettext(message)
    if eval_context.autoescape:
        text = Markup(text)
    return text % variables


def install_template_gettext(app: Flask) -> None:
    """Replace the template `_` and `gettext` that Flask-Babel installed on `app`."""
    if not app.jinja_env.newstyle_gettext:  # the `%` formatting above is new-style's
        raise RuntimeError("Flask-Babel no longer installs new-style gettext: see babel_context.py")
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
