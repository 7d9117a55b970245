"""The audit trail: one row per applied field change, with who made and who approved it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select

from directory.extensions import db
from directory.providers.bulk import bulk_insert
from directory.providers.models import Provider
from directory.providers.rows import row_data
from directory.providers.schemas import COLUMNS, dump_row

from .models import AuditEntry

AUDIT_COLUMNS = (
    "changed_at", "provider_id", "field", "old_value", "new_value", "changed_by", "approved_by",
    "change_id",
)  # fmt: skip


def listing_row(provider: Provider) -> dict[str, str]:
    """A listing as spreadsheet cells: the shape edits, diffs and the audit trail compare."""
    return dump_row(row_data(provider))


def row_diff(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str, str]]:
    """(column, old, new) for every spreadsheet column whose cell differs."""
    return [
        (column, old.get(column, ""), new.get(column, ""))
        for column in COLUMNS
        if old.get(column, "") != new.get(column, "")
    ]


def record(
    provider_id: str,
    changes: Iterable[tuple[str, str, str]],
    changed_by: str,
    approved_by: str | None = None,
    change_id: int | None = None,
) -> None:
    """Add audit rows to the session; the caller's transaction commits them with the change."""
    for field, old, new in changes:
        db.session.add(
            AuditEntry(
                provider_id=provider_id,
                field=field,
                old_value=old or None,
                new_value=new or None,
                changed_by=changed_by,
                approved_by=approved_by,
                change_id=change_id,
            )
        )


def record_import(changes: Iterable[tuple[str, dict[str, str], dict[str, str]]]) -> None:
    """The import CLI's changes (id, cells before, after), recorded as made by "import".

    A core insert: an import of 100k new listings writes millions of audit rows.
    """
    now = datetime.now(UTC)
    columns = ("provider_id", "field", "old_value", "new_value", "changed_by", "changed_at")
    rows = [
        (provider_id, field, old or None, new or None, "import", now)
        for provider_id, before, after in changes
        for field, old, new in row_diff(before, after)
    ]
    bulk_insert(db.session, AuditEntry.__table__, columns, rows)


def history(provider_id: str) -> list[AuditEntry]:
    """A listing's audit rows, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.provider_id == provider_id)
        .order_by(AuditEntry.changed_at.desc(), AuditEntry.id.desc())
    )
    return list(db.session.scalars(query))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def audit_csv(provider_id: str | None = None) -> str:
    """The audit trail (of one listing, or all) as CSV text, oldest first."""
    query = select(AuditEntry).order_by(AuditEntry.changed_at, AuditEntry.id)
    if provider_id:
        query = query.where(AuditEntry.provider_id == provider_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AUDIT_COLUMNS)
    for entry in db.session.scalars(query):
        writer.writerow([_cell(getattr(entry, column)) for column in AUDIT_COLUMNS])
    return out.getvalue()
