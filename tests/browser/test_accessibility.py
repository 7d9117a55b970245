"""axe-core finds no serious or critical problem on the main pages in English, Spanish, Arabic."""

from __future__ import annotations

import pytest

PAGES = ("home", "results", "detail", "referral")


def open_page(page, server, lang: str, which: str) -> None:
    if which == "home":
        page.goto(f"{server}/{lang}/")
    elif which == "detail":
        page.goto(f"{server}/{lang}/providers/si-clinic")
    else:
        page.goto(f"{server}/{lang}/")
        page.locator("#search button[type=submit]").first.click()
        if which == "referral":
            page.locator("input[name=pick]").first.check()
            page.locator(".referral-bar button").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
@pytest.mark.parametrize("which", PAGES)
def test_no_serious_accessibility_violations(page, server, lang, which):
    from axe_playwright_python.sync_playwright import Axe

    open_page(page, server, lang, which)
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], serious
