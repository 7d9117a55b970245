"""Native-speaker review of each catalog: one CSV per language under translations/review/.

A row per message says whether a native speaker has reviewed that exact translation. The
files are kept in step with the catalogs by `flask translate update` and `compile`; a
partner organization fills in `status`, `reviewer` and `reviewed_on` in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .web.i18n import CATALOG_LOCALES, UI_LANGUAGES, UiLanguage

COLUMNS = ("msgid", "translation", "status", "reviewer", "reviewed_on", "notes")
MACHINE_ASSISTED = "machine-assisted"
REVIEWED = "reviewed"
NEEDS_CHANGE = "needs-change"
STATUSES = (MACHINE_ASSISTED, REVIEWED, NEEDS_CHANGE)
# Plural forms are shown side by side in one spreadsheet cell.
PLURAL_SEPARATOR = " | "
# Excel reads UTF-8 CSV as a legacy code page unless the file starts with a BOM.
ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class LanguageReview:
    """How much of one interface language a native speaker has reviewed."""

    language: UiLanguage
    reviewed: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.reviewed == self.total


def review_path(catalogs: Path, locale: str) -> Path:
    """The review file of a catalog locale (e.g. translations/review/zh_Hans.csv)."""
    return catalogs / "review" / f"{locale}.csv"


def catalog_translations(catalogs: Path, locale: str) -> dict[str, str]:
    """Each message's English id (singular) and its translation, plural forms joined."""
    with (catalogs / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translations = {}
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translations[msgid] = PLURAL_SEPARATOR.join(strings)
    return translations


def read_review(path: Path) -> list[dict[str, str]]:
    """The rows of a review file (none if it does not exist yet)."""
    if not path.exists():
        return []
    with path.open(encoding=ENCODING, newline="") as handle:
        return [
            {column: row.get(column) or "" for column in COLUMNS} for row in csv.DictReader(handle)
        ]


def synced_rows(translations: dict[str, str], rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The review rows for the catalog now: new messages added, gone ones dropped.

    A reviewed translation that has changed since goes back to machine-assisted, with a
    note of what the reviewer approved, so a review always refers to the text users see.
    """
    previous = {row["msgid"]: row for row in rows}
    result = []
    for msgid, translation in translations.items():
        row = dict(previous.get(msgid) or dict.fromkeys(COLUMNS, ""))
        row["msgid"] = msgid
        if row["status"] not in STATUSES:
            row["status"] = MACHINE_ASSISTED
        if row["status"] == REVIEWED and row["translation"] != translation:
            row["notes"] = (
                f"Changed after review by {row['reviewer'] or '?'} on {row['reviewed_on'] or '?'}"
                f" (approved: {row['translation']}). {row['notes']}"
            ).strip()
            row.update(status=MACHINE_ASSISTED, reviewer="", reviewed_on="")
        row["translation"] = translation
        result.append(row)
    return result


def render_review(rows: list[dict[str, str]]) -> str:
    """The CSV text of a review file."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def sync_review_files(catalogs: Path, locales: tuple[str, ...]) -> list[str]:
    """Bring every language's review file in step with its catalog; return those changed."""
    changed = []
    for locale in locales:
        path = review_path(catalogs, locale)
        text = render_review(synced_rows(catalog_translations(catalogs, locale), read_review(path)))
        if not path.exists() or path.read_text(encoding=ENCODING) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding=ENCODING)
            changed.append(locale)
    return changed


def review_problems(row: dict[str, str]) -> list[str]:
    """What is wrong with one filled-in row (an unknown status, a review with no name)."""
    problems = []
    if row["status"] not in STATUSES:
        problems.append(f"status {row['status']!r} is not one of {', '.join(STATUSES)}")
    if row["status"] == REVIEWED:
        if not row["reviewer"]:
            problems.append("a reviewed row names its reviewer")
        try:
            date.fromisoformat(row["reviewed_on"])
        except ValueError:
            problems.append(f"reviewed_on {row['reviewed_on']!r} is not a date like 2026-11-27")
    return problems


TRANSLATED = tuple(language for language in UI_LANGUAGES if language.locale in CATALOG_LOCALES)


@lru_cache(maxsize=8)
def _summary(catalogs: Path, stamps: tuple[int, ...]) -> tuple[LanguageReview, ...]:
    summary = []
    for language in TRANSLATED:
        rows = read_review(review_path(catalogs, language.locale))
        reviewed = sum(row["status"] == REVIEWED for row in rows)
        summary.append(LanguageReview(language, reviewed, len(rows)))
    return tuple(summary)


def review_summary(catalogs: Path) -> tuple[LanguageReview, ...]:
    """Every translated interface language with its count of reviewed messages."""
    paths = [review_path(catalogs, language.locale) for language in TRANSLATED]
    # Keyed by modification times, so an edited review file shows without a restart.
    stamps = tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)
    return _summary(catalogs, stamps)
