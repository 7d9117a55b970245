"""/healthz says the process is alive; /readyz says whether it can serve searches."""

from __future__ import annotations

from directory import create_app
from directory.extensions import db
from directory.providers.models import Provider
from directory.search.extension import close_search

from ..support import app_config


def _assert_probe_headers(response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_ready_once_the_index_exists_and_it_says_how_far_behind(app, client, runner):
    runner.invoke(args=["setup"])
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    search = response.get_json()["search"]
    assert search["generation"] and search["behind"] == 0
    assert search["applied_seq"] == search["latest_seq"] > 0
    _assert_probe_headers(response)
    # A change this node has not applied yet (another node's, or sync turned off here).
    app.config["SEARCH_SYNC"] = False
    with app.app_context():
        db.session.get(Provider, "queens-safe-house").name = "Safe House (renamed)"
        db.session.commit()
    search = client.get("/readyz").get_json()["search"]
    assert search["behind"] == 1 and search["latest_seq"] == search["applied_seq"] + 1


def test_alive_but_not_ready_without_a_database(tmp_path):
    missing = tmp_path / "gone" / "directory.sqlite3"
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}"))
    client = app.test_client()
    alive = client.get("/healthz")
    assert alive.status_code == 200 and alive.get_json() == {"status": "ok"}
    _assert_probe_headers(alive)
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["database"] == "unavailable"
    _assert_probe_headers(ready)
    close_search(app)
