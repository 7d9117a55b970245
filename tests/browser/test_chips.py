"""What search understood, as chips: readable at 320 px, right to left, and removable without
JavaScript by a POST that keeps the words out of the URL."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("lang", ["en", "ar", "zh-hans"])
def test_chips_fit_a_small_phone_and_each_removes_its_reading(browser, server, screenshot, lang):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{server}/{lang}/")
    page.fill("#q", "shelter men brooklyn spanish")
    page.locator("#search button[type=submit]").first.click()
    chips = page.locator(".chip")
    expect(chips).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for n in range(4):
        box = chips.nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    screenshot(page, f"chips-320-{lang}")
    page.locator('button[name=ignore][value="populations:men"]').click()
    expect(page.locator(".chip")).to_have_count(3)
    assert page.url == f"{server}/{lang}/search"
    expect(page.locator('input[type=hidden][name=ignore][value="populations:men"]')).to_have_count(
        1
    )
    context.close()
