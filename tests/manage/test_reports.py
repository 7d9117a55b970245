"""Problem reports: no cookie, a signed form token, a honeypot, a limit, the admin queue."""

from __future__ import annotations

import re

from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import ListingChange, ProblemReport
from directory.providers.models import Provider

from ..staff import LISTING_A, csrf_token, edit_form

REPORT = f"/en/providers/{LISTING_A}/report"


def _token(client) -> str:
    page = client.get(REPORT).get_data(as_text=True)
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def _reports(app) -> list[ProblemReport]:
    with app.app_context():
        return list(db.session.scalars(select(ProblemReport)))


def test_a_report_needs_no_cookie_and_lands_in_the_queue(staffed_app, as_user):
    client = staffed_app.test_client()
    response = client.post(
        REPORT,
        data={"form_token": _token(client), "problem": "The hotline number is disconnected.",
              "correction": "212-555-0100", "website": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    [report] = _reports(staffed_app)
    assert report.problem == "The hotline number is disconnected."
    queue = as_user("admin").get("/manage/review").get_data(as_text=True)
    assert "The hotline number is disconnected." in queue


def test_forged_or_missing_token_is_refused(staffed_app):
    client = staffed_app.test_client()
    for token in ("", "forged"):
        response = client.post(REPORT, data={"form_token": token, "problem": "Wrong hours."})
        assert response.status_code == 400
    assert _reports(staffed_app) == []


def test_honeypot_stores_nothing(staffed_app):
    client = staffed_app.test_client()
    data = {"form_token": _token(client), "problem": "spam", "website": "http://spam"}
    assert client.post(REPORT, data=data).status_code == 200
    assert _reports(staffed_app) == []


def test_reports_are_rate_limited_per_address(staffed_app):
    client = staffed_app.test_client()
    token = _token(client)
    codes = [
        client.post(REPORT, data={"form_token": token, "problem": f"Problem {n}"}).status_code
        for n in range(6)
    ]
    assert codes == [200] * 5 + [429]
    refused = client.post(REPORT, data={"form_token": token, "problem": "One more"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "try again later" in page
    assert 'id="quick-exit"' in page  # a survivor page, with its quick exit
    assert int(refused.headers["Retry-After"]) >= 1


def test_report_becomes_a_change_that_does_not_verify(staffed_app, as_user):
    client = staffed_app.test_client()
    client.post(REPORT, data={"form_token": _token(client), "problem": "Closed on Fridays."})
    [report] = _reports(staffed_app)
    admin = as_user("admin")
    page = admin.get(f"/manage/listings/{LISTING_A}/edit?report={report.id}")
    assert "Closed on Fridays." in page.get_data(as_text=True)
    form = edit_form(admin, f"/manage/listings/{LISTING_A}/edit?report={report.id}")
    form["report"] = str(report.id)
    form["hours"] = "Mo-Th 09:00-17:00"
    assert admin.post(f"/manage/listings/{LISTING_A}/edit", data=form).status_code == 302
    with staffed_app.app_context():
        assert db.session.get(ProblemReport, report.id).status == "converted"
        change = db.session.scalars(select(ListingChange)).one()
        assert change.source == "report"
        assert db.session.get(Provider, LISTING_A).last_verified is None


def test_dismiss_a_report(staffed_app, as_user):
    client = staffed_app.test_client()
    client.post(REPORT, data={"form_token": _token(client), "problem": "Not a real problem"})
    [report] = _reports(staffed_app)
    admin = as_user("admin")
    token = csrf_token(admin, "/manage/")
    admin.post(f"/manage/reports/{report.id}/dismiss", data={"csrf_token": token})
    assert _reports(staffed_app)[0].status == "dismissed"
