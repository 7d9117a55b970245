"""Accounts: one-time links, password rules, sign-in limits, session cookies, CSRF."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from directory.accounts.models import AccountLink, User
from directory.extensions import db

from ..staff import ORG_A, PASSWORD, csrf_token, https_client, sign_in

LINK = re.compile(r"https?://\S+/manage/password/(\S+)")


def _invite(runner, *args: str) -> str:
    result = runner.invoke(args=["users", *args])
    assert result.exit_code == 0, result.output
    match = LINK.search(result.output)
    assert match, result.output
    return match.group(0)


def _set_password(client, link: str, password: str, confirm: str | None = None):
    path = link.split("://", 1)[1].partition("/")[2]
    token = csrf_token(client, "/" + path)
    return client.post(
        "/" + path,
        data={"password": password, "confirm": confirm or password, "csrf_token": token},
    )


def test_invite_link_sets_a_password_once(staffed_app):
    runner = staffed_app.test_cli_runner()
    link = _invite(runner, "invite", "--role", "editor", "--org", ORG_A, "--email", "new@ngo.org")
    assert "valid 7 days" in runner.invoke(args=["users", "reset", "--email", "new@ngo.org"]).output
    # The reset replaced the invitation: the first link no longer works.
    client = https_client(staffed_app)
    assert client.get(link.split("127.0.0.1:5000")[1]).status_code == 404


def test_set_password_rules_then_signed_in(staffed_app):
    runner = staffed_app.test_cli_runner()
    link = _invite(runner, "invite", "--role", "advocate", "--email", "adv@hotline.org")
    client = https_client(staffed_app)
    short = _set_password(client, link, "short pass")
    assert "at least 12" in short.get_data(as_text=True)
    common = _set_password(client, link, "password1234")
    assert "too common" in common.get_data(as_text=True)
    differ = _set_password(client, link, PASSWORD, "something else entirely")
    assert "differ" in differ.get_data(as_text=True)
    done = _set_password(client, link, PASSWORD)
    assert done.status_code == 302
    assert client.get("/manage/").status_code == 200
    # Used once: the link is spent.
    path = "/" + link.split("://", 1)[1].partition("/")[2]
    assert https_client(staffed_app).get(path).status_code == 404


def test_link_expires_after_seven_days(staffed_app):
    link = _invite(staffed_app.test_cli_runner(), "create-admin", "--email", "boss@dir.org")
    with staffed_app.app_context():
        row = db.session.scalars(select(AccountLink)).one()
        row.expires_at -= timedelta(days=7, seconds=1)
        db.session.commit()
    path = "/" + link.split("://", 1)[1].partition("/")[2]
    assert https_client(staffed_app).get(path).status_code == 404


def test_cli_refuses_unknown_organization_and_duplicates(staffed_app):
    runner = staffed_app.test_cli_runner()
    result = runner.invoke(
        args=["users", "invite", "--role", "editor", "--org", "nope", "--email", "x@y.org"]
    )
    assert result.exit_code != 0 and "no organization" in result.output
    result = runner.invoke(args=["users", "create-admin", "--email", "admin@example.org"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_sign_in_rotates_a_secure_httponly_lax_cookie(staffed_app):
    client = https_client(staffed_app)
    before = client.get_cookie("session")
    assert before is None or before.value
    csrf_token(client)
    anonymous = client.get_cookie("session").value
    response = sign_in(client, "editor_a")
    assert response.status_code == 302
    header = response.headers["Set-Cookie"]
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert client.get_cookie("session").value != anonymous


def test_wrong_password_is_refused(staffed_app):
    client = https_client(staffed_app)
    response = sign_in(client, "editor_a", "not the password at all")
    assert response.status_code == 200
    assert "Wrong email or password" in response.get_data(as_text=True)
    assert client.get("/manage/").status_code == 302


def test_sixth_failed_sign_in_is_429_per_account(staffed_app):
    for attempt in range(5):
        client = https_client(staffed_app)  # a fresh session each time: no cookie helps
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{attempt}"
        assert sign_in(client, "editor_a", "wrong password here").status_code == 200
    client = https_client(staffed_app)
    client.environ_base["REMOTE_ADDR"] = "10.0.0.99"
    assert sign_in(client, "editor_a", PASSWORD).status_code == 429


def test_sixth_failed_sign_in_is_429_per_address(staffed_app):
    client = https_client(staffed_app)
    for attempt in range(5):
        response = sign_in(client, f"nobody{attempt}@example.org", "wrong password here")
        assert response.status_code == 200
    assert sign_in(client, "advocate").status_code == 429


def test_successful_sign_ins_do_not_count(staffed_app):
    for _ in range(7):
        client = https_client(staffed_app)
        assert sign_in(client, "admin").status_code == 302


def test_csrf_missing_or_wrong_is_400(staffed_app):
    client = https_client(staffed_app)
    csrf_token(client)
    data = {"email": "admin@example.org", "password": PASSWORD}
    assert client.post("/manage/login", data=data).status_code == 400
    assert client.post("/manage/login", data={**data, "csrf_token": "x"}).status_code == 400


def test_sign_out_ends_the_session_everywhere(staffed_app):
    client = https_client(staffed_app)
    sign_in(client, "admin")
    copied = client.get_cookie("session").value
    token = csrf_token(client, "/manage/")
    assert client.post("/manage/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/manage/").status_code == 302
    replay = https_client(staffed_app)
    replay.set_cookie("session", copied)
    assert replay.get("/manage/").status_code == 302


def test_passwords_are_stored_as_scrypt_hashes(staffed_app):
    with staffed_app.app_context():
        user = db.session.scalars(select(User)).first()
        assert user.password_hash.startswith("scrypt:")
        assert PASSWORD not in user.password_hash


def test_manage_pages_in_the_interface_languages(staffed_app):
    client = https_client(staffed_app)
    page = client.get("/manage/login?lang=es").get_data(as_text=True)
    assert 'lang="es"' in page
    arabic = client.get("/manage/login", headers={"Accept-Language": "ar"})
    assert 'dir="rtl"' in arabic.get_data(as_text=True)
