"""The app's JSON (orjson): the documents Flask's own encoder wrote, and errors for bad input."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import jsonify
from flask.json.provider import DefaultJSONProvider

from directory.json_provider import OrjsonProvider


@dataclass
class _Point:
    name: str
    at: date


def test_the_app_writes_json_with_orjson(app):
    assert isinstance(app.json, OrjsonProvider)


def test_documents_match_flasks_own_encoder(app):
    value = {
        "b": [1, 2.5, None, True],
        "a": {"z": "纽约华人服务中心", "y": "مركز المساعدة"},
        "by_day": {3: "int keys become strings", 1: "one"},
        "when": datetime(2026, 11, 28, 9, 30, tzinfo=UTC),
        "day": date(2026, 11, 28),
        "point": _Point("Café", date(2026, 1, 2)),
    }
    ours = app.json.dumps(value)
    flasks = DefaultJSONProvider(app).dumps(value)
    assert json.loads(ours) == json.loads(flasks)
    assert json.loads(ours)["day"] == "Sat, 28 Nov 2026 00:00:00 GMT"  # Flask's HTTP date
    assert list(json.loads(ours)) == sorted(json.loads(ours))  # keys sorted, as before
    assert "纽约华人服务中心" in ours  # UTF-8 text, not \\u escapes


def test_a_response_is_json_with_its_content_type(app):
    with app.test_request_context():
        response = jsonify(total=2, results=["x"])
    assert response.mimetype == "application/json"
    assert response.get_json() == {"results": ["x"], "total": 2}


def test_broken_json_bodies_are_a_clear_422_not_a_500(client):
    for body in (b"{", b'{"q": "abogado"', b"{'q': 1}", b"\xff\xfe{}"):
        response = client.post("/api/v1/search", data=body, content_type="application/json")
        assert response.status_code == 422, body
        assert "JSON object" in response.get_json()["errors"]["_schema"][0]


def test_a_search_answer_round_trips(client):
    response = client.post("/api/v1/search", json={"q": "shelter", "per_page": 5})
    assert response.status_code == 200
    body = json.loads(response.data.decode("utf-8"))
    assert body == response.get_json()
    assert {"total", "results", "facets"} <= set(body)
