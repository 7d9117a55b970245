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
    [
        "/en/providers/%00",
        f"/en/providers/{LISTING_A}?lang=%00",
        "/api/v1/search?near=%00",
        "/api/v1/providers/a%00b",
        "/hsds/services?search=a%00",
        "/hsds/organizations/%00",
    ],
)
def test_a_nul_in_a_url_is_a_bad_request_not_a_server_error(staffed_app, path):
    response = staffed_app.test_client().get(path)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


def test_a_nul_in_a_form_or_json_body_is_a_bad_request(staffed_app, as_user):
    client = staffed_app.test_client()
    assert client.post("/en/search", data={"q": "legal", "near": "Queens\x00"}).status_code == 400
    assert client.post("/api/v1/search", json={"q": "legal", "near": "\x00"}).status_code == 400
    assert client.post("/api/v1/search", json={"q": ["a", {"\x00": 1}]}).status_code == 400
    login = as_user(None).post("/manage/login", data={"email": "a\x00@b.org", "password": "x"})
    assert login.status_code == 400
    editor = as_user("editor_a")
    response = editor.post(EDIT, data=_form(editor) | {"description": "Free\x00help"})
    assert response.status_code == 400
    with staffed_app.app_context():
        assert "\x00" not in (db.session.get(Provider, LISTING_A).description or "")
