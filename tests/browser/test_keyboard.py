"""Advocates' keyboard: results before filters, shortcuts from a checkbox, few keys per referral."""

from __future__ import annotations

from playwright.sync_api import expect


class CountingKeyboard:
    """Presses keys on a page and counts them (typed words are not counted)."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.presses += 1


def test_search_pick_three_and_sheet_in_another_language_in_under_15_keys(seed_page, seed_server):
    page = seed_page
    keys = CountingKeyboard(page)
    page.goto(f"{seed_server}/en/")
    keys.press("/")
    page.keyboard.type("shelter")
    keys.press("Enter")
    expect(page.locator("h1")).to_contain_text("results")
    page.wait_for_load_state("load")  # app.js (deferred) handles the keys
    keys.press("j", "x", "j", "x", "j", "x")
    expect(page.locator("input[name=pick]:checked")).to_have_count(3)
    keys.press("r")
    expect(page.locator("#for_lang")).to_be_focused()
    keys.press("ArrowDown")  # the next language: Español
    keys.press("Tab", "Enter")
    expect(page.locator(".referral-sheet")).to_have_attribute("lang", "es")
    expect(page.locator(".sheet-item")).to_have_count(3)
    assert keys.presses < 15, keys.presses


def test_results_come_before_the_filters_and_a_skip_link_leads_to_the_referral(
    seed_page, seed_server
):
    page = seed_page
    page.goto(f"{seed_server}/en/search?per_page=20")
    order = page.evaluate(
        """() => Array.from(document.querySelectorAll(
          'main a, main input, main button, main select, main summary'))
        .map((e) => e.closest('.results') ? 'results'
          : e.closest('.filters') ? 'filters' : 'top')"""
    )
    assert order.index("results") < order.index("filters")
    assert "results" not in order[order.index("filters") :]
    page.locator("main").focus()
    page.keyboard.press("Tab")  # the first stop of the results page (on a laptop)
    expect(page.locator(".skip-inline")).to_be_focused()
    assert page.locator(".skip-inline").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#for_lang")).to_be_focused()


def test_j_and_k_work_from_a_checkbox_and_shortcuts_are_shown(seed_page, seed_server):
    page = seed_page
    page.goto(f"{seed_server}/en/search?per_page=20")
    shortcuts = page.locator("#shortcuts")
    expect(shortcuts).to_be_visible()
    expect(shortcuts.locator("summary")).to_contain_text("Keyboard shortcuts")
    page.locator("input[name=pick]").nth(0).focus()
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator("input[name=pick]").nth(2)).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator("input[name=pick]").nth(1)).to_be_focused()
    page.keyboard.press("Space")
    assert page.locator("input[name=pick]").nth(1).is_checked()
    page.keyboard.press("?")
    assert shortcuts.evaluate("d => d.open")
    expect(shortcuts.locator("dd").first).to_be_visible()
    page.keyboard.press("?")
    assert not shortcuts.evaluate("d => d.open")
    # In a text field the letters are typed, not taken as shortcuts.
    page.locator("#q").focus()
    page.keyboard.type("jxr?")
    assert page.locator("#q").input_value().endswith("jxr?")
