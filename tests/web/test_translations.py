"""Every interface string and taxonomy label is translated in every language, none fuzzy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from directory.web.i18n import CATALOG_LOCALES, UI_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture(scope="module")
def current_messages(tmp_path_factory) -> set[str]:
    """The messages the code and templates use now (freshly extracted)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "_l", "-o", str(pot), "directory"],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_catalog_is_complete_and_not_fuzzy(locale, current_messages):
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    problems = []
    ids = set()
    for message in catalog:
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        ids.add(singular)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {singular!r}")
        if not all(strings) or len(strings) != (catalog.num_plurals if message.pluralizable else 1):
            problems.append(f"untranslated: {singular!r}")
        wanted = set(PLACEHOLDER.findall(singular))
        for string in strings:
            found = set(PLACEHOLDER.findall(string or ""))
            # Arabic's zero/one/two forms may spell the number out instead of showing it.
            if found != wanted and not (message.pluralizable and found < wanted):
                problems.append(f"placeholders {sorted(found)} in {string!r}")
    missing = current_messages - ids
    assert not missing, f"{locale}: run `flask translate update`, then translate: {sorted(missing)}"
    assert not problems, f"{locale}: " + "; ".join(problems[:10])


@pytest.mark.parametrize("language", UI_LANGUAGES[1:], ids=lambda lang: lang.prefix)
def test_pages_are_served_translated(app, language):
    html = app.test_client().get(f"/{language.prefix}/").get_data(as_text=True)
    assert "Quick exit" not in html and "What do you need?" not in html


def test_translate_compile_command_writes_every_catalog(runner):
    result = runner.invoke(args=["translate", "compile"])
    assert result.exit_code == 0, result.output
    for locale in CATALOG_LOCALES:
        assert (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.mo").stat().st_size
