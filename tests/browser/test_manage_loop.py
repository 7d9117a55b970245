"""The whole loop in a real browser: invite, set a password, edit, approve, see it public."""

from __future__ import annotations

import re
import subprocess
import sys

from sqlalchemy import create_engine, text

from .conftest import ROOT, SERVER_ENVS

PASSWORD = "plum orbit lantern cactus"


def _link(server: str, *args: str) -> str:
    """Run `flask users ...` on the server's database; return the one-time link it prints."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "users", *args],
        cwd=ROOT,
        env=SERVER_ENVS[server],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return re.search(r"https?://\S+/manage/password/\S+", result.stdout).group(0)


def _a_listing(server: str) -> tuple[str, str, str]:
    """(id, name, organization id) of an active listing on the server's database."""
    engine = create_engine(SERVER_ENVS[server]["DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT id, name, organization_id FROM provider WHERE status = 'active' "
                    "ORDER BY id LIMIT 1"
                )
            ).one()
    finally:
        engine.dispose()


def _set_password(page, link: str) -> None:
    page.goto(link)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/manage/$"))


def test_invite_edit_approve_then_public(browser, server):
    listing, name, organization = _a_listing(server)
    changed = f"{name} (Main Street)"
    editor_link = _link(
        server, "invite", "--role", "editor", "--org", organization, "--email", "ed@qla.org"
    )
    admin_link = _link(server, "create-admin", "--email", "chief@directory.org")

    editor = browser.new_context().new_page()
    _set_password(editor, editor_link)
    response = editor.goto(f"{server}/manage/listings/{listing}/edit")
    assert response.ok and editor.locator("#f-name").count() == 1, (
        response.status,
        editor.url,
        editor.inner_text("main")[:300],
    )
    editor.fill("#f-name", changed)
    editor.click("main form button[type=submit]")
    editor.wait_for_url(re.compile(rf"/manage/listings/{listing}$"))
    assert "administrator will review" in editor.content()

    public = browser.new_context().new_page()
    public.goto(f"{server}/en/providers/{listing}")
    assert "(Main Street)" not in public.content()

    admin = browser.new_context().new_page()
    _set_password(admin, admin_link)
    admin.goto(f"{server}/manage/review")
    assert "(Main Street)" in admin.content()
    admin.click("form[action*='/approve'] button")
    admin.wait_for_url(re.compile(r"/manage/review$"))
    assert "Nothing is waiting" in admin.content()

    public.goto(f"{server}/en/providers/{listing}")
    text = public.inner_text("main")
    assert changed in text
    assert "Verified today" in text
    assert public.context.cookies() == []  # the public page set no cookie
    for page in (editor, admin, public):
        page.context.close()
