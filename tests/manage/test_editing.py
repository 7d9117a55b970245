"""The editing flow: pending changes, review, approval into search, concurrency, audit."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import AuditEntry, ListingChange
from directory.providers.models import Provider, Status
from directory.search.extension import search_service
from directory.search.service import SearchRequest

from ..staff import LISTING_A, csrf_token, edit_form

EDIT = f"/manage/listings/{LISTING_A}/edit"


def _form(client, path: str = EDIT) -> dict[str, str]:
    return edit_form(client, path)


def _found(app, words: str) -> list[str]:
    with app.app_context():
        return [hit.id for hit in search_service().search(SearchRequest(q=words)).hits]


def _approve_all(client) -> None:
    with client.application.app_context():
        ids = db.session.scalars(select(ListingChange.id).where(ListingChange.status == "pending"))
        ids = list(ids)
    for change_id in ids:
        token = csrf_token(client, "/manage/")
        response = client.post(f"/manage/review/{change_id}/approve", data={"csrf_token": token})
        assert response.status_code == 302


def test_editor_change_waits_for_review_then_reaches_search(staffed_app, as_user):
    assert _found(staffed_app, "Zanzibar") == []
    editor = as_user("editor_a")
    form = _form(editor)
    form["name"] = "Zanzibar Immigration Clinic"
    response = editor.post(EDIT, data=form)
    assert response.status_code == 302
    # Pending: invisible to search and to the public page.
    assert _found(staffed_app, "Zanzibar") == []
    public = staffed_app.test_client().get(f"/en/providers/{LISTING_A}").get_data(as_text=True)
    assert "Zanzibar" not in public
    admin = as_user("admin")
    queue = admin.get("/manage/review").get_data(as_text=True)
    assert "Zanzibar Immigration Clinic" in queue and "Immigration Legal Clinic" in queue
    with staffed_app.app_context():
        change_id = db.session.scalars(select(ListingChange.id)).one()
    token = csrf_token(admin, "/manage/")
    # From the approval to search finding it: within a second.
    started = time.monotonic()
    response = admin.post(f"/manage/review/{change_id}/approve", data={"csrf_token": token})
    assert response.status_code == 302
    assert _found(staffed_app, "Zanzibar") == [LISTING_A]
    assert time.monotonic() - started < 1.0
    public = staffed_app.test_client().get(f"/en/providers/{LISTING_A}").get_data(as_text=True)
    assert "Zanzibar Immigration Clinic" in public and "Verified today" in public
    with staffed_app.app_context():
        provider = db.session.get(Provider, LISTING_A)
        assert provider.last_verified == date.today()
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.provider_id == LISTING_A)
        ).all()
    by_field = {entry.field: entry for entry in entries}
    assert by_field["name"].old_value == "Immigration Legal Clinic"
    assert by_field["name"].new_value == "Zanzibar Immigration Clinic"
    assert by_field["name"].changed_by == "editor_a@example.org"
    assert by_field["name"].approved_by == "admin@example.org"
    assert "last_verified" in by_field


def test_invalid_edit_gets_the_importers_messages(as_user):
    editor = as_user("editor_a")
    form = _form(editor) | {"postal_code": "1120", "services": "shelterz"}
    response = editor.post(EDIT, data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "use a five-digit ZIP code, e.g. 11201" in page
    assert "unknown service type &#39;shelterz&#39;" in page


def test_second_concurrent_edit_is_refused(as_user):
    first, second = as_user("editor_a"), as_user("admin")
    form_one, form_two = _form(first), _form(second)
    assert first.post(EDIT, data=form_one | {"intake": "Call first."}).status_code == 302
    refused = second.post(EDIT, data=form_two | {"intake": "Walk in."})
    assert refused.status_code == 409
    assert "changed since you opened the form" in refused.get_data(as_text=True)


def test_approval_refused_when_the_listing_changed_since(staffed_app, as_user):
    editor, admin = as_user("editor_a"), as_user("admin")
    editor.post(EDIT, data=_form(editor) | {"intake": "From the editor."})
    admin.post(EDIT, data=_form(admin) | {"eligibility": "Direct admin edit."})
    with staffed_app.app_context():
        pending = db.session.scalars(
            select(ListingChange).where(ListingChange.status == "pending")
        ).one()
    token = csrf_token(admin, "/manage/")
    response = admin.post(f"/manage/review/{pending.id}/approve", data={"csrf_token": token})
    assert response.status_code == 303
    assert "would undo" in admin.get("/manage/review").get_data(as_text=True)


def test_admin_edits_apply_directly(staffed_app, as_user):
    admin = as_user("admin")
    assert admin.post(EDIT, data=_form(admin) | {"name": "Quetzal Legal"}).status_code == 302
    assert _found(staffed_app, "Quetzal") == [LISTING_A]


def test_reject_needs_a_reason_the_editor_sees(staffed_app, as_user):
    editor, admin = as_user("editor_a"), as_user("admin")
    editor.post(EDIT, data=_form(editor) | {"name": "Wrong Name"})
    with staffed_app.app_context():
        change_id = db.session.scalars(select(ListingChange.id)).one()
    token = csrf_token(admin, "/manage/")
    admin.post(f"/manage/review/{change_id}/reject", data={"csrf_token": token, "reason": ""})
    with staffed_app.app_context():
        assert db.session.get(ListingChange, change_id).status == "pending"
    admin.post(
        f"/manage/review/{change_id}/reject",
        data={"csrf_token": token, "reason": "The name on your website differs."},
    )
    assert "The name on your website differs." in editor.get("/manage/").get_data(as_text=True)
    assert _found(staffed_app, "Wrong") == []


def test_new_listing_and_deactivation_go_through_the_queue(staffed_app, as_user):
    editor, admin = as_user("editor_a"), as_user("admin")
    token = csrf_token(editor, "/manage/")
    response = editor.post(
        "/manage/listings/new",
        data={
            "csrf_token": token,
            "id": "example-new-clinic",
            "name": "Xylophone Family Clinic",
            "services": "legal",
            "source_url": "https://example.org/new",
        },
    )
    assert response.status_code == 302
    assert _found(staffed_app, "Xylophone") == []
    _approve_all(admin)
    assert _found(staffed_app, "Xylophone") == ["example-new-clinic"]
    editor.post("/manage/listings/example-new-clinic/deactivate", data={"csrf_token": token})
    assert _found(staffed_app, "Xylophone") == ["example-new-clinic"]
    _approve_all(admin)
    assert _found(staffed_app, "Xylophone") == []
    with staffed_app.app_context():
        assert db.session.get(Provider, "example-new-clinic").status == Status.inactive


def test_still_accurate_verifies_without_review(staffed_app, as_user):
    editor = as_user("editor_a")
    token = csrf_token(editor, "/manage/")
    editor.post(f"/manage/listings/{LISTING_A}/verify", data={"csrf_token": token})
    with staffed_app.app_context():
        assert db.session.get(Provider, LISTING_A).last_verified == date.today()
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.changed_by != "import")
        ).one()
        assert (entry.field, entry.changed_by) == ("last_verified", "editor_a@example.org")


def test_audit_csv_and_import_rows(staffed_app, as_user):
    admin = as_user("admin")
    admin.post(EDIT, data=_form(admin) | {"intake": "Call first."})
    csv_text = admin.get("/manage/audit.csv").get_data(as_text=True)
    assert "changed_at,provider_id,field,old_value,new_value" in csv_text
    rows = [line.split(",") for line in csv_text.splitlines()]
    edits = [row[4:7] for row in rows if row[1:3] == [LISTING_A, "intake"] and row[5] != "import"]
    assert edits == [["Call first.", "admin@example.org", "admin@example.org"]]
    with staffed_app.app_context():
        imported = db.session.scalars(
            select(AuditEntry).where(AuditEntry.changed_by == "import")
        ).all()
    assert {entry.provider_id for entry in imported} >= {LISTING_A}
