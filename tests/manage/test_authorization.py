"""Who may open each /manage/ page and do each write action: allowed, 302 to sign-in, or 403."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import ApiToken, ProblemReport, ServiceCapacity

from ..staff import LISTING_A, LISTING_B, ORG_B, csrf_token

ROLES = (None, "editor_a", "editor_b", "advocate", "admin")
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"
A = f"/manage/listings/{LISTING_A}"
REPORT = 1  # the problem report `as_user_with_report` files

# path, then the expected outcome for: anonymous, editor of A, editor of B, advocate, admin.
PAGES = (
    ("/manage/", (LOGIN, OK, OK, OK, OK)),
    ("/manage/listings", (LOGIN, OK, OK, OK, OK)),
    (A, (LOGIN, OK, FORBIDDEN, OK, OK)),
    (f"{A}/edit", (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/listings/new", (LOGIN, OK, OK, FORBIDDEN, OK)),
    (f"/manage/listings/new?organization_id={ORG_B}", (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK)),
    (f"{A}/history", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/audit.csv", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
)
ACTIONS = (
    (f"{A}/verify", {}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/deactivate", {}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/edit", {"name": "Changed"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/listings/new", {"id": "x-new"}, (LOGIN, OK, OK, FORBIDDEN, OK)),
    (
        "/manage/listings/new",
        {"id": "x-new", "organization_id": ORG_B},
        (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK),
    ),
    (f"{A}/staff", {"referral_protocol": "x"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    (f"{A}/capacity", {"available": "1"}, (LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review/999/approve", {}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/review/999/reject", {}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    (f"/manage/reports/{REPORT}/dismiss", {}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("/manage/token", {}, (LOGIN, OK, OK, FORBIDDEN, OK)),
    ("/manage/logout", {}, (LOGIN, OK, OK, OK, OK)),
)
# Open to anyone by design (signing in, and the one-time password link); the capacity API
# takes a bearer token, not a session: its own test below.
NOT_SESSION_ROUTES = ("/manage/login", "/manage/password/<token>", "/manage/api/")


def _outcome(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    # Sent to sign in, to come back after (signing out also ends on the sign-in page).
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/manage/login?next=" in location:
        return LOGIN
    return OK


def _rule_of(app, path: str, method: str) -> str:
    adapter = app.url_map.bind("localhost")
    endpoint, _ = adapter.match(path.split("?")[0], method=method)
    return next(r.rule for r in app.url_map.iter_rules() if r.endpoint == endpoint)


def test_every_manage_route_and_method_is_in_the_matrix(staffed_app):
    covered = {(_rule_of(staffed_app, p, "GET"), "GET") for p, _ in PAGES}
    covered |= {(_rule_of(staffed_app, p, "POST"), "POST") for p, _, _ in ACTIONS}
    for rule in staffed_app.url_map.iter_rules():
        if not rule.rule.startswith("/manage") or rule.rule.startswith(NOT_SESSION_ROUTES):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (rule.rule, method) in covered, (rule.rule, method)


@pytest.fixture
def with_report(staffed_app):
    """One open problem report (id REPORT) for the dismiss action."""
    with staffed_app.app_context():
        db.session.add(ProblemReport(provider_id=LISTING_A, problem="Wrong hours"))
        db.session.commit()
        assert db.session.scalars(select(ProblemReport.id)).one() == REPORT


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_pages(as_user, role):
    client = as_user(role)
    column = ROLES.index(role)
    for path, expected in PAGES:
        response = client.get(path)
        assert response.status_code != 500, path
        assert _outcome(response) == expected[column], (path, response.status_code)


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_write_actions(as_user, with_report, role):
    column = ROLES.index(role)
    for path, data, expected in ACTIONS:
        client = as_user(role)
        token = csrf_token(client, "/manage/" if role else "/manage/login")
        response = client.post(path, data={**data, "csrf_token": token})
        assert response.status_code < 500, path
        outcome = _outcome(response)
        # "ok" here means the action was let through: it may still refuse its input (422/404).
        assert outcome == expected[column], (path, role, response.status_code)


@pytest.mark.parametrize("path", sorted({p for p, _, _ in ACTIONS}))
def test_write_actions_need_a_csrf_token(as_user, with_report, path):
    client = as_user("admin")
    assert client.post(path, data={}).status_code == 400
    assert client.post(path, data={"csrf_token": "forged"}).status_code == 400


def _api_token(as_user, role: str) -> str:
    client = as_user(role)
    response = client.post("/manage/token", data={"csrf_token": csrf_token(client, "/manage/")})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return re.search(r"\(shown only now\): ([A-Za-z0-9_-]+)", page).group(1)


def test_capacity_api_answers_only_to_a_token_of_the_listings_organization(staffed_app, as_user):
    tokens = {role: _api_token(as_user, role) for role in ("editor_a", "editor_b", "admin")}
    client = staffed_app.test_client()
    body = {"available": 2, "maximum": 9, "unit": "beds"}
    path = f"/manage/api/listings/{LISTING_A}/capacity"

    def call(token: str | None, listing: str = LISTING_A):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"/manage/api/listings/{listing}/capacity"
        return client.post(url, json=body, headers=headers)

    assert call(None).status_code == 401
    assert call("not-a-token").status_code == 401
    assert call(tokens["editor_b"]).status_code == 403
    assert call(tokens["editor_a"], LISTING_B).status_code == 403
    assert call(tokens["editor_a"]).status_code == 200
    assert call(tokens["admin"], LISTING_B).status_code == 200
    # A session cookie is no substitute for the token.
    editor = as_user("editor_a")
    assert editor.post(path, json=body).status_code == 401
    with staffed_app.app_context():
        assert {c.provider_id for c in db.session.scalars(select(ServiceCapacity))} == {
            LISTING_A,
            LISTING_B,
        }
        # Only the tokens' hashes are stored.
        stored = {t.token_hash for t in db.session.scalars(select(ApiToken))}
        assert not set(tokens.values()) & stored
