"""/healthz says the process is alive; /readyz says whether it can serve searches."""

from __future__ import annotations

from directory import create_app

from ..support import app_config


def _assert_probe_headers(response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_ready_once_the_database_answers_and_the_index_exists(app, client, runner):
    response = client.get("/readyz")
    assert response.status_code == 503  # no index yet
    assert response.get_json()["search"]["state"] == "building"
    runner.invoke(args=["setup"])
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["database"] == "ok"
    _assert_probe_headers(response)


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
    app.extensions["search"].index.close()
