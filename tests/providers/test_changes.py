"""The durable change record: every write path records its listings in the same transaction."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.hsds.importer import import_package
from directory.providers.changes import ChangeRecord, latest_seq, prune, record_changes
from directory.providers.importer import import_providers
from directory.providers.models import Organization, Phone, Provider

from ..staff import LISTING_A, LISTING_B, csrf_token, https_client, seed_staff, sign_in

FIXTURES = Path(__file__).parent.parent / "fixtures"
THREE = {"brooklyn-legal-clinic", "queens-safe-house", "national-line"}


def _recorded(app, after: int = 0) -> list[str]:
    with app.app_context():
        query = select(ChangeRecord.provider_id).where(ChangeRecord.seq > after)
        return list(db.session.scalars(query.order_by(ChangeRecord.seq)))


def _latest(app) -> int:
    with app.app_context():
        return latest_seq(db.session)


def _import(app, path: Path = FIXTURES / "providers_good.csv", dry_run: bool = False):
    with app.app_context():
        return import_providers(path, OfflineGeocoder(), "America/New_York", dry_run=dry_run)


def test_an_import_records_every_listing_it_writes_and_nothing_when_unchanged(app):
    assert _import(app).created == 3
    assert set(_recorded(app)) == THREE
    seq = _latest(app)
    assert _import(app).unchanged == 3
    assert _recorded(app, seq) == []


def test_a_dry_run_or_a_rolled_back_change_records_nothing(app):
    assert _import(app, dry_run=True).created == 3
    assert _recorded(app) == []
    _import(app)
    seq = _latest(app)
    with app.app_context():
        db.session.get(Provider, LISTING_A).name = "Never committed"
        db.session.flush()
        db.session.rollback()
    assert _recorded(app, seq) == []


def test_edits_of_a_listing_its_phones_and_its_organization_are_recorded(app):
    _import(app)
    seq = _latest(app)
    with app.app_context():
        provider = db.session.get(Provider, LISTING_A)
        provider.phones = [Phone(number="+12125550100", type="voice", position=0)]
        db.session.commit()
    assert _recorded(app, seq) == [LISTING_A]
    seq = _latest(app)
    with app.app_context():
        db.session.get(Provider, LISTING_A).phones[0].number = "+12125550199"
        db.session.commit()
    assert _recorded(app, seq) == [LISTING_A]
    seq = _latest(app)
    with app.app_context():
        organization = db.session.get(Provider, LISTING_B).organization
        organization.name = "Renamed Shelter Network"
        db.session.commit()
        expected = set(
            db.session.scalars(
                select(Provider.id).where(Provider.organization_id == organization.id)
            )
        )
    assert set(_recorded(app, seq)) == expected and LISTING_B in expected
    seq = _latest(app)
    with app.app_context():
        db.session.delete(db.session.get(Provider, LISTING_B))
        db.session.commit()
    assert _recorded(app, seq) == [LISTING_B]


def test_setting_a_value_to_what_it_was_records_nothing(app):
    _import(app)
    seq = _latest(app)
    with app.app_context():
        provider = db.session.get(Provider, LISTING_A)
        provider.name = provider.name
        organization = db.session.get(Organization, provider.organization_id)
        organization.name = organization.name
        db.session.commit()
    assert _recorded(app, seq) == []


def test_record_changes_writes_in_the_callers_transaction(app):
    with app.app_context():
        record_changes(db.session, ["a", "b", "a"])
        db.session.rollback()
        assert latest_seq(db.session) == 0
        record_changes(db.session, ["a", "b", "a"])
        db.session.commit()
    assert _recorded(app) == ["a", "b"]


def test_an_hsds_import_records_its_listings(app):
    with app.app_context():
        report = import_package(FIXTURES / "hsds-example", OfflineGeocoder(), "America/New_York")
        assert report.ok
        written = set(db.session.scalars(select(Provider.id)))
    assert written and set(_recorded(app)) == written


@pytest.fixture
def admin(app):
    seed_staff(app)
    client = https_client(app)
    assert sign_in(client, "admin").status_code == 302
    return client


def test_staff_verification_capacity_and_deactivation_are_recorded(app, admin):
    seq = _latest(app)
    token = csrf_token(admin, "/manage/")
    assert (
        admin.post(f"/manage/listings/{LISTING_A}/verify", data={"csrf_token": token}).status_code
        < 400
    )
    assert _recorded(app, seq) == [LISTING_A]
    seq = _latest(app)
    form = {"csrf_token": token, "available": "3", "maximum": "10", "unit": "beds"}
    assert admin.post(f"/manage/listings/{LISTING_B}/capacity", data=form).status_code < 400
    assert _recorded(app, seq) == [LISTING_B]
    seq = _latest(app)
    response = admin.post(f"/manage/listings/{LISTING_B}/deactivate", data={"csrf_token": token})
    assert response.status_code < 400
    with app.app_context():
        assert db.session.get(Provider, LISTING_B).status == "inactive"
    assert _recorded(app, seq) == [LISTING_B]


def test_pruning_keeps_recent_records_and_the_newest(app):
    _import(app)
    with app.app_context():
        db.session.execute(ChangeRecord.__table__.update().values(recorded_at=datetime(2000, 1, 1)))
        assert prune(db.session, keep_days=30) == 2
        db.session.commit()
        assert [r.seq for r in db.session.scalars(select(ChangeRecord))] == [latest_seq(db.session)]


def test_a_held_wake_up_is_sent_once_after_the_block(app):
    from directory.providers.changes import changes_committed, wake_up_held

    sent = []

    def received(session, **_):
        sent.append(session)

    with app.app_context(), changes_committed.connected_to(received):
        with wake_up_held(db.session()):
            report = import_providers(
                FIXTURES / "providers_good.csv", OfflineGeocoder(), "America/New_York"
            )
            assert report.created == 3
            assert sent == []  # committed, but held until the import's memory is freed
        assert len(sent) == 1
        with wake_up_held(db.session()):
            pass  # nothing committed: nothing sent
        assert len(sent) == 1
        import_providers(FIXTURES / "providers_good.csv", OfflineGeocoder(), "America/New_York")
        assert len(sent) == 1  # unchanged: nothing recorded, no wake-up
