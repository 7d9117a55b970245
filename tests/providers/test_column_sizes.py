"""Values as long as their column import on every database; one more, or a NUL, is refused.

PostgreSQL refuses an over-long VARCHAR or a NUL character at write time; the row schema
must refuse them first, with the row and column, so both databases accept the same files.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Enum, func, select

from directory.extensions import db
from directory.providers.models import Organization, Phone, Provider
from directory.providers.schemas import COLUMNS, ProviderRowSchema
from directory.sizes import max_length

from .rows import csv_text, good_row


def _text(n: int) -> str:
    return "x" * n


def _email(n: int) -> str:
    """A valid address of exactly n characters (local part 64, labels of at most 63)."""
    domain_length = n - 65
    labels, left = [], domain_length - 4  # room for ".org"
    while left > 0:
        size = min(63, left - 1 if left > 63 else left)
        labels.append("d" * size)
        left -= size + 1
    domain = ".".join(labels) + ".org"
    address = "a" * (n - 1 - len(domain)) + "@" + domain
    assert len(address) == n
    return address


def _url(n: int) -> str:
    return "https://example.org/" + "a" * (n - len("https://example.org/"))


def _label(n: int) -> str:
    return f"718-555-0100 ({'l' * n})"


# Every String(n) column a spreadsheet cell is written to, and a valid value of n characters.
SIZED = {
    "name": (Provider.name, _text),
    "organization": (Organization.name, _text),
    "address": (Provider.address, _text),
    "city": (Provider.city, _text),
    "service_area": (Provider.service_area, _text),
    "email": (Provider.email, _email),
    "website": (Provider.website, _url),
    "organization_website": (Organization.website, _url),
    "phone": (Phone.description, _label),
    "hotline": (Phone.description, _label),
    "text": (Phone.description, _label),
}


def _import(runner, write_csv, row):
    path = write_csv(csv_text(row, columns=COLUMNS))
    return runner.invoke(args=["providers", "import", str(path)])


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Provider))


@pytest.mark.parametrize("column", SIZED)
def test_a_value_as_long_as_its_column_is_stored_whole(app, runner, write_csv, column):
    model_column, make = SIZED[column]
    value = make(max_length(model_column))
    result = _import(runner, write_csv, good_row(**{column: value}))
    assert result.exit_code == 0, result.output
    with app.app_context():
        provider = db.session.get(Provider, "bk-legal")
        stored = {
            "organization": provider.organization.name,
            "organization_website": provider.organization.website,
            "phone": provider.phones[-1].description if provider.phones else None,
            "hotline": provider.phones[-1].description if provider.phones else None,
            "text": provider.phones[-1].description if provider.phones else None,
        }.get(column, getattr(provider, column, None))
    expected = value.split("(")[-1].rstrip(")") if column in ("phone", "hotline", "text") else value
    assert stored == expected


@pytest.mark.parametrize("column", SIZED)
def test_one_character_more_is_refused_with_row_and_column(app, runner, write_csv, column):
    model_column, make = SIZED[column]
    length = max_length(model_column)
    result = _import(runner, write_csv, good_row(**{column: make(length + 1)}))
    assert result.exit_code != 0
    assert f"row 2, column {column}: " in result.output
    assert f"at most {length} characters" in result.output
    assert "Traceback" not in result.output
    assert _count(app) == 0


TEXT_COLUMNS = [
    "name", "organization", "description", "address", "city", "eligibility", "intake",
    "documents_required", "accessibility", "service_area", "notes", "organization_description",
]  # fmt: skip
NUL_VALUES = {
    **dict.fromkeys(TEXT_COLUMNS, "Free\x00help"),
    "website": "https://example.org/\x00",
    "organization_website": "https://example.org/a\x00b",
    "source_url": "https://example.org/\x00",
    "phone": "718-555-0100 (in\x00take)",
    "time_zone": "America/New_York\x00",
    "email": "help\x00@example.org",
}


@pytest.mark.parametrize("column", NUL_VALUES)
def test_a_nul_character_is_refused_not_stored(app, runner, write_csv, column):
    result = _import(runner, write_csv, good_row(**{column: NUL_VALUES[column]}))
    assert result.exit_code != 0
    # A NUL byte marks a file that is not UTF-8 text: the reader refuses the whole file first.
    assert "the file contains NUL bytes" in result.output
    assert "Traceback" not in result.output
    assert _count(app) == 0


# Columns whose format (a pattern, or a time-zone name) is already shorter than the column.
BOUNDED_BY_FORMAT = {"id", "state", "postal_code", "time_zone"}


def test_every_sized_column_a_cell_feeds_is_covered_here():
    """A new String(n) column written from a cell needs its entry in SIZED (and a validator)."""
    fields = ProviderRowSchema().fields
    for table in (Provider.__table__, Organization.__table__):
        for column in table.columns:
            if isinstance(column.type, Enum):
                continue  # a choice: every allowed value fits
            if getattr(column.type, "length", None) and column.name in fields:
                assert column.name in SIZED or column.name in BOUNDED_BY_FORMAT, column.name
