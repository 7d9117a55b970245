"""The whole loop in a real browser: invite, set a password, edit, approve, see it public."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT, SERVER_ENV

LISTING = "flushing-legal"
ORGANIZATION = "queens-law-aid"
PASSWORD = "plum orbit lantern cactus"


def _link(*args: str) -> str:
    """Run `flask users ...` on the server's database; return the one-time link it prints."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "users", *args],
        cwd=ROOT,
        env=SERVER_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return re.search(r"https?://\S+/manage/password/\S+", result.stdout).group(0)


def _set_password(page, link: str) -> None:
    page.goto(link)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/manage/$"))


def test_invite_edit_approve_then_public(browser, server):
    editor_link = _link(
        "invite", "--role", "editor", "--org", ORGANIZATION, "--email", "ed@qla.org"
    )
    admin_link = _link("create-admin", "--email", "chief@directory.org")

    editor = browser.new_context().new_page()
    _set_password(editor, editor_link)
    editor.goto(f"{server}/manage/listings/{LISTING}/edit")
    editor.fill("#f-name", "Flushing Immigration Legal Clinic (Main Street)")
    editor.click("main form button[type=submit]")
    editor.wait_for_url(re.compile(rf"/manage/listings/{LISTING}$"))
    assert "administrator will review" in editor.content()

    public = browser.new_context().new_page()
    public.goto(f"{server}/en/providers/{LISTING}")
    assert "(Main Street)" not in public.content()

    admin = browser.new_context().new_page()
    _set_password(admin, admin_link)
    admin.goto(f"{server}/manage/review")
    assert "(Main Street)" in admin.content()
    admin.click("form[action*='/approve'] button")
    admin.wait_for_url(re.compile(r"/manage/review$"))
    assert "Nothing is waiting" in admin.content()

    public.goto(f"{server}/en/providers/{LISTING}")
    text = public.inner_text("main")
    assert "Flushing Immigration Legal Clinic (Main Street)" in text
    assert "Verified today" in text
    assert public.context.cookies() == []  # the public page set no cookie
    for page in (editor, admin, public):
        page.context.close()
