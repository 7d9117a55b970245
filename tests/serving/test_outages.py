"""A database or index outage is a 503 in the visitor's language, never a trace."""

from __future__ import annotations

import pytest

from directory import create_app
from directory.search.errors import SearchUnavailable
from directory.search.extension import close_search

from ..support import app_config


@pytest.fixture
def unreachable(tmp_path):
    """An app whose database file cannot be opened (its folder does not exist)."""
    missing = tmp_path / "gone" / "directory.sqlite3"
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}"))
    yield app.test_client()
    close_search(app)


def _assert_friendly(response, *words: str) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert "Traceback" not in html and "sqlite" not in html.lower()
    assert 'id="quick-exit"' in html and 'href="tel:911"' in html
    assert 'href="tel:+18883737888"' in html and 'href="sms:233733"' in html
    for word in words:
        assert word in html, html
    return html


def test_pages_say_the_database_is_out_of_reach_in_the_visitors_language(unreachable):
    html = _assert_friendly(
        unreachable.get("/es/listings"), 'lang="es"', "No pudimos acceder a las fichas"
    )
    assert "Puede obtener ayuda ahora mismo" in html
    _assert_friendly(unreachable.post("/ar/search", data={"q": "shelter"}), 'dir="rtl"')
    _assert_friendly(unreachable.get("/zh-hans/providers/anything"), "请几分钟后再试")


def test_apis_answer_json(unreachable):
    for path in ("/api/v1/search?q=shelter", "/api/v1/providers/x", "/hsds/services"):
        response = unreachable.get(path)
        assert response.status_code == 503, path
        assert response.is_json and response.get_json()["errors"]["_schema"], path
        assert response.headers["Retry-After"].isdigit()


def test_the_log_names_the_error_not_its_sql(unreachable, caplog):
    unreachable.get("/en/providers/queens-safe-house")
    unreachable.post("/en/search", data={"q": "zebrasecret"})
    assert "database unavailable (OperationalError)" in caplog.text
    assert "zebrasecret" not in caplog.text and "queens-safe-house" not in caplog.text


class RebuildingService:
    """The search service while its index is being rebuilt: it raises SearchUnavailable."""

    def __init__(self, index):
        self.index = index

    def search(self, request):
        raise SearchUnavailable


def test_search_being_rebuilt_is_a_clear_page(app, client, runner):
    runner.invoke(args=["setup"])
    app.extensions["search"] = RebuildingService(app.extensions["search"].index)
    _assert_friendly(client.post("/fr/search", data={"q": "legal"}), "La recherche est en cours")
    answer = client.get("/api/v1/search?q=legal")
    assert answer.status_code == 503 and "rebuilt" in answer.get_json()["errors"]["_schema"][0]
    assert client.get("/fr/listings").status_code == 200  # pages without search still work
