"""Stale listings, and staff-only facts that no public response ever carries."""

from __future__ import annotations

import re
from datetime import date, timedelta

from directory.accounts.models import Role, User
from directory.extensions import db
from directory.hsds.profile import stable_id
from directory.manage.models import StaffNotes
from directory.providers.models import Provider
from directory.search.sync import iter_documents

from ..accounts.test_no_cookie import public_paths
from ..staff import LISTING_A, LISTING_B, ORG_A, csrf_token

SECRET_PROTOCOL = "Warm transfer only via Kestrel intake desk"
SECRET_PHONE = "+1 646 555 0177"


def _leaks(text: str) -> bool:
    """Whether `text` holds a staff-only fact (the phone in any format)."""
    return SECRET_PROTOCOL in text or re.search(r"646\D{0,3}555\D{0,3}0177", text) is not None


def test_stale_command_lists_listings_with_their_editors(staffed_app):
    with staffed_app.app_context():
        db.session.get(Provider, LISTING_A).last_verified = date.today() - timedelta(days=400)
        db.session.get(Provider, LISTING_B).last_verified = date.today()
        db.session.add(
            User(email="gone@example.org", role=Role.editor, organization_id=ORG_A, active=False)
        )
        db.session.commit()
    result = staffed_app.test_cli_runner().invoke(args=["providers", "stale"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith(LISTING_A))
    assert "editor_a@example.org" in line and "gone@example.org" not in line
    assert LISTING_B not in result.output
    shorter = staffed_app.test_cli_runner().invoke(args=["providers", "stale", "--days", "0"])
    assert LISTING_B not in shorter.output  # verified today is not older than 0 days


def test_dashboard_counts_stale_listings_by_organization(staffed_app, as_user):
    # Never verified: Example Legal Aid's clinic; verified this year: the shelter network's.
    page = as_user("admin").get("/manage/").get_data(as_text=True)
    assert "<td>Example Legal Aid</td><td>1</td>" in page
    assert "Example Shelter Network" not in page


def _save_staff_notes(as_user) -> None:
    editor = as_user("editor_a")
    token = csrf_token(editor, "/manage/")
    response = editor.post(
        f"/manage/listings/{LISTING_A}/staff",
        data={"csrf_token": token, "referral_protocol": SECRET_PROTOCOL,
              "staff_phone": SECRET_PHONE},
    )  # fmt: skip
    assert response.status_code == 302


def test_staff_only_facts_are_seen_by_staff_who_may(staffed_app, as_user):
    _save_staff_notes(as_user)
    for role in ("editor_a", "advocate", "admin"):
        page = as_user(role).get(f"/manage/listings/{LISTING_A}").get_data(as_text=True)
        assert SECRET_PROTOCOL in page and SECRET_PHONE in page, role
    assert as_user("editor_b").get(f"/manage/listings/{LISTING_A}").status_code == 403


def test_staff_only_facts_never_reach_a_public_response(staffed_app, as_user, tmp_path):
    _save_staff_notes(as_user)
    with staffed_app.app_context():
        assert db.session.get(StaffNotes, LISTING_A).staff_phone == SECRET_PHONE
        documents = list(iter_documents())
    assert documents and not any(_leaks(str(doc)) for doc in documents)
    client = staffed_app.test_client()
    responses = [client.get(path) for path in public_paths(staffed_app)]
    responses += [client.get(f"/{lang}/providers/{LISTING_A}") for lang in ("en", "ar", "zh-hans")]
    service, organization = stable_id("service", LISTING_A), stable_id("organization", ORG_A)
    responses += [
        client.post("/en/search", data={"q": "legal"}),
        client.post("/en/referral", data={"pick": LISTING_A}),
        client.get("/api/v1/search?q=legal"),
        client.post("/api/v1/search", json={"q": "legal"}),
        client.get(f"/api/v1/providers/{LISTING_A}"),
        client.get("/hsds/services?full_service=true"),
        client.get(f"/hsds/services/{service}"),
        client.get(f"/hsds/organizations/{organization}?full_service=true"),
    ]
    assert all(r.status_code == 200 for r in responses[-4:]), [r.status_code for r in responses]
    assert "Immigration Legal Clinic" in responses[-2].get_data(as_text=True)
    for response in responses:
        body = response.get_data(as_text=True)
        assert not _leaks(body), response.request.path
    export = tmp_path / "export.csv"
    staffed_app.test_cli_runner().invoke(args=["providers", "export", str(export)])
    assert LISTING_A in export.read_text() and not _leaks(export.read_text())
    package = tmp_path / "hsds"
    result = staffed_app.test_cli_runner().invoke(args=["hsds", "export", str(package)])
    assert result.exit_code == 0, result.output
    written = "".join(path.read_text() for path in package.iterdir())
    assert "Immigration Legal Clinic" in written
    assert not _leaks(written)
