"""A generation whose files were truncated or overwritten is found, marked and rebuilt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.search.errors import SearchUnavailable
from directory.search.extension import search_index, search_service
from directory.search.index import BROKEN, SearchIndex
from directory.search.integrity import (
    MANIFEST,
    IndexDamaged,
    check,
    committed_files,
    stored_schema,
)
from directory.search.request import SearchRequest
from directory.search.sync import catch_up, status

from .helpers import edit_listing as _edit
from .helpers import ids


@pytest.fixture
def quiet(indexed_app):
    """The indexed app with the after-commit wake-up off: only a catch-up moves the index."""
    indexed_app.config["SEARCH_SYNC"] = False
    return indexed_app


def _generation(app) -> Path:
    with app.app_context():
        return search_index().current_dir()


def _segment_file(generation: Path, suffix: str) -> Path:
    [found] = [p for p in generation.iterdir() if p.name.endswith(suffix)]
    return found


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _scramble(path: Path, keep_mtime: bool = False) -> None:
    """Random bytes of the same length, written in place (optionally with the old mtime)."""
    stat = path.stat()
    with open(path, "r+b") as handle:
        handle.write(os.urandom(stat.st_size))
    if keep_mtime:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _search(app, **kwargs):
    with app.app_context():
        return search_service().search(SearchRequest(**{"per_page": 50, **kwargs}))


def test_a_build_and_every_update_record_the_files_they_committed(quiet):
    generation = _generation(quiet)
    first = json.loads((generation / MANIFEST).read_text())
    assert first["toc"] == committed_files(generation)[0]
    assert set(first["files"]) == set(committed_files(generation)[1])
    assert any(name.endswith(".npp") for name in first["files"])
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    with quiet.app_context():
        assert catch_up().reindexed == 1
    after = json.loads((generation / MANIFEST).read_text())
    assert after["toc"] == first["toc"] + 1
    assert set(after["files"]) == set(committed_files(generation)[1])
    check(generation, {})  # sound


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda g: _truncate(_segment_file(g, ".npp")), id="postings-truncated"),
        pytest.param(lambda g: _scramble(_segment_file(g, ".trm")), id="terms-overwritten"),
        pytest.param(lambda g: _scramble(_segment_file(g, ".lat_e6.col")), id="column-garbled"),
        pytest.param(lambda g: _segment_file(g, ".pst").unlink(), id="postings-deleted"),
        pytest.param(lambda g: (g / MANIFEST).unlink(), id="manifest-deleted"),
    ],
)
def test_damage_on_disk_is_found_on_opening_and_the_catch_up_rebuilds(quiet, damage):
    before = ids(_search(quiet, q="legal"))
    generation = _generation(quiet)
    damage(generation)
    with quiet.app_context():
        index = search_index()
        # A process opening it checks it against the manifest, not only its FORMAT, and
        # marks it for every other process.
        assert SearchIndex(index.root).exists() is False
        assert (generation / BROKEN).exists()
        assert index.exists() is False
        assert status().generation is None  # /readyz: not ready
        outcome = catch_up()
        assert outcome.rebuilt
        assert index.current_dir() != generation and index.exists()
    assert ids(_search(quiet, q="legal")) == before


def test_the_followers_poll_finds_a_file_damaged_after_it_was_opened(quiet):
    before = ids(_search(quiet, q="legal"))
    generation = _generation(quiet)
    _scramble(_segment_file(generation, ".trm"))
    with quiet.app_context():
        index = search_index()
        assert index.exists()  # this process checked it before the damage
        assert index.verify() is False  # what the follower does at each poll
        assert not index.exists() and catch_up().rebuilt
    assert ids(_search(quiet, q="legal")) == before


def test_postings_cut_short_under_an_open_view_give_unavailable_not_a_crash(quiet):
    before = ids(_search(quiet, q="legal"))  # the view is open, its postings mapped
    generation = _generation(quiet)
    _truncate(_segment_file(generation, ".npp"))
    with pytest.raises(SearchUnavailable):
        _search(quiet, q="legal")  # reading past the end of the map would be SIGBUS
    assert (generation / BROKEN).exists()
    assert ids(_search(quiet, q="legal")) == before  # rebuilt (outside a request)
    assert _generation(quiet) != generation


def test_a_segment_that_fails_to_read_marks_the_generation_broken(quiet):
    before = ids(_search(quiet, q="legal"))
    generation = _generation(quiet)
    # Garbage the manifest check cannot see (mtime kept, the files already checked by this
    # process): the postings file's header fails to read when the view is opened again.
    _scramble(_segment_file(generation, ".npp"), keep_mtime=True)
    with quiet.app_context():
        search_index().close()
    with pytest.raises(SearchUnavailable):
        _search(quiet, q="legal")
    assert "opening it failed" in (generation / BROKEN).read_text()
    with quiet.app_context():
        assert not search_index().exists()
        assert catch_up().rebuilt
    assert ids(_search(quiet, q="legal")) == before


def test_an_update_onto_a_damaged_generation_rebuilds_instead(quiet):
    generation = _generation(quiet)
    _scramble(_segment_file(generation, ".trm"))
    _edit(quiet, "si-clinic", name="Quillwort Clinic")
    with quiet.app_context():
        index = search_index()
        index._verified[str(generation)] = {}  # as a process that opened it before the damage
        with pytest.raises(IndexDamaged):
            index.update(["si-clinic"], lambda i: ([], i))
        outcome = catch_up()
        assert outcome.rebuilt and index.current_dir() != generation
    assert ids(_search(quiet, q="quillwort")) == ["si-clinic"]


# Another process opening views of the index as fast as it can until a file says stop.
OPENER = """
import pathlib, sys
from directory.search.errors import SearchUnavailable
from directory.search.index import SearchIndex

root, stop = sys.argv[1], pathlib.Path(sys.argv[2])
opened = unavailable = 0
while not stop.exists():
    view = SearchIndex(root)
    try:
        if not view.exists():
            print("damaged", flush=True)
            break
        view.snapshot()
        opened += 1
        if opened == 1:
            print("ready", flush=True)
    except SearchUnavailable:
        unavailable += 1  # commits replaced the one being opened three times in a row
    finally:
        view.close()
print(opened, unavailable, flush=True)
"""


def test_views_opened_while_commits_merge_segments_never_call_the_index_damaged(quiet, tmp_path):
    generation = _generation(quiet)
    stop = tmp_path / "stop"
    opener = subprocess.Popen(
        [sys.executable, "-c", OPENER, str(generation.parent), str(stop)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert opener.stdout.readline().strip() == "ready"
        for n in range(25):  # each commit may merge segments and delete their files
            _edit(quiet, "si-clinic", name=f"Quillwort Clinic {n}")
            with quiet.app_context():
                catch_up()
    finally:
        stop.touch()
        output = opener.communicate(timeout=60)[0].split()
    assert "damaged" not in output, (generation / BROKEN).read_text()
    assert int(output[0]) > 1 and not (generation / BROKEN).exists()
    assert _generation(quiet) == generation  # never rebuilt


def test_commits_after_the_first_are_opened_without_unpickling_the_schema(quiet, monkeypatch):
    from whoosh.index import TOC

    from directory.search.schema import make_schema

    generation = _generation(quiet)
    with quiet.app_context():
        search_service()  # the first view: the schema is read here
    reads = []
    original = TOC.read.__func__
    monkeypatch.setattr(
        TOC, "read", classmethod(lambda cls, *a, **k: reads.append(k) or original(cls, *a, **k))
    )
    _edit(quiet, "worker-center", description="A walk-in clinic for workers.")
    with quiet.app_context():
        catch_up()  # a writer opens the generation, commits, and checks its files
    assert "worker-center" in ids(_search(quiet, q="clinic"))  # a new view of the new commit
    assert _generation(quiet) == generation and reads
    assert all(k.get("schema") is not None for k in reads)  # every read skipped the pickle
    assert stored_schema(generation).names() == make_schema().names()
