"""The newest generation of an index directory, listed again whenever the directory changed."""

from __future__ import annotations

import os
import time

from directory.search.index import latest_generation


def _toc(folder, number: int) -> None:
    (folder / f"_MAIN_{number}.toc").write_bytes(b"")


def _set_mtime(folder, ns: int) -> None:
    os.utime(folder, ns=(ns, ns))


def test_a_new_commit_is_seen_at_once(tmp_path):
    assert latest_generation(tmp_path) == -1
    _toc(tmp_path, 1)
    assert latest_generation(tmp_path) == 1
    _set_mtime(tmp_path, time.time_ns() - 10**9)  # settled: the listing is kept
    assert latest_generation(tmp_path) == 1
    _toc(tmp_path, 2)
    assert latest_generation(tmp_path) == 2
    (tmp_path / "_MAIN_2.toc").unlink()
    assert latest_generation(tmp_path) == 1


def test_a_listing_made_in_the_same_clock_tick_as_a_change_is_not_kept(tmp_path):
    _toc(tmp_path, 1)
    now = time.time_ns()
    _set_mtime(tmp_path, now)  # just changed: a later change might keep this same time
    assert latest_generation(tmp_path) == 1
    _toc(tmp_path, 2)
    _set_mtime(tmp_path, now)  # ... as a coarse file-system clock would leave it
    assert latest_generation(tmp_path) == 2


def test_a_settled_listing_is_not_read_again(tmp_path, monkeypatch):
    _toc(tmp_path, 3)
    _set_mtime(tmp_path, time.time_ns() - 10**9)
    assert latest_generation(tmp_path) == 3
    listed = []
    real = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(path) or real(path))
    assert latest_generation(tmp_path) == 3
    assert listed == []
