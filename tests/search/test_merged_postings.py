"""Merged posting lists: kept between views, extended by new segments, re-read otherwise."""

from __future__ import annotations

import numpy as np

from directory.search.merged import ENTRY_BYTES, MergedPostings
from directory.search.sync import catch_up

from .helpers import edit_listing, ids
from .test_sync import find


def _reader(segments: dict[int, list[int]], calls: list[int]):
    """A view's reader over {position: ids}: records the first position it was asked for."""

    def read(start: int):
        calls.append(start)
        return [
            (np.asarray(found, np.int64), np.ones(len(found), np.uint16))
            for position, found in sorted(segments.items())
            if position >= start and found
        ]

    return read


def test_a_list_is_extended_by_the_segments_a_later_view_adds():
    merged, calls = MergedPostings(), []
    first = (("a", 0), ("b", 10))
    ids_, _ = merged.get(first, ("description", "clinic"), _reader({0: [1, 4], 1: [12]}, calls))
    assert ids_.tolist() == [1, 4, 12] and calls == [0]
    again, _ = merged.get(first, ("description", "clinic"), _reader({}, calls))
    assert again.tolist() == [1, 4, 12] and calls == [0]  # the same view: nothing read
    later = (*first, ("c", 15))
    extended, frequencies = merged.get(
        later, ("description", "clinic"), _reader({0: [1, 4], 1: [12], 2: [16]}, calls)
    )
    assert extended.tolist() == [1, 4, 12, 16] and len(frequencies) == 4
    assert calls == [0, 2]  # only the new segment was read


def test_a_list_whose_segments_moved_is_read_again_from_the_first_that_moved():
    merged, calls = MergedPostings(), []
    merged.get((("a", 0), ("b", 10)), ("name", "legal"), _reader({0: [3], 1: [11]}, calls))
    # After a merge, segment "b" is gone and "c" holds its documents at another base.
    found, _ = merged.get((("a", 0), ("c", 10)), ("name", "legal"), _reader({0: [3]}, calls))
    assert found.tolist() == [3] and calls == [0, 1]  # "a" was not read again
    moved, _ = merged.get((("c", 0), ("a", 5)), ("name", "legal"), _reader({1: [8]}, calls))
    assert moved.tolist() == [8] and calls == [0, 1, 0]  # nothing shared: all read again


def test_a_commit_merging_the_newest_segments_keeps_the_older_ones_postings():
    merged, calls = MergedPostings(), []
    before = (("a", 0), ("b", 10), ("c", 12), ("d", 13))
    first = {0: [1, 4], 1: [10, 11], 2: [12], 3: [13]}
    merged.get(before, ("description", "shelter"), _reader(first, calls))
    # "b", "c" and "d" merged into "m" (their deleted document 11 left out, a new one added).
    after = (("a", 0), ("m", 10))
    found, frequencies = merged.get(
        after, ("description", "shelter"), _reader({0: [1, 4], 1: [10, 12, 13, 14]}, calls)
    )
    assert found.tolist() == [1, 4, 10, 12, 13, 14] and len(frequencies) == 6
    assert calls == [0, 1]


def test_the_cache_stays_within_its_budget_and_drops_the_oldest():
    merged = MergedPostings(budget=3 * (ENTRY_BYTES + 100 * 10))
    layout = (("a", 0),)
    for n in range(5):
        merged.get(layout, ("description", f"t{n}"), _reader({0: list(range(100))}, []))
    assert merged.used <= merged.budget
    calls: list[int] = []
    merged.get(layout, ("description", "t4"), _reader({0: [1]}, calls))
    merged.get(layout, ("description", "t0"), _reader({0: [1]}, calls))
    assert calls == [0]  # the newest was kept, the oldest dropped


def test_a_cached_term_finds_a_listing_an_edit_gave_it(indexed_app):
    indexed_app.config["SEARCH_SYNC"] = False
    before = set(ids(find(indexed_app, q="clinic")))
    assert before and "worker-center" not in before
    edit_listing(indexed_app, "worker-center", description="A walk-in clinic for workers.")
    with indexed_app.app_context():
        catch_up()
    assert set(ids(find(indexed_app, q="clinic"))) == before | {"worker-center"}
