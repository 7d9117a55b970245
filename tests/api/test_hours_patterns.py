"""Hours in API answers: written once per weekly pattern, with each listing's own "now"."""

from __future__ import annotations

from datetime import UTC, datetime

from directory.api.schemas import ListingView, _hours, _hours_pattern
from directory.providers.hours import parse_hours
from directory.providers.listings import ListingRecord

# A Monday, 15:30 UTC: 10:30 in New York, 07:30 in Los Angeles.
MONDAY = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)


def _listing(hours: str, time_zone: str) -> ListingRecord:
    record = ListingRecord({"time_zone": time_zone})
    record.intervals = parse_hours(hours)
    return record


def test_listings_sharing_a_pattern_keep_their_own_open_now_and_time_zone():
    _hours_pattern.cache_clear()
    new_york = _hours(ListingView(_listing("Mo-Fr 09:00-17:00", "America/New_York"), MONDAY))
    los_angeles = _hours(ListingView(_listing("Mo-Fr 09:00-17:00", "America/Los_Angeles"), MONDAY))
    assert new_york["open_now"] is True and new_york["closes_at"] == "17:00"
    assert los_angeles["open_now"] is False and los_angeles["closes_at"] is None
    assert (new_york["time_zone"], los_angeles["time_zone"]) == (
        "America/New_York", "America/Los_Angeles",
    )  # fmt: skip
    for hours in (new_york, los_angeles):
        assert hours["text"] == "Mo-Fr 09:00-17:00" and hours["open_24_7"] is False
        assert hours["weekly"][0] == {"day": 0, "opens": "09:00", "closes": "17:00"}
    assert _hours_pattern.cache_info().hits == 1  # the second listing reused the first's


def test_an_answer_changed_later_does_not_change_the_next():
    listing = ListingView(_listing("24/7", "America/New_York"), MONDAY)
    first = _hours(listing)
    first["text"] = "changed"
    first["open_now"] = None
    second = _hours(listing)
    assert second["text"] == "24/7" and second["open_24_7"] is True
    assert second["open_now"] is True


def test_unknown_hours_are_null_not_closed():
    hours = _hours(ListingView(_listing("", "America/New_York"), MONDAY))
    assert hours["weekly"] == [] and hours["text"] is None
    assert hours["open_now"] is None and hours["open_24_7"] is False
