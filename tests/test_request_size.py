"""Every request's body is capped: JSON and forms alike, with one limit."""

from __future__ import annotations


def test_one_limit_for_every_body(app):
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["API_MAX_BODY_BYTES"] > 0


def test_an_oversize_search_form_is_a_413_not_a_500(app, client):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post("/en/search", data={"q": "a" * size})
    assert response.status_code == 413


def test_an_oversize_staff_form_is_refused_before_it_is_read(app, client):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post("/manage/login", data={"email": "a" * size, "password": "x"})
    assert response.status_code == 413


def test_a_body_under_the_limit_is_read(app, client):
    response = client.post("/en/search", data={"q": "legal help"})
    assert response.status_code == 200
