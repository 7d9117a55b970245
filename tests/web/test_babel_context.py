"""Flask-Babel finds its per-request state through `babel_context`: the same state as before."""

import flask_babel
from flask import g
from flask_babel import force_locale, get_locale, gettext

from directory.web.babel_context import babel_context


def test_flask_babel_reads_its_state_through_babel_context(app):
    assert flask_babel._get_current_context is babel_context
    assert babel_context() is None  # outside an app context, as Flask-Babel's own


def test_the_state_is_the_one_flask_babel_keeps_in_g(app):
    with app.test_request_context("/ar/"):
        g.lang = "ar"  # as the language prefix sets it
        state = babel_context()
        assert state is g._flask_babel and babel_context() is state
        assert str(get_locale()) == "ar" and state.babel_locale is get_locale()
        with force_locale("es"):
            assert str(get_locale()) == "es" and gettext("Search") != "Search"
        assert str(get_locale()) == "ar"
    with app.test_request_context("/zh-hans/"):
        g.lang = "zh-hans"
        assert babel_context() is not state and str(get_locale()) == "zh_Hans"


def test_each_page_is_in_its_own_language(client):
    arabic, chinese = (
        client.get("/ar/").get_data(as_text=True),
        client.get("/zh-hans/").get_data(as_text=True),
    )
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    assert 'lang="zh-Hans"' in chinese and 'dir="rtl"' not in chinese
