"""A listing not verified for a year ranks slightly below an equal, recently verified one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import COLUMNS
from directory.search.extension import build_index, search_index, search_service
from directory.search.ranking import OUT_OF_DATE_FACTOR
from directory.search.request import SearchRequest

from ..providers.rows import csv_text


def _twin(id_: str, verified: date | None, name: str = "Harbor Legal Clinic") -> dict:
    return {
        "id": id_,
        "name": name,
        "organization": f"Org {id_}",
        "description": "Free immigration lawyers.",
        "services": "legal",
        "phone": "212-555-0101",
        "source_url": f"https://example.org/{id_}",
        "last_verified": verified.isoformat() if verified else "",
    }


def _ranked(app, write_csv, *rows: dict, q: str = "legal clinic") -> list[str]:
    path = write_csv(csv_text(*rows, columns=COLUMNS))
    with app.app_context():
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()
        return [hit.id for hit in search_service().search(SearchRequest(q=q)).hits]


def test_out_of_date_listing_ranks_below_an_equal_fresh_one(app, write_csv):
    today = date.today()
    old, fresh = today - timedelta(days=700), today - timedelta(days=30)
    # The stale one comes first in the file (and by id), so only freshness can reorder them.
    assert _ranked(app, write_csv, _twin("a-old", old), _twin("b-fresh", fresh)) == [
        "b-fresh",
        "a-old",
    ]


def test_never_verified_is_not_demoted(app, write_csv):
    path = write_csv(
        csv_text(_twin("a-never", None), _twin("b-fresh", date.today()), columns=COLUMNS)
    )
    with app.app_context():
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        build_index()
        hits = search_service().search(SearchRequest(q="legal clinic")).hits
    assert len(hits) == 2 and hits[0].score == hits[1].score


def _search(app, when: datetime | None = None) -> list:
    with app.app_context():
        return search_service().search(SearchRequest(q="legal clinic", now=when)).hits


def test_a_listing_crosses_stale_after_days_with_no_reindex(app, write_csv, runner):
    days = app.config["STALE_AFTER_DAYS"]
    today = date.today()
    # Verified one day short of the limit: fresh today, out of date two days from now.
    rows = [_twin("a-aging", today - timedelta(days=days - 1)), _twin("b-fresh", today)]
    assert _ranked(app, write_csv, *rows) == ["a-aging", "b-fresh"]  # equal: by id
    with app.app_context():
        generation = search_index().current_dir()
        applied = search_index().applied()
    hits = _search(app)
    assert hits[0].score == hits[1].score
    later = datetime.combine(today + timedelta(days=2), time(12), tzinfo=UTC)
    aged = _search(app, later)
    assert [hit.id for hit in aged] == ["b-fresh", "a-aging"]
    assert aged[1].score == pytest.approx(aged[0].score * OUT_OF_DATE_FACTOR, rel=1e-3)
    # The setting moves the line the same way, today.
    app.config["STALE_AFTER_DAYS"] = days - 2
    assert [hit.id for hit in _search(app)] == ["b-fresh", "a-aging"]
    with app.app_context():
        assert search_index().current_dir() == generation  # nothing was rebuilt
        assert search_index().applied() == applied  # nor reindexed
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 0, result.output  # the documents do not depend on today
    assert "The index matches the database." in result.output
