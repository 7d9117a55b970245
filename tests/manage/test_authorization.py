"""Who may open each /manage/ page and do each write action: allowed, 302 to sign-in, or 403."""

from __future__ import annotations

import pytest

from ..staff import LISTING_A, csrf_token

ROLES = (None, "editor_a", "editor_b", "advocate", "admin")
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"
A = f"/manage/listings/{LISTING_A}"

# path, then the expected outcome for: anonymous, editor of A, editor of B, advocate, admin.
PAGES = (
    ("/manage/", (LOGIN, OK, OK, OK, OK)),
    ("/manage/listings", (LOGIN, OK, OK, OK, OK)),
    (A, (LOGIN, OK, FORBIDDEN, OK, OK)),
    (f"{A}/edit", (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/listings/new", (LOGIN, OK, OK, FORBIDDEN, OK)),
    (f"{A}/history", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/audit.csv", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
)
ACTIONS = (
    (f"{A}/verify", {}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/deactivate", {}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/edit", {"name": "Changed"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/listings/new", {"id": "x-new"}, (LOGIN, OK, OK, FORBIDDEN, OK)),
    (f"{A}/staff", {"referral_protocol": "x"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/capacity", {"available": "1"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review/999/approve", {}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review/999/reject", {}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
)


def _outcome(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 302 and "/manage/login" in response.headers["Location"]:
        return LOGIN
    return OK


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_pages(as_user, role):
    client = as_user(role)
    column = ROLES.index(role)
    for path, expected in PAGES:
        response = client.get(path)
        assert response.status_code != 500, path
        assert _outcome(response) == expected[column], (path, response.status_code)


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_write_actions(as_user, role):
    column = ROLES.index(role)
    for path, data, expected in ACTIONS:
        client = as_user(role)
        token = csrf_token(client, "/manage/" if role else "/manage/login")
        response = client.post(path, data={**data, "csrf_token": token})
        assert response.status_code < 500, path
        outcome = _outcome(response)
        # "ok" here means the action was let through: it may still refuse its input (422/404).
        assert outcome == expected[column], (path, role, response.status_code)


@pytest.mark.parametrize("path", [p for p, _, _ in ACTIONS])
def test_write_actions_need_a_csrf_token(as_user, path):
    client = as_user("admin")
    assert client.post(path, data={}).status_code == 400
    assert client.post(path, data={"csrf_token": "forged"}).status_code == 400
