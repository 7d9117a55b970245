"""WCAG 1.4.10 reflow on the real directory: no sideways scrolling at 320 and 375 px in any
language, and the quick exit always on screen."""

from __future__ import annotations

import csv

import pytest

from directory.web.i18n import UI_LANGUAGES

from .conftest import SEED_CSV

# The listings whose name, web address and e-mail are the longest: the widest detail pages.
with SEED_CSV.open(encoding="utf-8", newline="") as _seed:
    _ROWS = list(csv.DictReader(_seed))
WIDEST = sorted(
    {max(_ROWS, key=lambda row: len(row[key] or ""))["id"] for key in ("name", "website", "email")}
)
FITS = """() => {
  const exit = document.getElementById("quick-exit").getBoundingClientRect();
  return {
    scrollWidth: document.documentElement.scrollWidth,
    exitInside: exit.left >= 0 && exit.right <= innerWidth
      && exit.top >= 0 && exit.bottom <= innerHeight,
    widest: Array.from(document.querySelectorAll("main *"))
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1
        || e.getBoundingClientRect().left < -1)
      .slice(0, 3)
      .map((e) => e.tagName + "." + e.className + ": " + (e.textContent || "").slice(0, 40)),
  };
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_pages_fit_a_phone_in_every_language(browser, seed_server, screenshot, width):
    """Home, results (20), the widest detail pages and a referral of three, in 12 languages."""
    context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True)
    page = context.new_page()
    problems = []

    def check(lang: str, name: str) -> None:
        fit = page.evaluate(FITS)
        if fit["scrollWidth"] > width or not fit["exitInside"]:
            problems.append(f"{lang} {name}: {fit}")
        if lang in ("ar", "zh-hans", "en") and width == 375:
            screenshot(page, f"phone-{width}-{lang}-{name}")

    for language in UI_LANGUAGES:
        lang = language.prefix
        page.goto(f"{seed_server}/{lang}/")
        check(lang, "home")
        for provider_id in WIDEST:
            page.goto(f"{seed_server}/{lang}/providers/{provider_id}")
            check(lang, f"detail-{provider_id}")
        page.goto(f"{seed_server}/{lang}/search?per_page=20")
        assert page.locator(".listing").count() == 20
        check(lang, "results")
        for index in (0, 1, 2):
            page.locator("input[name=pick]").nth(index).check()
        page.locator(".referral-bar button").click()
        page.wait_for_selector(".referral-sheet")
        check(lang, "referral")
    context.close()
    assert problems == [], "\n".join(problems)


def test_search_button_and_change_search_are_on_the_first_phone_screen(browser, seed_server):
    """The search button is above the fold; results start with a way back to the search."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    for lang in (language.prefix for language in UI_LANGUAGES):
        page.goto(f"{seed_server}/{lang}/")
        button = page.locator("#search button[type=submit]").first.bounding_box()
        assert button["y"] + button["height"] <= 667, lang
        page.goto(f"{seed_server}/{lang}/search?per_page=20")
        jump = page.locator(".refine-jump a")
        assert jump.bounding_box()["y"] < 667, lang
        jump.click()  # an anchor: works without JavaScript
        page.wait_for_function("location.hash === '#refine'")
        assert 0 <= page.locator("#q").bounding_box()["y"] < 667, lang
    context.close()
