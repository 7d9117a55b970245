"""Markup typed into any editable field is shown as text on every page that shows it, and the
audit CSV never hands a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import ListingChange, ProblemReport

from ..staff import LISTING_A, csrf_token, edit_form

PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
# Phone labels may not hold quotes or brackets: the same attack without them.
PHONE_PAYLOAD = "<script>alert`3`</script><img src=x onerror=alert`4`>"
# Web addresses may not hold spaces: the same attack without them.
URL_PAYLOAD = "\"'><script>alert(5)</script><img/src=x/onerror=alert(6)>"
RAW = ("<script>alert", "<img src=x", "<img/src=x")
EDIT = f"/manage/listings/{LISTING_A}/edit"
TEXT_COLUMNS = (
    "name", "description", "address", "city", "eligibility", "intake", "documents_required",
    "accessibility", "service_area", "notes",
)  # fmt: skip
# A spreadsheet runs a cell starting with one of these.
FORMULAS = {
    "intake": '=HYPERLINK("http://evil.example","x")',
    "eligibility": "+1+cmd|' /C calc'!A0",
    "accessibility": "-2+3",
    "documents_required": "@SUM(1+1)",
    "service_area": "\t=1+1",
}


def _post(client, path: str, data: dict) -> None:
    response = client.post(path, data=data)
    assert response.status_code in (200, 302), (path, response.status_code)


def _marked_up_listing(app, as_user) -> dict[str, object]:
    """Put PAYLOAD in every field anyone can type into, by every way in; return the clients."""
    admin, editor = as_user("admin"), as_user("editor_a")
    form = edit_form(admin, EDIT) | {column: f"{column} {PAYLOAD}" for column in TEXT_COLUMNS}
    form |= {
        "phone": f"212-555-0100 ({PHONE_PAYLOAD})",
        "website": f"https://example.org/{URL_PAYLOAD}",
        "source_url": f"https://example.org/source/{URL_PAYLOAD}",
    }
    _post(admin, EDIT, form)  # an admin's edit applies at once: public pages show it
    token = csrf_token(admin, "/manage/")
    _post(
        admin,
        f"/manage/listings/{LISTING_A}/staff",
        {"csrf_token": token, "referral_protocol": PAYLOAD, "staff_phone": PAYLOAD[:40]},
    )
    # A rejected change (its reason on the editor's dashboard), then a pending one (its diff).
    _post(editor, EDIT, edit_form(editor, EDIT) | {"intake": f"first {PAYLOAD}"})
    with app.app_context():
        rejected = db.session.scalars(select(ListingChange.id)).all()[-1]
    _post(admin, f"/manage/review/{rejected}/reject", {"csrf_token": token, "reason": PAYLOAD})
    _post(editor, EDIT, edit_form(editor, EDIT) | {"description": f"second {PAYLOAD}"} | FORMULAS)
    # A problem report from the public, with a correction.
    public = app.test_client()
    page = public.get(f"/en/providers/{LISTING_A}/report").get_data(as_text=True)
    form_token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    _post(
        public,
        f"/en/providers/{LISTING_A}/report",
        {"form_token": form_token, "problem": PAYLOAD, "correction": PAYLOAD},
    )
    with app.app_context():
        report_id = db.session.scalars(select(ProblemReport.id)).one()
    return {"admin": admin, "editor": editor, "public": public, "report": report_id}


@pytest.fixture
def marked_up(staffed_app, as_user):
    return _marked_up_listing(staffed_app, as_user)


def _assert_escaped(response) -> None:
    path = response.request.path
    assert response.status_code == 200, (path, response.status_code)
    body = response.get_data(as_text=True)
    for raw in RAW:
        assert raw not in body, (path, raw)


def test_public_pages_show_markup_as_text(marked_up):
    public = marked_up["public"]
    for lang in ("en", "ar"):  # Arabic pages isolate names through another filter
        detail = public.get(f"/{lang}/providers/{LISTING_A}")
        _assert_escaped(detail)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail.get_data(as_text=True)
        _assert_escaped(public.post(f"/{lang}/search", data={"q": "name"}))
        _assert_escaped(public.get(f"/{lang}/listings"))
        _assert_escaped(public.get(f"/{lang}/providers/{LISTING_A}/report"))
    results = public.post("/en/search", data={"q": "name"}).get_data(as_text=True)
    assert LISTING_A in results  # the listing is among the results being checked


def test_referral_sheet_and_its_text_message_show_markup_as_text(marked_up):
    response = marked_up["public"].post("/en/referral", data={"pick": LISTING_A})
    _assert_escaped(response)
    body = response.get_data(as_text=True)
    # The text to copy holds the characters themselves, escaped inside the textarea...
    assert "name &#34;&#39;&gt;&lt;script&gt;" in body
    # ...and the text-message link carries them percent-encoded.
    sms = re.search(r'href="(sms:\?[^"]+)"', body).group(1)
    assert "%3Cscript%3E" in sms and "<" not in sms


def test_staff_pages_show_markup_as_text(marked_up):
    admin, editor, report = marked_up["admin"], marked_up["editor"], marked_up["report"]
    pages = {
        "listing": admin.get(f"/manage/listings/{LISTING_A}"),
        "listings": admin.get("/manage/listings"),
        "edit": admin.get(EDIT),
        "edit from report": admin.get(f"{EDIT}?report={report}"),
        "review": admin.get("/manage/review"),
        "history": admin.get(f"/manage/listings/{LISTING_A}/history"),
        "dashboard": editor.get("/manage/"),
        "editor's listing": editor.get(f"/manage/listings/{LISTING_A}"),
    }
    for response in pages.values():
        _assert_escaped(response)
    # Each page really shows the typed text (escaped), so the check above is not vacuous.
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for name in ("listing", "edit", "edit from report", "review", "history", "dashboard"):
        assert escaped in pages[name].get_data(as_text=True), name
    review = pages["review"].get_data(as_text=True)
    assert f"second &#34;&#39;&gt;{escaped}" in review  # the pending change's diff
    assert review.count(escaped) >= 3  # ...and the report's problem and correction


def test_audit_csv_neutralises_formulas(marked_up):
    response = marked_up["admin"].get("/manage/audit.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    # Markup is data in a CSV file; it is kept as typed.
    assert any(PAYLOAD in cell for cell in cells)


def test_audit_csv_formulas_come_from_applied_changes(staffed_app, marked_up):
    admin = marked_up["admin"]
    with staffed_app.app_context():
        pending = db.session.scalars(
            select(ListingChange.id).where(ListingChange.status == "pending")
        ).one()
    token = csrf_token(admin, "/manage/")
    assert (
        admin.post(f"/manage/review/{pending}/approve", data={"csrf_token": token}).status_code
        == 302
    )
    rows = list(csv.DictReader(io.StringIO(admin.get("/manage/audit.csv").get_data(as_text=True))))
    new_values = {row["field"]: row["new_value"] for row in rows}
    for column, formula in FORMULAS.items():
        assert new_values[column] == "'" + formula.strip(), column
