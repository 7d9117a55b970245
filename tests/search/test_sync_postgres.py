"""On PostgreSQL a change can become visible after a later one: the catch-up keeps the skipped
sequence numbers as gaps until they commit or every transaction that could hold them ended."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from directory import create_app
from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Provider
from directory.search import sync
from directory.search.extension import build_index, search_service
from directory.search.request import SearchRequest
from directory.search.sync import Cursor, catch_up, status

from ..support import app_config, release

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def pg_app(postgresql_url, tmp_path):
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=postgresql_url))
    with app.app_context():
        db.create_all()
        import_providers(FIXTURES / "providers_good.csv", OfflineGeocoder(), "America/New_York")
        build_index()
    app.config["SEARCH_SYNC"] = False  # only the catch-ups below move the index
    yield app
    release(app)


def _found(app, words: str) -> int:
    with app.app_context():
        return search_service().search(SearchRequest(q=words)).total


def _rename(app, listing_id: str, name: str) -> None:
    with app.app_context():
        db.session.get(Provider, listing_id).name = name
        db.session.commit()


def test_a_change_that_commits_after_a_later_one_is_applied(pg_app):
    with pg_app.app_context():
        slow = Session(db.engine)
        slow.get(Provider, "queens-safe-house").name = "Slowpoke Safe House"
        slow.flush()  # its sequence number is taken, its transaction still open
    try:
        _rename(pg_app, "brooklyn-legal-clinic", "Quickstep Legal Clinic")
        with pg_app.app_context():
            assert catch_up().reindexed == 1
            cursor = Cursor.from_json(pg_app.extensions["search"].index.applied())
            assert len(cursor.gaps) == 1  # the open transaction's number, below the cursor
        assert (_found(pg_app, "quickstep"), _found(pg_app, "slowpoke")) == (1, 0)
        slow.commit()
    finally:
        slow.close()
    with pg_app.app_context():
        assert catch_up().reindexed == 1
        assert status().behind == 0
    assert _found(pg_app, "slowpoke") == 1


def test_a_rolled_back_number_is_forgotten_once_no_older_transaction_runs(pg_app, monkeypatch):
    monkeypatch.setattr(sync, "GAP_MIN_SECONDS", 0.0)
    with pg_app.app_context():
        aborted = Session(db.engine)
        aborted.get(Provider, "queens-safe-house").name = "Never Seen House"
        aborted.flush()
    _rename(pg_app, "brooklyn-legal-clinic", "Quickstep Legal Clinic")
    index = pg_app.extensions["search"].index
    with pg_app.app_context():
        catch_up()
        assert len(Cursor.from_json(index.applied()).gaps) == 1
        aborted.rollback()
        aborted.close()
        catch_up()
        assert Cursor.from_json(index.applied()).gaps == []
    assert _found(pg_app, "never seen") == 0
