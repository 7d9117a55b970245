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


def test_templates_translate_escape_and_fill_in_one_call(app):
    """`_()` in a template: translated, its values escaped in HTML and kept as they are in
    text, and in the language a `force_locale` block asks for."""
    from flask import render_template_string

    from directory.web.babel_context import template_gettext

    assert app.jinja_env.globals["_"] is template_gettext
    assert app.jinja_env.globals["gettext"] is template_gettext
    page = (
        "{{ _('Add %(name)s to a referral', name=name) }}|{% trans %}Search{% endtrans %}"
        "|{{ _('<em>%(name)s</em>', name=name) }}"  # a message's own markup is kept
    )
    with app.test_request_context("/es/"):
        g.lang = "es"
        with force_locale("es"):
            spanish = gettext("Add %(name)s to a referral", name="<b>A & B</b>")
            search = gettext("Search")
        assert spanish != "Add <b>A & B</b> to a referral" and search != "Search"
        html = render_template_string(page, name="<b>A & B</b>")  # autoescaped, as pages
        escaped = "&lt;b&gt;A &amp; B&lt;/b&gt;"
        assert html == f"{spanish.replace('<b>A & B</b>', escaped)}|{search}|<em>{escaped}</em>"
        as_pages, app.jinja_env.autoescape = app.jinja_env.autoescape, False  # as .txt files
        try:
            text = render_template_string(page, name="<b>A & B</b>")
        finally:
            app.jinja_env.autoescape = as_pages
        assert text == f"{spanish}|{search}|<em><b>A & B</b></em>"
        with force_locale("ar"):
            assert render_template_string("{{ _('Search') }}") == gettext("Search") != search
