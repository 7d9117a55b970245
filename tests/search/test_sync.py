"""The index follows the database's change record: catch-up, its cursor, verify, status."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from directory.extensions import db
from directory.providers.changes import ChangeRecord, latest_seq
from directory.providers.models import Status
from directory.search.errors import SearchUnavailable
from directory.search.extension import search_service
from directory.search.request import SearchRequest
from directory.search.sync import Cursor, catch_up, status

from .helpers import edit_listing as _edit
from .helpers import ids


def find(app, **kwargs):
    with app.app_context():
        return search_service().search(SearchRequest(**{"per_page": 50, **kwargs}))


@pytest.fixture
def quiet(indexed_app):
    """The indexed app with the after-commit wake-up off: only a catch-up moves the index."""
    indexed_app.config["SEARCH_SYNC"] = False
    return indexed_app


def test_a_catch_up_applies_what_was_recorded_and_moves_the_cursor(quiet):
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    _edit(quiet, "worker-center", status=Status.inactive)
    assert find(quiet, q="quillwort").total == 0
    with quiet.app_context():
        before = status()
        assert before.behind == 2 and before.applied_seq == before.latest_seq - 2
        outcome = catch_up()
        assert (outcome.reindexed, outcome.rebuilt) == (2, False)
        after = status()
        assert after.behind == 0 and after.applied_seq == after.latest_seq
        assert after.generation == before.generation  # applied in place, not rebuilt
    assert ids(find(quiet, q="quillwort")) == ["si-clinic"]
    assert "worker-center" not in ids(find(quiet))


def test_applying_the_same_changes_twice_changes_nothing(quiet):
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    with quiet.app_context():
        catch_up()
        index = quiet.extensions["search"].index
        index.update([], None, Cursor(0).to_json())  # as if the cursor write had been lost
        assert catch_up().reindexed == 8  # every listing again: the import and the edit
    assert ids(find(quiet, q="quillwort")) == ["si-clinic"]
    assert find(quiet).total == 8


def test_a_cursor_older_than_the_kept_records_rebuilds(quiet):
    _edit(quiet, "worker-center", name="Dunlin Center")
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    with quiet.app_context():
        seq = latest_seq(db.session)
        db.session.execute(db.delete(ChangeRecord).where(ChangeRecord.seq < seq))  # pruned
        db.session.commit()
        generation = status().generation
        outcome = catch_up()
        assert outcome.rebuilt and outcome.seq == seq
        assert status().generation != generation and status().behind == 0
    assert ids(find(quiet, q="quillwort")) == ["si-clinic"]
    assert ids(find(quiet, q="dunlin")) == ["worker-center"]


def test_more_changes_than_the_limit_rebuild_but_never_in_a_web_request(quiet):
    _edit(quiet, "si-clinic", name="Corvid Clinic")
    _edit(quiet, "worker-center", name="Dunlin Center")
    _edit(quiet, "lgbtq-youth", name="Egret Drop-In")
    with quiet.test_request_context("/"):
        outcome = catch_up(rebuild=False, limit=2)
        assert outcome.deferred and not outcome.rebuilt
        assert status().behind == 3
    with quiet.app_context():
        outcome = catch_up(limit=2)
        assert outcome.rebuilt and status().behind == 0
    assert ids(find(quiet, q="egret")) == ["lgbtq-youth"]


def test_a_local_commit_is_searchable_at_once(indexed_app):
    _edit(indexed_app, "si-clinic", name="Quillwort Clinic")
    assert ids(find(indexed_app, q="quillwort")) == ["si-clinic"]
    with indexed_app.app_context():
        assert status().behind == 0


def test_search_in_a_request_without_an_index_says_unavailable_and_builds_it(indexed_app):
    import shutil

    index = indexed_app.extensions["search"].index
    index.close()
    shutil.rmtree(index.root)
    with indexed_app.test_request_context("/"), pytest.raises(SearchUnavailable):
        search_service()
    deadline = time.monotonic() + 30
    while not index.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert index.exists()  # built by the background thread, not by the request
    assert find(indexed_app).total == 8


def test_verify_says_what_differs_and_exits_non_zero(quiet, runner):
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 0, result.output
    assert "Database: 8 active listing(s); index: 8." in result.output
    assert "The index matches the database." in result.output
    _edit(quiet, "si-clinic", description="Now also dental care.")
    _edit(quiet, "worker-center", status=Status.inactive)
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert "Database: 7 active listing(s); index: 8." in result.output
    assert "1 listing(s) indexed from an older version: si-clinic" in result.output
    assert "1 listing(s) in the index but not active in the database: worker-center" in (
        result.output
    )
    assert "(2 not applied yet)" in result.output
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "2 listing(s) reindexed" in result.output
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 0, result.output
    assert "(0 not applied yet)" in result.output


def test_verify_finds_a_listing_missing_from_the_index(quiet, runner):
    with quiet.app_context():
        quiet.extensions["search"].index.update(["national-line"], lambda i: ([], i))
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert "1 listing(s) missing from the index: national-line" in result.output


def test_sync_prunes_old_records(quiet, runner):
    with quiet.app_context():
        db.session.execute(db.update(ChangeRecord).values(recorded_at=datetime(2000, 1, 1)))
        db.session.commit()
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "Pruned 7 change record(s) older than 30 day(s)." in result.output
    with quiet.app_context():
        assert db.session.query(ChangeRecord).count() == 1


def test_a_search_still_reading_the_previous_view_survives_an_update(quiet):
    # Another thread may be mid-search on the old view when an edit reaches the index:
    # closing that view under it gave 500s (a closed reader) while editors worked.
    with quiet.app_context():
        index = search_service().index
        old = index.snapshot()
        first = old.stored_id(0)
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    with quiet.app_context():
        catch_up()
        assert index.snapshot() is not old
        assert old.stored_id(0) == first
