"""The per-language review files stay in step with the catalogs, and the about page reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory import create_app
from directory.extensions import db
from directory.translation_review import (
    COLUMNS,
    MACHINE_ASSISTED,
    REVIEWED,
    catalog_translations,
    read_review,
    render_review,
    review_path,
    review_problems,
    sync_review_files,
    synced_rows,
)
from directory.web.i18n import CATALOG_LOCALES

from .support import app_config

CATALOGS = Path(__file__).resolve().parents[1] / "translations"


def row(msgid: str, translation: str, status: str = MACHINE_ASSISTED, **fields: str) -> dict:
    return dict.fromkeys(COLUMNS, "") | {
        "msgid": msgid, "translation": translation, "status": status, **fields
    }  # fmt: skip


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_review_file_accounts_for_every_message_of_its_catalog(locale):
    translations = catalog_translations(CATALOGS, locale)
    rows = read_review(review_path(CATALOGS, locale))
    hint = "run `flask translate update` (or `compile`) to bring the review files in step"
    assert [r["msgid"] for r in rows] == list(translations), f"{locale}: {hint}"
    stale = [r["msgid"] for r in rows if r["translation"] != translations[r["msgid"]]]
    assert not stale, f"{locale}: translations changed since the review file: {stale[:3]}; {hint}"
    problems = [(r["msgid"], p) for r in rows for p in review_problems(r)]
    assert not problems, f"{locale}: {problems[:5]}"


def test_sync_adds_new_messages_and_drops_gone_ones():
    rows = [
        row("Old", "Viejo"),
        row("Kept", "Guardado", REVIEWED, reviewer="Org", reviewed_on="2026-01-02"),
    ]
    synced = synced_rows({"Kept": "Guardado", "New": "Nuevo"}, rows)
    assert [(r["msgid"], r["status"], r["reviewer"]) for r in synced] == [
        ("Kept", REVIEWED, "Org"),
        ("New", MACHINE_ASSISTED, ""),
    ]


def test_a_review_no_longer_counts_once_the_translation_changes():
    rows = [row("Fee", "Peye", REVIEWED, reviewer="Partner", reviewed_on="2026-01-02")]
    (synced,) = synced_rows({"Fee": "Fò w peye"}, rows)
    assert synced["status"] == MACHINE_ASSISTED
    assert synced["translation"] == "Fò w peye"
    assert (synced["reviewer"], synced["reviewed_on"]) == ("", "")
    assert "Partner" in synced["notes"] and "Peye" in synced["notes"]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"status": "done"}, "status"),
        ({"status": REVIEWED, "reviewed_on": "2026-01-02"}, "reviewer"),
        ({"status": REVIEWED, "reviewer": "Org", "reviewed_on": "last week"}, "reviewed_on"),
    ],
)
def test_a_filled_in_row_is_checked(fields, problem):
    (found,) = review_problems(row("Fee", "Peye") | fields)
    assert problem in found


@pytest.fixture
def catalogs(tmp_path):
    """A copy of the catalogs and review files that a test may mark as reviewed."""
    copy = tmp_path / "translations"
    shutil.copytree(CATALOGS, copy)
    return copy


def mark_reviewed(catalogs: Path, locale: str, count: int | None = None) -> None:
    path = review_path(catalogs, locale)
    rows = read_review(path)
    for entry in rows[:count]:
        entry.update(status=REVIEWED, reviewer="Partner", reviewed_on="2026-11-27")
    path.write_text(render_review(rows), encoding="utf-8-sig")


def test_sync_keeps_reviews_and_writes_only_what_changed(catalogs):
    mark_reviewed(catalogs, "fr", 3)
    assert sync_review_files(catalogs, CATALOG_LOCALES) == []
    review_path(catalogs, "ko").unlink()
    assert sync_review_files(catalogs, CATALOG_LOCALES) == ["ko"]
    fr = read_review(review_path(catalogs, "fr"))
    assert [entry["status"] for entry in fr[:4]] == [REVIEWED] * 3 + [MACHINE_ASSISTED]


def about_page(tmp_path: Path, catalogs: Path, prefix: str = "en") -> str:
    app = create_app(app_config(tmp_path, BABEL_TRANSLATION_DIRECTORIES=str(catalogs)))
    with app.app_context():
        db.create_all()
    html = app.test_client().get(f"/{prefix}/about").get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()
    return html


def test_about_page_names_the_languages_not_yet_reviewed(tmp_path, catalogs):
    mark_reviewed(catalogs, "fr")
    mark_reviewed(catalogs, "es", 10)
    html = about_page(tmp_path, catalogs)
    listed = html.split('class="unreviewed-languages"')[1].split("</ul>")[0]
    assert "Français" not in listed
    assert '<span lang="ko">한국어</span></li>' in listed
    total = len(read_review(review_path(catalogs, "es")))
    assert f"Español</span> (10 of {total} texts reviewed)" in listed


def test_about_page_says_when_every_translation_is_reviewed(tmp_path, catalogs):
    for locale in CATALOG_LOCALES:
        mark_reviewed(catalogs, locale)
    html = about_page(tmp_path, catalogs)
    assert "unreviewed-languages" not in html
    assert "Every translation has been reviewed by a native speaker." in html


def test_about_page_tells_each_language_in_its_own_words(tmp_path, catalogs):
    html = about_page(tmp_path, catalogs, "ar")
    assert "بمساعدة الترجمة الآلية" in html and '<span lang="es">Español</span>' in html
