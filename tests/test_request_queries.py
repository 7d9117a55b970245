"""The request path's database work: a fixed, small number of queries, each using the right index.

A page of results costs the same statements whatever it holds, and the listings are read by
primary key; a regression here fails a test rather than a benchmark run.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, update

from bench.synthetic import generate
from directory.api.rendered import search_results
from directory.api.renderer import Renderer
from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.manage.models import ServiceCapacity
from directory.providers.importer import import_providers
from directory.providers.listings import active_listings_by_id
from directory.providers.models import Provider, Status
from directory.search.extension import build_index

from .providers.rows import csv_text

ROWS = list(generate(30, seed=21))
# Synthetic rows have no phones or hours: two listings get some, so records are compared on them.
ROWS[0].update(phone="718-555-0100 (intake)", hotline="212-555-0101", hours="Mo-Fr 09:00-17:00")
ROWS[1].update(phone="718-555-0102", hours="Mo,We 10:00-14:00; Sa 09:00-12:00")
# Stored results (none yet), listings with organizations, then their codes, phones and hours.
API_STATEMENTS = 3
API_STORED_STATEMENTS = 1  # every result stored (directory/api/rendered.py): those alone
PAGE_STATEMENTS = 3  # the same, and the availability of the whole page


@pytest.fixture
def listed(app, write_csv):
    """30 synthetic listings, indexed; the last one withdrawn."""
    with app.app_context():
        import_providers(
            write_csv(csv_text(*ROWS, columns=ROWS[0].keys())), OfflineGeocoder(), "UTC"
        )
        db.session.execute(
            update(Provider).where(Provider.id == ROWS[-1]["id"]).values(status=Status.inactive)
        )
        db.session.commit()
        build_index()
    return app


@contextmanager
def statements(app):
    """Collect (sql, parameters) of every statement sent while the block runs."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _api(client, per_page: int):
    return client.post("/api/v1/search", json={"per_page": per_page})


def _store_results(app) -> None:
    with app.app_context():
        Renderer(app).store_all()


@pytest.mark.parametrize("per_page", [5, 20])
@pytest.mark.parametrize("stored", [False, True])
def test_an_api_search_costs_the_same_few_statements_at_any_page_size(listed, per_page, stored):
    client = listed.test_client()
    if stored:
        _store_results(listed)
    _api(client, per_page)  # first request: connection set-up is not per request
    with statements(listed) as seen:
        response = _api(client, per_page)
    assert len(response.get_json()["results"]) == per_page
    expected = API_STORED_STATEMENTS if stored else API_STATEMENTS
    assert len(seen) == expected, [sql.split("FROM")[1][:40] for sql, _ in seen]


def test_stored_results_are_read_by_primary_key(listed):
    _store_results(listed)
    ids = [row["id"] for row in ROWS]
    with statements(listed) as seen, listed.app_context():
        found = search_results(dict.fromkeys(ids[:-1]), datetime.now(UTC))
        assert set(found) == set(ids[:-1]) and len(seen) == 1
        sql, parameters = seen[0]
        with db.engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
            )
    assert "SEARCH rendered_listing USING INDEX sqlite_autoindex_rendered_listing_1" in plan, plan
    assert "SEARCH provider USING INDEX sqlite_autoindex_provider_1 (id=?)" in plan, plan


@pytest.mark.parametrize("per_page", [5, 20])
def test_a_results_page_costs_the_same_few_statements_at_any_page_size(listed, per_page):
    client = listed.test_client()
    form = {"per_page": str(per_page)}
    client.post("/en/search", data=form)
    with statements(listed) as seen:
        html = client.post("/en/search", data=form).get_data(as_text=True)
    assert html.count('class="listing"') == per_page
    assert len(seen) == PAGE_STATEMENTS, [sql.split("FROM")[1][:40] for sql, _ in seen]


def test_the_results_page_still_shows_availability(listed):
    from datetime import UTC, datetime

    with listed.app_context():
        db.session.add(
            ServiceCapacity(
                provider_id=ROWS[0]["id"], unit="beds", available=3, maximum=9,
                updated_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )  # fmt: skip
        db.session.commit()
    html = listed.test_client().post("/en/search", data={"per_page": "40"}).get_data(as_text=True)
    assert html.count("3 beds available") == 1


def test_listings_load_by_primary_key_and_skip_withdrawn_ones(listed):
    ids = [row["id"] for row in ROWS]
    with statements(listed) as seen, listed.app_context():
        found = active_listings_by_id(ids)
        assert set(found) == set(ids[:-1])  # the withdrawn listing is not shown
        assert found[ids[0]].organization.name == ROWS[0]["organization"]
        sql, parameters = seen[0]
        with db.engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return  # the plan is checked on SQLite, whose planner had it wrong
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
            )
    # Without statistics, `status = ?` looked more selective than 20 ids: every active row
    # was walked through the status index.
    assert "SEARCH provider USING INDEX sqlite_autoindex_provider_1 (id=?)" in plan, plan
    assert "ix_provider_status" not in plan


def test_listing_records_show_what_the_orm_listings_hold(listed):
    ids = [row["id"] for row in ROWS[:-1]]
    with listed.app_context():
        records = active_listings_by_id(ids)
        assert len(records[ids[0]].phones) == 2 and len(records[ids[1]].intervals) == 3
        for listing_id in ids:
            record, provider = records[listing_id], db.session.get(Provider, listing_id)
            for column in Provider.__table__.columns:
                assert getattr(record, column.name) == getattr(provider, column.name), column
            for scheme in ("services", "populations", "languages"):
                assert record.codes_for(scheme) == provider.codes_for(scheme)
            assert [(p.number, p.type, p.description) for p in record.phones] == [
                (p.number, p.type, p.description) for p in provider.phones
            ]
            assert record.intervals == provider.intervals
            assert record.area == provider.area
            assert record.always_open == provider.always_open
            organization = provider.organization
            assert (record.organization.id, record.organization.name) == (
                organization.id, organization.name,
            )  # fmt: skip
            assert record.organization.website == organization.website
