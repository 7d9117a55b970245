"""Staff forms and requests keep to the columns' sizes and refuse NUL, on every database."""

from __future__ import annotations

import pytest

from directory.extensions import db
from directory.manage.models import StaffNotes
from directory.providers.models import Provider
from directory.sizes import max_length

from ..staff import LISTING_A, csrf_token
from .test_editing import EDIT, _form


def test_an_edit_as_long_as_the_column_is_saved_one_more_is_explained(staffed_app, as_user):
    admin = as_user("admin")
    length = max_length(Provider.name)
    refused = admin.post(EDIT, data=_form(admin) | {"name": "N" * (length + 1)})
    assert refused.status_code == 422
    assert f"at most {length} characters" in refused.get_data(as_text=True)
    saved = admin.post(EDIT, data=_form(admin) | {"name": "N" * length})
    assert saved.status_code == 302
    with staffed_app.app_context():
        assert db.session.get(Provider, LISTING_A).name == "N" * length


def test_an_edit_with_an_over_long_phone_label_is_explained(staffed_app, as_user):
    admin = as_user("admin")
    label = "l" * 201
    response = admin.post(EDIT, data=_form(admin) | {"phone": f"718-555-0100 ({label})"})
    assert response.status_code == 422
    assert "at most 200 characters" in response.get_data(as_text=True)


def test_staff_phone_longer_than_its_column_is_refused(staffed_app, as_user):
    editor = as_user("editor_a")
    length = max_length(StaffNotes.staff_phone)
    response = editor.post(
        f"/manage/listings/{LISTING_A}/staff",
        data={"csrf_token": csrf_token(editor, "/manage/"), "staff_phone": "1" * (length + 1)},
        follow_redirects=True,
    )
    assert f"at most {length} characters" in response.get_data(as_text=True)
    with staffed_app.app_context():
        assert db.session.get(StaffNotes, LISTING_A) is None


@pytest.mark.parametrize(
    "path",
    ["/en/providers/%00", "/api/v1/providers/a%00b", "/hsds/organizations/%00", "/manage/%00"],
)
def test_a_nul_in_a_path_is_not_found_not_a_server_error(staffed_app, path):
    assert staffed_app.test_client().get(path).status_code == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/en/providers/{LISTING_A}?lang=%00", 400),
        ("/api/v1/search?near=%00", 422),  # the APIs answer as they document
        ("/hsds/services?search=a%00", 422),
        ("/hsds/services?organization_id=%00", 422),
        ("/hsds/taxonomy_terms?taxonomy_id=%00", 422),
        ("/hsds/organizations?unknown=%00", 200),
    ],
)
def test_a_nul_in_a_query_is_refused_before_any_lookup(staffed_app, path, status):
    response = staffed_app.test_client().get(path)
    assert response.status_code == status
    if status != 200:
        assert (
            "NUL character" in response.get_data(as_text=True) or "near" in response.json["errors"]
        )


def test_an_admin_audit_export_for_a_nul_listing_is_refused(staffed_app, as_user):
    assert as_user("admin").get("/manage/audit.csv?listing=%00").status_code == 400


def test_a_nul_in_a_form_or_json_body_is_a_bad_request(staffed_app, as_user):
    client = staffed_app.test_client()
    assert client.post("/en/search", data={"q": "legal", "near": "Queens\x00"}).status_code == 400
    # A JSON body gets the API's documented answers (its schema ignores unknown keys).
    assert client.post("/api/v1/search", json={"q": "legal", "near": "\x00"}).status_code == 422
    assert client.post("/api/v1/search", json={"q": "legal\x00", "\x00": 1}).status_code == 200
    login = as_user(None).post("/manage/login", data={"email": "a\x00@b.org", "password": "x"})
    assert login.status_code == 400
    editor = as_user("editor_a")
    response = editor.post(EDIT, data=_form(editor) | {"description": "Free\x00help"})
    assert response.status_code == 400
    with staffed_app.app_context():
        assert "\x00" not in (db.session.get(Provider, LISTING_A).description or "")
