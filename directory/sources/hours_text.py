"""Read opening hours written in English prose ("Monday - Friday: 9 am - 5 pm") when regular."""

from __future__ import annotations

import html
import re

from directory.providers.hours import ALWAYS, DAYS, HoursError, parse_hours

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ALWAYS_PHRASES = ("open 24 hours 7 days a week", "open 24 hours, 7 days a week")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:am|pm)"
# "Monday - Friday", "Tuesday and Wednesday", "Saturday-Sunday", "Mondays"
_DAYS_PART = re.compile(rf"^({_DAY})(?:\s*(-|and)\s*({_DAY}))?$")
_RANGE = re.compile(rf"^({_TIME})\s*(?:-|to)\s*({_TIME})$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")
# An interval past midnight is believable only when it ends by noon ("7 pm - 7 am");
# "9 pm - 5 pm" is far more likely a typing slip than a 20-hour night.
LATEST_OVERNIGHT_CLOSE = 12 * 60


def plain_text(text: str) -> str:
    """Cell text without HTML tags or entities, one line per list item or break."""
    text = re.sub(r"(?i)<\s*(br|/li|li)[^>]*>", "\n", text or "")
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _day_index(word: str) -> int:
    return next(i for i, name in enumerate(_DAY_NAMES) if word.startswith(name[:3]))


def _clock(text: str) -> int:
    match = _CLOCK.match(text.strip())
    if not match:
        raise HoursError(f"unknown time {text!r}")
    hours, minutes = int(match[1]), int(match[2] or 0)
    if not 1 <= hours <= 12 or minutes > 59:
        raise HoursError(f"impossible time {text!r}")
    return (hours % 12 + (12 if match[3] == "pm" else 0)) * 60 + minutes


def _days(text: str) -> str:
    match = _DAYS_PART.match(text)
    if not match:
        raise HoursError(f"unknown days {text!r}")
    first = _day_index(match[1])
    if not match[3]:
        return DAYS[first]
    last = _day_index(match[3])
    joiner = "-" if match[2] == "-" else ","
    return f"{DAYS[first]}{joiner}{DAYS[last]}"


def _times(text: str) -> str:
    if text in ("24 hours", "24 hours a day"):
        return "00:00-24:00"
    spans = []
    for part in text.split(","):
        match = _RANGE.match(part.strip())
        if not match:
            raise HoursError(f"unknown time range {part.strip()!r}")
        opens, closes = _clock(match[1]), _clock(match[2])
        if closes <= opens and closes > LATEST_OVERNIGHT_CLOSE:
            raise HoursError(f"implausible overnight hours {part.strip()!r}")
        end = "24:00" if closes == 0 else f"{closes // 60:02d}:{closes % 60:02d}"
        spans.append(f"{opens // 60:02d}:{opens % 60:02d}-{end}")
    return ",".join(spans)


def _rule(line: str) -> str:
    days, separator, times = line.partition(":")
    if not separator:
        raise HoursError(f"no days in {line!r}")
    return f"{_days(days.strip())} {_times(times.strip())}"


def regular_hours(*texts: str) -> str | None:
    """The weekly hours (`Mo-Fr 09:00-17:00; Sa 10:00-14:00`) the texts state, or None.

    Every line of every text must be a plain "days: times" rule; a note, a condition
    ("school year", "appointments only") or a second service's schedule makes them
    irregular, and the caller keeps them as text instead.
    """
    lines = [line for text in texts for line in plain_text(text).lower().splitlines()]
    if not lines:
        return None
    if len(lines) == 1 and lines[0].rstrip(".") in _ALWAYS_PHRASES:
        return ALWAYS
    # "Monday - Thursday: 9 am - 8 pm Friday: 9 am - 6 pm" on one line
    lines = [part for line in lines for part in re.split(rf"(?<=[ap]m)\s+(?={_DAY})", line)]
    try:
        rules = "; ".join(_rule(line) for line in lines)
        parse_hours(rules)  # the result must be valid in the providers.csv format
    except HoursError:
        return None
    return rules
