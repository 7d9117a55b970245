"""Arabic and Urdu pages and sheets: "LGBTQ+", numbers and phone numbers keep their order on
screen (measured character by character in Chromium, not read from the DOM)."""

from __future__ import annotations

import pytest

# Left-to-right runs that the bidi algorithm scrambles inside right-to-left text.
RUNS = r"LGBTQ\+|\(\d{3}\) \d{3}-\d{4}|\d-\d{3}-\d{3}-\d{4}|\d+-\d+|24/7"
# Each match: its text and the on-screen box of each character, in logical order.
MEASURE = """(pattern) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(new RegExp(pattern, "g"))) {
      const boxes = [];
      for (let i = match.index; i < match.index + match[0].length; i++) {
        if (node.data[i] === " ") continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width) boxes.push([box.left, box.top]);
      }
      if (boxes.length) found.push({text: match[0], boxes});
    }
  }
  return found;
}"""


def scrambled(found: list[dict]) -> list[str]:
    """Runs whose characters do not go left to right (within a line)."""
    wrong = []
    for run in found:
        pairs = zip(run["boxes"], run["boxes"][1:], strict=False)
        if any(b[0] < a[0] for a, b in pairs if abs(a[1] - b[1]) < 2):
            wrong.append(run["text"])
    return wrong


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_numbers_phones_and_lgbtq_stay_in_order(page, server, lang):
    seen: set[str] = set()
    problems = []

    def check(name: str) -> None:
        found = page.evaluate(MEASURE, RUNS)
        seen.update(run["text"] for run in found)
        problems.extend(f"{name}: {text}" for text in scrambled(found))

    page.goto(f"{server}/{lang}/providers/lgbtq-youth")
    check("detail")
    page.goto(f"{server}/{lang}/")
    page.locator("#search button[type=submit]").first.click()
    page.wait_for_url(f"{server}/{lang}/search")
    page.wait_for_selector(".listing")
    check("results")
    for provider_id in ("lgbtq-youth", "flushing-legal", "national-line"):
        page.locator(f"input[name=pick][value={provider_id}]").check()
    page.select_option("#for_lang", lang)
    page.locator(".referral-bar button").click()
    page.wait_for_url(f"{server}/{lang}/referral")
    page.wait_for_selector(".referral-sheet")
    check("sheet")
    assert problems == [], problems
    assert {"LGBTQ+", "(718) 555-0101", "1-888-373-7888"} <= seen, seen
