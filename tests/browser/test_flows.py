"""End-to-end flows in Chromium: search, filters, languages, quick exit, referral, no-JS, mobile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


def first_party_only(page, server):
    outside = [url for url in page.requests if not url.startswith((server, "data:", "about:"))]
    assert outside == [], outside


def test_search_flow_keeps_terms_out_of_the_url(page, server):
    page.goto(f"{server}/en/")
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("abogado para visa")
    page.fill("#near", "Flushing")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("result")
    assert page.url == f"{server}/en/search"
    expect(page.locator(".listing").first).to_contain_text("Flushing Immigration Legal Clinic")
    history = page.evaluate("history.length")
    assert "abogado" not in page.url and history <= 3
    first_party_only(page, server)


def test_filters_and_sort(page, server):
    page.goto(f"{server}/en/")
    page.locator("#search button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("8 results")
    page.check("input[name=free]")
    page.check("input[name=walk_in]")
    page.locator("button", has_text="Update results").click()
    expect(page.locator("h1")).to_have_text("3 results")
    page.fill("#near", "11354")
    page.select_option("#sort", "distance")
    page.locator("button", has_text="Update results").click()
    expect(page.locator(".listing").first).to_contain_text("Flushing Immigration Legal Clinic")
    expect(page.locator(".distance").first).to_contain_text("mi")


def test_keyboard_moves_through_results(page, server):
    page.goto(f"{server}/en/")
    page.locator("#search button[type=submit]").first.click()
    page.wait_for_url(f"{server}/en/search")
    page.wait_for_load_state("load")  # app.js (deferred) handles the keys
    page.locator("h1").click()
    page.keyboard.press("j")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == page.locator(".listing-name a").nth(1).text_content()


def test_language_switch_and_rtl(page, server):
    page.goto(f"{server}/en/about")
    page.locator(".languages a", has_text="Español").click()
    # The click navigates: wait for the new page (a busy machine lags behind the click).
    expect(page).to_have_url(f"{server}/es/about")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto(f"{server}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # mirrored: the quick exit sits at the left edge, the search box's label aligns right
    box = page.locator("#quick-exit").bounding_box()
    assert box["x"] < 1280 / 2
    label = page.locator("label[for=q]").bounding_box()
    field = page.locator("#q").bounding_box()
    assert label["x"] + label["width"] >= field["x"] + field["width"] - 2


def test_quick_exit_button_replaces_the_page(page, server):
    page.goto(f"{server}/en/about")
    page.goto(f"{server}/en/safety")
    page.locator("#quick-exit").click()
    page.wait_for_url(f"{server}/healthz")
    page.go_back()
    assert page.url == f"{server}/en/about"  # Back skips the page that was left


def test_quick_exit_by_pressing_shift_three_times(page, server):
    page.goto(f"{server}/en/about")
    page.goto(f"{server}/en/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{server}/healthz")
    page.go_back()
    assert page.url == f"{server}/en/about"


def test_quick_exit_stays_visible_while_scrolling(page, server):
    page.set_viewport_size({"width": 800, "height": 400})
    page.goto(f"{server}/en/listings")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY > 0")
    box = page.locator("#quick-exit").bounding_box()
    assert 0 <= box["y"] < 400


def test_referral_sheet_in_another_language_prints_alone(page, server):
    page.goto(f"{server}/en/")
    page.locator("#search button[type=submit]").first.click()
    page.locator("input[name=pick]").nth(0).check()
    page.locator("input[name=pick]").nth(1).check()
    page.select_option("#for_lang", "es")
    page.locator(".referral-bar button").click()
    expect(page.locator(".referral-sheet")).to_have_attribute("lang", "es")
    expect(page.locator(".sheet-item")).to_have_count(2)
    assert page.locator("#referral-text").input_value().count("\n") > 3
    page.emulate_media(media="print")
    # expect() waits for the print styles to apply (a bare is_visible() raced them under load)
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".safety-bar")).to_be_hidden()
    expect(page.locator(".referral-sheet")).to_be_visible()


def test_everything_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/es/")
    page.fill("#q", "refugio")
    page.locator("#search button[type=submit]").first.click()
    expect(page.locator(".listing")).to_have_count(2)
    page.check("input[name=no_police_required]")
    page.locator("button[form=search].primary").last.click()
    expect(page.locator(".listing")).to_have_count(1)
    page.locator("input[name=pick]").first.check()
    page.locator(".referral-bar button").click()
    expect(page.locator(".sheet-item")).to_have_count(1)
    assert not page.locator("#use-location").is_visible()  # an enhancement only
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_mobile_width_has_no_sideways_scroll(browser, server, screenshot, lang):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("/", "/providers/si-clinic"):
        page.goto(f"{server}/{lang}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        name = re.sub(r"\W+", "-", path).strip("-") or "home"
        screenshot(page, f"mobile-{lang}-{name}")
    page.goto(f"{server}/{lang}/")
    with page.expect_navigation():  # measured mid-navigation, the document can be empty
        page.locator("#search button[type=submit]").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, f"mobile-{lang}-results")
    context.close()


def test_use_my_location_fills_the_near_box(browser, server):
    context = browser.new_context(
        geolocation={"latitude": 40.7596, "longitude": -73.8303}, permissions=["geolocation"]
    )
    page = context.new_page()
    page.goto(f"{server}/en/")
    page.locator("#use-location").click()
    expect(page.locator("#near")).to_have_value("40.7596,-73.8303")
    context.close()


def test_compact_results_fit_ten_on_a_laptop_screen(page, server):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/en/")
    page.locator("#search button[type=submit]").first.click()
    rows = page.locator(".listings-list > li")
    expect(rows.first).to_be_visible()
    page.wait_for_load_state("load")  # measured before the stylesheet applied, rows looked tall
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    average = sum(heights) / len(heights)
    assert 10 * average <= 768 - 100, f"{average:.0f}px per result"
