"""The index on disk: atomic rebuilds, incremental sync on commit, one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.providers.models import Provider, Status
from directory.search.documents import provider_to_document
from directory.search.extension import search_service
from directory.search.request import SearchRequest
from directory.search.sync import catch_up, load_documents, status

from .helpers import ids


def find(app, **kwargs):
    with app.app_context():
        return search_service().search(SearchRequest(**{"per_page": 50, **kwargs}))


def test_rebuild_swaps_in_a_new_generation(indexed_app, runner):
    index = indexed_app.extensions["search"].index
    before = index.current_dir()
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexed 8 listing(s) in" in result.output
    after = index.current_dir()
    assert after != before and after.parent == before.parent
    assert find(indexed_app, q="counseling").total >= 1


def test_a_failed_rebuild_leaves_the_old_index_serving(indexed_app):
    index = indexed_app.extensions["search"].index
    before = index.current_dir()
    generations = set(before.parent.glob("gen-*"))

    def broken_documents():
        yield {"id": "x", "name": "partial"}
        raise RuntimeError("crash mid-build")

    with pytest.raises(RuntimeError), indexed_app.app_context():
        index.rebuild(broken_documents(), load_documents)
    assert index.current_dir() == before
    assert set(before.parent.glob("gen-*")) == generations  # the half-built one is gone
    assert find(indexed_app, q="counseling").total >= 1


def test_committed_edits_are_searchable_without_duplicates(indexed_app):
    with indexed_app.app_context():
        provider = db.session.get(Provider, "manhattan-counseling")
        provider.name = "Midtown Art Therapy Studio"
        db.session.commit()
    assert ids(find(indexed_app, q="studio")) == ["manhattan-counseling"]
    assert ids(find(indexed_app, per_page=50)).count("manhattan-counseling") == 1
    assert find(indexed_app).total == 8


def test_deactivated_and_deleted_listings_leave_the_index(indexed_app):
    with indexed_app.app_context():
        db.session.get(Provider, "si-clinic").status = Status.inactive
        db.session.delete(db.session.get(Provider, "worker-center"))
        db.session.commit()
    remaining = ids(find(indexed_app))
    assert "si-clinic" not in remaining and "worker-center" not in remaining
    assert find(indexed_app).total == 6


def test_organization_rename_reaches_its_listings(indexed_app):
    with indexed_app.app_context():
        provider = db.session.get(Provider, "lgbtq-youth")
        provider.organization.name = "Zephyr Collective"
        db.session.commit()
    assert ids(find(indexed_app, q="zephyr")) == ["lgbtq-youth"]


def test_a_rolled_back_edit_changes_nothing(indexed_app):
    with indexed_app.app_context():
        db.session.get(Provider, "si-clinic").name = "Zqxvwy Clinic"
        db.session.flush()
        db.session.rollback()
    assert find(indexed_app, q="zqxvwy").total == 0


def test_edits_while_another_process_writes_are_applied_by_the_next_catch_up(indexed_app):
    index = indexed_app.extensions["search"].index
    holder = textwrap.dedent(
        f"""
        import fcntl, sys, time
        handle = open({str(index.root / ".write.lock")!r}, "a+")
        fcntl.flock(handle, fcntl.LOCK_EX)
        print("locked", flush=True)
        sys.stdin.readline()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "locked"
        with indexed_app.app_context():
            db.session.get(Provider, "si-clinic").name = "Harborview Clinic"
            db.session.commit()  # the writer is busy: no LockError, the change is recorded
            assert status().behind == 1
        assert find(indexed_app, q="harborview").total == 0
    finally:
        process.communicate("\n", timeout=10)
    with indexed_app.app_context():
        assert catch_up().reindexed == 1
        assert status().behind == 0
    assert ids(find(indexed_app, q="harborview")) == ["si-clinic"]
    assert not (index.root / "pending.ids").exists()


def test_another_process_sees_a_commit_on_its_next_search(indexed_app, tmp_path):
    """A second worker process (same database and index) sees an edit made by this one."""
    config = indexed_app.config
    script = textwrap.dedent(
        f"""
        import sys
        from directory import create_app
        from directory.search.extension import search_service
        from directory.search.request import SearchRequest
        app = create_app({{"SQLALCHEMY_DATABASE_URI": {config["SQLALCHEMY_DATABASE_URI"]!r},
                          "SEARCH_INDEX_DIR": {config["SEARCH_INDEX_DIR"]!r}}})
        with app.app_context():
            service = search_service()
            for line in sys.stdin:
                result = service.search(SearchRequest(q=line.strip()))
                print(",".join(hit.id for hit in result.hits), flush=True)
        """
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "SECRET_KEY": "test"},
    )
    try:
        worker.stdin.write("quokka\n")
        worker.stdin.flush()
        assert worker.stdout.readline().strip() == ""
        with indexed_app.app_context():
            db.session.get(Provider, "si-clinic").description = "Quokka-friendly clinic."
            db.session.commit()
        worker.stdin.write("quokka\n")
        worker.stdin.flush()
        assert worker.stdout.readline().strip() == "si-clinic"
    finally:
        worker.communicate("", timeout=20)


def test_document_mapping_hides_confidential_points(indexed_app):
    with indexed_app.app_context():
        shelter = db.session.scalars(
            select(Provider).where(Provider.id == "bronx-shelter-women")
        ).one()
        document = provider_to_document(shelter)
    assert document["lat_e6"] == round(shelter.public_latitude * 1e6)
    assert "address" not in document and "notes" not in document


def test_documents_hold_english_words_whatever_the_page_language(indexed_app):
    """A change made from a Spanish page indexes the same words as one made in English."""
    from directory.search import documents

    with indexed_app.app_context():
        shelter = db.session.get(Provider, "bronx-shelter-women")
        english = provider_to_document(shelter)
    documents._CODE_WORDS.clear()  # the words are made afresh in the Spanish request
    with indexed_app.test_request_context("/es/"):
        from flask import g

        g.lang = "es"
        shelter = db.session.get(Provider, "bronx-shelter-women")
        assert provider_to_document(shelter) == english
    assert "Shelter" in english["service_text"]


def test_an_empty_directory_searches_to_nothing(app):
    with app.app_context():
        result = search_service().search(SearchRequest(q="shelter", near="Bronx"))
    assert (result.total, result.hits) == (0, [])


def test_segments_are_written_without_block_length_statistics(indexed_app):
    """The build skips Whoosh's block statistics; BM25F lengths come from the columns."""
    index = indexed_app.extensions["search"].index
    snapshot = index.snapshot()
    leaf, _, arrays = snapshot.segments[0]
    assert type(leaf.segment().codec()).__name__ == "SearchCodec"
    assert arrays.lengths["description"].max() > 0


def test_an_index_built_to_another_format_is_rebuilt_on_first_use(indexed_app):
    from directory.search.index import FORMAT

    index = indexed_app.extensions["search"].index
    before = index.current_dir()
    (before / FORMAT).write_text("1;flags=free,open_24_7")  # as an older version wrote it
    assert not index.exists()
    assert find(indexed_app, q="counseling").total >= 1
    assert index.current_dir() != before and index.exists()
