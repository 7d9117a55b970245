"""Opening hours: parsing, canonical formatting and open-now."""

from datetime import datetime

import pytest

from directory.providers.hours import (
    HoursError,
    Interval,
    format_hours,
    is_always_open,
    open_at,
    parse_hours,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("24/7", "24/7"),
        ("Mo-Fr 09:00-17:00; Sa 10:00-14:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
        ("Mo,We,Fr 09:00-12:00,13:00-17:00", "Mo,We,Fr 09:00-12:00,13:00-17:00"),
        ("Fr 20:00-02:00", "Fr 20:00-02:00"),
        ("Mo-Su 09:00-17:00; We off", "Mo-Tu,Th-Su 09:00-17:00"),
        ("mo-fr 9:00-17:00", "Mo-Fr 09:00-17:00"),
        ("09:00-17:00", "Mo-Su 09:00-17:00"),
        ("Sa-Mo 10:00-24:00", "Mo,Sa-Su 10:00-24:00"),
    ],
)
def test_parse_and_format_round_trip(text, canonical):
    intervals = parse_hours(text)
    assert format_hours(intervals) == canonical
    assert parse_hours(canonical) == intervals


def test_weekday_intervals_are_structured():
    assert parse_hours("Mo-Tu 09:00-17:30") == [Interval(0, 540, 1050), Interval(1, 540, 1050)]
    assert parse_hours("") == []
    assert is_always_open(parse_hours("24/7"))
    assert not is_always_open(parse_hours("Mo-Su 00:00-23:59"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mx 09:00-17:00", "unknown day 'Mx'"),
        ("Mo 9-5", "bad time range '9-5'"),
        ("Mo", "has no times"),
        ("Mo 25:00-26:00", "impossible time"),
        ("Mo 09:75-10:00", "impossible time"),
    ],
)
def test_bad_hours_name_the_problem(text, message):
    with pytest.raises(HoursError, match=message):
        parse_hours(text)


def test_open_at_reports_closing_time():
    weekdays = parse_hours("Mo-Fr 09:00-17:00")
    tuesday_noon = datetime(2026, 11, 24, 12, 0)
    assert open_at(weekdays, tuesday_noon) == (True, datetime(2026, 11, 24, 17, 0))
    assert open_at(weekdays, datetime(2026, 11, 24, 17, 0)) == (False, None)
    assert open_at(weekdays, datetime(2026, 11, 29, 12, 0)) == (False, None)  # Sunday


def test_open_past_midnight_and_across_the_week_end():
    friday_night = parse_hours("Fr 20:00-02:00")
    assert open_at(friday_night, datetime(2026, 11, 28, 1, 30))[0]  # Saturday 01:30
    assert not open_at(friday_night, datetime(2026, 11, 28, 2, 0))[0]
    weekend = parse_hours("Sa-Su 00:00-24:00; Mo 00:00-08:00")
    assert open_at(weekend, datetime(2026, 11, 29, 23, 0)) == (True, datetime(2026, 11, 30, 8, 0))
    assert open_at(parse_hours("24/7"), datetime(2026, 11, 29, 23, 0)) == (True, None)
