"""Insert many rows through the driver: SQLAlchemy's per-row work would cost more than SQLite's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def bulk_insert(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` (values in the order of `columns`) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(
        dialect=dialect, column_keys=list(columns), for_executemany=True
    )
    # The bind names are the column names, in the statement's order.
    names = compiled.positiontup if compiled.positional else list(compiled.binds)
    order = [columns.index(name) for name in names]
    # Each column's type converts values the driver cannot take (enums, dates on SQLite).
    convert = [
        (position, process)
        for position, name in enumerate(names)
        if (process := table.c[name].type._cached_bind_processor(dialect)) is not None
    ]
    if not convert and order == list(range(len(columns))) and compiled.positional:
        # Nothing to convert or reorder (codes, phones, hours): the rows go as they are.
        connection.exec_driver_sql(compiled.string, list(rows))
        return
    params: list[Any] = []
    last: dict[int, tuple[Any, Any]] = {}  # a value repeated in every row converts once
    for row in rows:
        values = [row[i] for i in order]
        for position, process in convert:
            value = values[position]
            seen = last.get(position)
            if seen is None or seen[0] is not value:
                seen = last[position] = (value, process(value))
            values[position] = seen[1]
        named = not compiled.positional
        params.append(dict(zip(names, values, strict=True)) if named else tuple(values))
    connection.exec_driver_sql(compiled.string, params)
