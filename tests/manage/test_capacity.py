"""Bed and slot availability: set by an editor, shown on public pages while it is recent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from directory.extensions import db
from directory.manage.models import AuditEntry, ServiceCapacity

from ..staff import LISTING_A, csrf_token

DETAIL = f"/en/providers/{LISTING_A}"


def _set(as_user, **form) -> None:
    editor = as_user("editor_a")
    token = csrf_token(editor, f"/manage/listings/{LISTING_A}")
    response = editor.post(
        f"/manage/listings/{LISTING_A}/capacity", data={"csrf_token": token, **form}
    )
    assert response.status_code in (302, 303)


def _age(app, hours: float) -> None:
    with app.app_context():
        capacity = db.session.scalars(select(ServiceCapacity)).one()
        capacity.updated_at = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours)
        db.session.commit()


def _results(client) -> str:
    return client.post("/en/search", data={"q": "legal"}).get_data(as_text=True)


def test_availability_is_shown_on_results_and_detail_with_its_age(staffed_app, as_user):
    public = staffed_app.test_client()
    assert "available (updated" not in public.get(DETAIL).get_data(as_text=True)
    _set(as_user, available="3", unit="beds")
    assert "3 beds available (updated" in public.get(DETAIL).get_data(as_text=True)
    assert "3 beds available (updated" in _results(public)
    spanish = public.get(f"/es/providers/{LISTING_A}").get_data(as_text=True)
    assert "Camas disponibles: 3 (actualizado" in spanish
    _set(as_user, available="1", unit="appointments")
    assert "1 appointment available (updated" in public.get(DETAIL).get_data(as_text=True)
    with staffed_app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.field == "capacity")).all()
    assert [(e.old_value, e.new_value) for e in entries] == [(None, "3/"), ("3/", "1/")]


def test_availability_older_than_the_setting_is_not_shown(staffed_app, as_user):
    _set(as_user, available="4", unit="beds")
    public = staffed_app.test_client()
    _age(staffed_app, 47)
    page = public.get(DETAIL).get_data(as_text=True)
    assert "4 beds available (updated 1 day ago)" in page or "(updated 2 days ago)" in page
    _age(staffed_app, 49)  # CAPACITY_SHOWN_HOURS is 48
    assert "beds available" not in public.get(DETAIL).get_data(as_text=True)
    assert "beds available" not in _results(public)
    staffed_app.config["CAPACITY_SHOWN_HOURS"] = 72
    assert "4 beds available" in public.get(DETAIL).get_data(as_text=True)


def test_bad_availability_is_refused_and_nothing_changes(staffed_app, as_user):
    for form in ({"available": "-1"}, {"available": "three"}, {"available": "2", "unit": "x"}):
        _set(as_user, **form)
    with staffed_app.app_context():
        assert db.session.scalars(select(ServiceCapacity)).all() == []
