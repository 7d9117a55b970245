"""Stored search results: the same answers as results written at the request, and never a
result of an older version of a listing (directory/api/rendered.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from directory.api import rendered, views
from directory.api.renderer import Renderer
from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Organization, Phone, Provider, Status
from directory.providers.schemas import CORE_COLUMNS
from directory.search.extension import build_index

from ..providers.rows import csv_text
from ..search.conftest import LISTINGS

# Several moments of the week, in and out of the listings' hours.
MOMENTS = [datetime(2026, 11, 30, hour, 7, tzinfo=UTC) for hour in (3, 14, 22)]
MOMENTS += [datetime(2026, 12, 5, 16, 59, tzinfo=UTC)]
# The last instant of a minute (16:59:59.999 in New York): stored hours are worked out per
# minute, and a listing closing at 17:00 is still open.
MOMENTS += [datetime(2026, 11, 30, 21, 59, 59, 999999, tzinfo=UTC)]
REQUESTS = [
    {"q": ""},
    {"q": "shelter", "near": "Brooklyn", "radius_km": 40},
    {"q": "lawyer visa", "language": ["zh"]},
    {"q": "", "near": "10036", "sort": "distance", "per_page": 3, "page": 2},
    {"q": "counseling", "service": ["counseling"]},
]


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the API's clock at the moment given."""

    def freeze(moment: datetime) -> None:
        class Clock(datetime):
            @classmethod
            def now(cls, tz=None):
                return moment

        monkeypatch.setattr(views, "datetime", Clock)

    return freeze


@pytest.fixture
def written(monkeypatch):
    """The ids `search_results` wrote from the listings' tables, request by request."""
    calls: list[list[str]] = []
    real = rendered.active_listings_by_id

    def spy(ids):
        calls.append(list(ids))
        return real(ids)

    monkeypatch.setattr(rendered, "active_listings_by_id", spy)
    return calls


def _answers(client) -> list[dict]:
    answers = []
    for body in REQUESTS:
        response = client.post("/api/v1/search", json={"per_page": 20, **body})
        assert response.status_code == 200, response.get_json()
        answers.append(response.get_json())
    return answers


def _store_all(app) -> int:
    with app.app_context():
        Renderer(app).store_all()
        return db.session.scalar(select(func.count()).select_from(rendered.RenderedListing))


def _result(client, listing_id: str) -> dict:
    results = client.post("/api/v1/search", json={"q": "", "per_page": 50}).get_json()["results"]
    return next(r for r in results if r["id"] == listing_id)


def test_stored_results_answer_exactly_as_written_ones(indexed_app, frozen, written):
    client = indexed_app.test_client()
    before = {}
    for moment in MOMENTS:
        frozen(moment)
        before[moment] = _answers(client)
    assert any(written), "without stored results every result is written at the request"
    assert _store_all(indexed_app) == len(LISTINGS)
    written.clear()
    for moment in MOMENTS:
        frozen(moment)
        assert _answers(client) == before[moment]
    assert not any(written), f"written at the request although stored: {written}"
    opened = {r["hours"]["open_now"] for a in before.values() for r in a[0]["results"]}
    assert {True, False} <= opened, "the moments should find listings open and closed"


def test_a_change_is_never_answered_from_an_older_result(indexed_app, written):
    client = indexed_app.test_client()
    _store_all(indexed_app)
    assert _result(client, "manhattan-counseling")["location"]["address"] == "100 W 40th St"
    with indexed_app.app_context():
        listing = db.session.get(Provider, "manhattan-counseling")
        listing.location_confidential = True
        db.session.get(Organization, listing.organization_id).name = "Renamed Counseling Org"
        flushing = db.session.get(Provider, "flushing-legal")
        flushing.phones = [Phone(number="+17185550155", type="main", position=0)]
        db.session.commit()
    written.clear()
    counseling = _result(client, "manhattan-counseling")
    assert "address" not in counseling["location"] and "postal_code" not in counseling["location"]
    assert counseling["organization"] == "Renamed Counseling Org"
    assert [p["number"] for p in _result(client, "flushing-legal")["phones"]] == ["+17185550155"]
    assert {"manhattan-counseling", "flushing-legal"} <= set(written[0])
    # The renderer stores them again; the answers stay the new ones.
    with indexed_app.app_context():
        renderer = Renderer(indexed_app)
        renderer.store_changed()
        assert rendered.outdated(db.session, [row["id"] for row in LISTINGS]) == []
    written.clear()
    assert _result(client, "manhattan-counseling")["organization"] == "Renamed Counseling Org"
    assert "address" not in _result(client, "manhattan-counseling")["location"]
    assert not any(written)


def test_a_result_written_before_a_change_and_stored_after_it_is_not_used(indexed_app):
    """The renderer read a listing, the listing changed, then the renderer stored what it read."""
    client = indexed_app.test_client()
    with indexed_app.app_context():
        old = rendered.active_listings_by_id(["manhattan-counseling"])["manhattan-counseling"]
        listing = db.session.get(Provider, "manhattan-counseling")
        listing.location_confidential = True
        db.session.commit()
        rendered.save(db.session, [rendered._stored_row(old)])
        db.session.commit()
    assert "address" not in _result(client, "manhattan-counseling")["location"]


def test_an_import_makes_stored_results_of_what_it_changed_outdated(indexed_app, write_csv):
    client = indexed_app.test_client()
    _store_all(indexed_app)
    rows = [{"source_url": f"https://example.org/{row['id']}", **row} for row in LISTINGS]
    rows[0] = {**rows[0], "name": "Flushing Legal Clinic, renamed by an import"}
    path = write_csv(csv_text(*rows, columns=[*CORE_COLUMNS, "service_area"]), "again.csv")
    with indexed_app.app_context():
        report = import_providers(path, OfflineGeocoder(), "America/New_York")
        assert report.ok and report.updated == 1, report.errors
        build_index()
        assert rendered.outdated(db.session, [row["id"] for row in LISTINGS]) == [rows[0]["id"]]
    assert _result(client, rows[0]["id"])["name"] == rows[0]["name"]


def test_results_stored_by_other_code_or_of_inactive_listings_are_not_used(indexed_app):
    client = indexed_app.test_client()
    _store_all(indexed_app)
    stored = rendered.RenderedListing.__table__
    with indexed_app.app_context():
        marked = '{"name": "stored by an older release"}'
        db.session.execute(
            update(stored)
            .where(stored.c.provider_id == "si-clinic")
            .values(shape="older", body=marked)
        )
        db.session.commit()
        now = datetime.now(UTC)
        found = rendered.search_results({"si-clinic": None, "lgbtq-youth": None}, now)
        assert found["si-clinic"]["name"] != "stored by an older release"
        # Not through the change record (which would give a new revision): the status alone.
        providers = Provider.__table__
        db.session.execute(
            update(providers).where(providers.c.id == "lgbtq-youth").values(status=Status.inactive)
        )
        assert "lgbtq-youth" not in rendered.search_results({"lgbtq-youth": 1.5}, now)
        db.session.rollback()
    assert _result(client, "si-clinic")["name"] != "stored by an older release"


def test_a_deleted_listing_takes_its_stored_result_along(indexed_app):
    _store_all(indexed_app)
    with indexed_app.app_context():
        db.session.delete(db.session.get(Provider, "si-clinic"))
        db.session.commit()
        assert db.session.get(rendered.RenderedListing, "si-clinic") is None


def test_an_import_gives_new_revisions_to_the_listings_of_an_organization_it_changes(
    indexed_app, write_csv
):
    """The file names one listing of an organization: the organization's other listings
    change too, through the organization's row."""
    first = {"source_url": "https://example.org/a", **LISTINGS[0]}
    second = {**first, "id": "flushing-legal-2", "name": "Second Clinic"}
    columns = [*CORE_COLUMNS, "service_area", "organization_description"]
    with indexed_app.app_context():
        path = write_csv(csv_text(first, second, columns=columns), "two.csv")
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        before = dict(db.session.execute(select(Provider.id, Provider.revision)).all())
        changed = {**first, "organization_description": "Now described"}
        path = write_csv(csv_text(changed, columns=columns), "one.csv")
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        after = dict(db.session.execute(select(Provider.id, Provider.revision)).all())
    assert {i for i in after if after[i] != before[i]} == {first["id"], second["id"]}


def test_the_renderer_walks_every_listing_without_a_current_result(indexed_app):
    ids = sorted(row["id"] for row in LISTINGS)
    with indexed_app.app_context():
        db.session.get(Provider, ids[3]).status = Status.inactive
        db.session.commit()
        seen, after = [], ""
        while after is not None:  # two listings a step, as the renderer's batches
            found, after = rendered.outdated_after(db.session, after, 2)
            seen += found
        assert seen == [i for i in ids if i != ids[3]]
        rendered.save(db.session, rendered.results_to_store(seen[:4]))
        db.session.commit()
        assert rendered.outdated_after(db.session, "", 100) == (seen[4:], None)
    assert _store_all(indexed_app) == len(LISTINGS) - 1
    with indexed_app.app_context():
        assert rendered.outdated_after(db.session, "", 100) == ([], None)
