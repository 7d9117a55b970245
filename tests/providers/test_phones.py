"""Phone numbers: E.164 storage, national display, labels and short codes."""

import pytest

from directory.providers.phones import (
    PhoneEntry,
    PhoneError,
    display,
    format_phone_list,
    normalize,
    parse_phone_list,
)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("212-577-3300", "+12125773300"),
        ("(212) 577-3300", "+12125773300"),
        ("+1 212 577 3300", "+12125773300"),
        ("1-800-621-4673", "+18006214673"),
        ("1-800-621-HOPE", "+18006214673"),
        ("988", "988"),
        ("233733", "233733"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_numbers_are_stored_in_e164_or_as_short_codes(text, stored):
    assert normalize(text) == stored


def test_display_is_national_for_home_numbers():
    assert display("+12125773300") == "(212) 577-3300"
    assert display("+442079460958") == "+44 20 7946 0958"
    assert display("988") == "988"


def test_list_with_labels_round_trips():
    text = "1-800-621-4673 (24-hour hotline); (718) 250-2770; 233733 (text BEFREE)"
    entries = parse_phone_list(text)
    assert entries == [
        PhoneEntry("+18006214673", "24-hour hotline"),
        PhoneEntry("+17182502770", None),
        PhoneEntry("233733", "text BEFREE"),
    ]
    assert parse_phone_list(format_phone_list(entries)) == entries


@pytest.mark.parametrize("text", ["12345", "call us", "(intake)", "212-577-33"])
def test_bad_numbers_are_rejected(text):
    with pytest.raises(PhoneError):
        parse_phone_list(text)
