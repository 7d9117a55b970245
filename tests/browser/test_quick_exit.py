"""Quick exit by keyboard: three presses of Shift alone, never capitals or Shift+Tab."""

from __future__ import annotations

# About 100 words a minute: a fast advocate typing during a call.
KEY_DELAY_MS = 120


def type_like_a_person(page, text: str) -> None:
    """Type as on a real keyboard: Shift held down for each capital, at a steady pace."""
    for char in text:
        if char.isupper():
            page.keyboard.down("Shift")
            page.keyboard.press(char)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press(char)
        page.wait_for_timeout(KEY_DELAY_MS)


def test_typing_capitals_and_shift_tab_never_exit(page, server):
    page.goto(f"{server}/en/")
    page.locator("#q").focus()
    type_like_a_person(page, "New York City")
    page.locator("#near").focus()
    type_like_a_person(page, "Sunset Park, Brooklyn")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
        page.wait_for_timeout(KEY_DELAY_MS)
    # Shift alone, a letter, then Shift alone twice: the letter breaks the sequence.
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(1200)
    assert page.url == f"{server}/en/"
    assert page.locator("#q").input_value() == "New York City"
    assert page.locator("#near").input_value() == "Sunset Park, Brooklyn"


def test_three_slow_presses_do_not_exit_three_quick_ones_do(page, server):
    page.goto(f"{server}/en/about")
    page.goto(f"{server}/en/")
    for _ in range(3):
        page.keyboard.press("Shift")
        page.wait_for_timeout(1100)  # more than a second apart: not a deliberate exit
    assert page.url == f"{server}/en/"
    page.locator("#q").focus()  # in the search box too
    for _ in range(3):
        page.keyboard.press("Shift")
        page.wait_for_timeout(150)
    page.wait_for_url(f"{server}/healthz")
    page.go_back()
    assert page.url == f"{server}/en/about"
