"""Hours written in prose become weekly hours only when every line is a plain rule."""

from __future__ import annotations

import pytest

from directory.sources.hours_text import plain_text, regular_hours


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Monday - Friday: 9 am - 5 pm", ""), "Mo-Fr 09:00-17:00"),
        (("Monday - Friday: 9 am - 9 pm", "Saturday - Sunday: 10 am - 3 pm"),
         "Mo-Fr 09:00-21:00; Sa-Su 10:00-15:00"),
        (("Monday - Friday: 9:30 am - 1 pm, 2:15 pm - 4 pm",), "Mo-Fr 09:30-13:00,14:15-16:00"),
        (('<ul style="list-style-type:none">\n <li>Monday - Thursday: 9 am - 5 pm</li>\n'
          "<li>Friday: 9 am - 2 pm</li>\n</ul>",), "Mo-Th 09:00-17:00; Fr 09:00-14:00"),
        (("Monday - Thursday: 9 am - 8 pm Friday: 9 am - 6 pm", "Saturday: 9 am - 4 pm"),
         "Mo-Th 09:00-20:00; Fr 09:00-18:00; Sa 09:00-16:00"),
        (("Tuesday and Wednesday: 9 am - 5 pm",), "Tu,We 09:00-17:00"),
        (("Open 24 hours 7 days a week", ""), "24/7"),
        (("Monday - Friday: 7 pm - 7 am",), "Mo-Fr 19:00-07:00"),
    ],
)  # fmt: skip
def test_regular_hours_are_read(texts, expected):
    assert regular_hours(*texts) == expected


@pytest.mark.parametrize(
    "texts",
    [
        ("Call to inquire about hours of operation",),
        ("Monday - Friday: 9 am - 5 pm", "Call to inquire about weekend hours of operation"),
        ("<ul><li>Crime advocacy services:<br>Monday - Friday: 12 pm - 8 pm</li>"
         "<li>Domestic violence advocacy services:<br>Monday - Friday: 8 am - 4 pm</li></ul>",),
        ("Monday - Friday: 2:30 pm - 6pm (school year)",),
        ("Monday - Friday: 9 am - 8 pm", "Saturday - Sunday: 9 pm - 5 pm"),  # a slip, not a night
        ("Immigration consultations every 2nd and 4th Mondays of the month: 9 am - 5 pm",),
        ("", ""),
    ],
)  # fmt: skip
def test_irregular_hours_are_left_to_text(texts):
    assert regular_hours(*texts) is None


def test_plain_text_drops_markup_and_keeps_lines():
    assert (
        plain_text("Hotline: 1(800) 664- 5880<br>\nA &amp; B") == "Hotline: 1(800) 664- 5880\nA & B"
    )
