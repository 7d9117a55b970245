"""Weekly opening hours: parse OpenStreetMap-style text, format it back, tell if open."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
ALWAYS = "24/7"

_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class HoursError(ValueError):
    """Raised when opening hours text cannot be understood."""


@dataclass(frozen=True, order=True)
class Interval:
    """Open from `opens` to `closes`, minutes after midnight of `weekday` (0 = Monday).

    `closes` may pass 1440 when a day's hours run past midnight.
    """

    weekday: int
    opens: int
    closes: int


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        part = part.strip()
        ends = [p.strip() for p in part.split("-")]
        if len(ends) > 2 or any(e.title() not in DAYS for e in ends):
            raise HoursError(f"unknown day {part!r} (use {' '.join(DAYS)}, e.g. Mo-Fr)")
        first = DAYS.index(ends[0].title())
        last = DAYS.index(ends[-1].title())
        span = (last - first) % 7
        days.extend((first + step) % 7 for step in range(span + 1))
    return days


def _parse_time(hours: str, minutes: str, text: str) -> int:
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > MINUTES_PER_DAY:
        raise HoursError(f"impossible time in {text!r}")
    return value


def _parse_times(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split(","):
        match = _TIME_RANGE.match(part.strip())
        if not match:
            raise HoursError(f"bad time range {part.strip()!r} (use HH:MM-HH:MM, e.g. 09:00-17:00)")
        opens = _parse_time(match[1], match[2], part)
        closes = _parse_time(match[3], match[4], part)
        if opens == MINUTES_PER_DAY:
            raise HoursError(f"opening time cannot be 24:00 in {part.strip()!r}")
        if closes <= opens:  # runs past midnight, e.g. 20:00-02:00
            closes += MINUTES_PER_DAY
        ranges.append((opens, closes))
    return ranges


def parse_hours(text: str | None) -> list[Interval]:
    """Parse `24/7` or rules like `Mo-Fr 09:00-17:00; Sa 10:00-14:00; Su off`.

    Empty text means unknown and gives no intervals. Later rules replace earlier ones for
    the days they name, as in OpenStreetMap. Raises HoursError naming the bad part.
    """
    text = (text or "").strip()
    if not text:
        return []
    if text.replace(" ", "") == ALWAYS:
        return [Interval(day, 0, MINUTES_PER_DAY) for day in range(7)]
    week: dict[int, list[tuple[int, int]]] = {}
    for rule in filter(None, (r.strip() for r in text.split(";"))):
        days_text, _, times_text = rule.partition(" ")
        if _TIME_RANGE.match(days_text.split(",")[0]):  # times only: every day
            days_text, times_text = "Mo-Su", rule
        days = _parse_days(days_text)
        times_text = times_text.strip()
        if not times_text:
            raise HoursError(f"rule {rule!r} has no times (e.g. Mo-Fr 09:00-17:00, or Su off)")
        ranges = [] if times_text.lower() in {"off", "closed"} else _parse_times(times_text)
        for day in days:
            week[day] = sorted(ranges)
    return sorted(Interval(day, o, c) for day, ranges in week.items() for o, c in ranges)


def _clock(minutes: int) -> str:
    minutes = minutes - MINUTES_PER_DAY if minutes > MINUTES_PER_DAY else minutes
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_runs(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAYS[run[0]] if len(run) == 1 else f"{DAYS[run[0]]}-{DAYS[run[-1]]}" for run in runs
    )


def format_hours(intervals: Sequence[Interval]) -> str:
    """Write intervals back as canonical text that `parse_hours` reads to the same intervals."""
    if not intervals:
        return ""
    if is_always_open(intervals):
        return ALWAYS
    by_day: dict[int, tuple[tuple[int, int], ...]] = {}
    for day in range(7):
        ranges = tuple((i.opens, i.closes) for i in intervals if i.weekday == day)
        if ranges:
            by_day[day] = ranges
    groups: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for day, ranges in by_day.items():
        groups.setdefault(ranges, []).append(day)
    rules = [
        f"{_day_runs(days)} " + ",".join(f"{_clock(o)}-{_clock(c)}" for o, c in ranges)
        for ranges, days in groups.items()
    ]
    return "; ".join(rules)


def is_always_open(intervals: Iterable[Interval]) -> bool:
    """Tell whether the intervals cover every minute of the week."""
    days = {i.weekday for i in intervals if i.opens == 0 and i.closes >= MINUTES_PER_DAY}
    return days == set(range(7))


def week_ranges(intervals: list[Interval]) -> list[tuple[int, int]]:
    """Return open ranges as minutes since Monday 00:00, wrapped at the end of the week."""
    ranges = []
    for i in intervals:
        start, end = i.weekday * MINUTES_PER_DAY + i.opens, i.weekday * MINUTES_PER_DAY + i.closes
        if end > MINUTES_PER_WEEK:  # Sunday night into Monday
            ranges.extend([(start, MINUTES_PER_WEEK), (0, end - MINUTES_PER_WEEK)])
        else:
            ranges.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:  # touching ranges are one opening
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def week_minute(moment: datetime) -> int:
    """Minutes since Monday 00:00 of `moment`'s own (local) week."""
    return moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute


def open_at(intervals: list[Interval], moment: datetime) -> tuple[bool, datetime | None]:
    """Tell whether open at local `moment`, and when it next closes (None if 24/7 or closed)."""
    if is_always_open(intervals):
        return True, None
    now = week_minute(moment)
    ranges = week_ranges(intervals)
    for start, end in ranges:
        if start <= now < end:
            if end == MINUTES_PER_WEEK and ranges[0][0] == 0:  # open across Sunday midnight
                end += ranges[0][1]
            closes = moment.replace(second=0, microsecond=0)
            return True, closes + timedelta(minutes=end - now)
    return False, None
