"""Checking an import's rows against the schema: a large file on every core, in order.

Loading a row with the schema is most of an import's work and needs nothing but the row,
so a large file's rows are loaded by worker processes a batch at a time; duplicate ids are
still found here, in file order, so the problems reported are the same either way.
"""

from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from marshmallow import ValidationError

from directory.processes import die_with_parent

from .schemas import ProviderRowSchema

# A file at least this large is checked by worker processes (starting them costs ~50 ms).
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
# Batches waiting for or being checked by each worker: enough to keep it busy, few enough
# that the file is never read far ahead of the checks.
BATCHES_PER_WORKER = 3
Checked = tuple[int, dict | None, list["RowError"]]


@dataclass(frozen=True)
class RowError:
    """One problem, located as a spreadsheet shows it (the header is row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


def flatten_messages(messages: Any) -> list[str]:
    """Every message in a marshmallow error structure, in order."""
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in flatten_messages(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in flatten_messages(value)]
    return [str(messages)]


def load_row(
    schema: ProviderRowSchema, number: int, row: dict[str, Any]
) -> tuple[dict | None, list[RowError]]:
    """The loaded row (None if it cannot be loaded) and its own problems."""
    errors = []
    if None in row:
        errors.append(RowError(number, "-", "has more cells than the header has columns"))
    try:
        return schema.load(row), errors
    except ValidationError as error:
        for column, messages in sorted(error.normalized_messages().items()):
            label = "-" if column == "_schema" else column
            errors.extend(RowError(number, label, m) for m in flatten_messages(messages))
        return None, errors


class RowChecker:
    """Validate rows one at a time, remembering ids to catch duplicates."""

    def __init__(self) -> None:
        self.schema = ProviderRowSchema()
        self.first_seen: dict[str, int] = {}

    def check(self, number: int, row: dict[str, Any]) -> tuple[dict | None, list[RowError]]:
        """The loaded row (None if it cannot be loaded) and its problems."""
        return self.seen(number, *load_row(self.schema, number, row))

    def seen(
        self, number: int, data: dict | None, errors: list[RowError]
    ) -> tuple[dict | None, list[RowError]]:
        """A loaded row's problems with a duplicate id added (rows come in file order)."""
        if data is None:
            return None, errors
        problems = self.seen_id(number, data["id"], errors)
        return (data if problems is errors else None), problems

    def seen_id(self, number: int, listing_id: str, errors: list[RowError]) -> list[RowError]:
        """`errors`, or a new list with the duplicate id added if another row had it first."""
        first = self.first_seen.setdefault(listing_id, number)
        if first != number:
            message = f"duplicate id {listing_id!r} (first on row {first})"
            return [*errors, RowError(number, "id", message)]
        return errors


def validate_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Validate every row; return the loaded ones and every problem found."""
    checker = RowChecker()
    loaded, errors = [], []
    for number, row in rows:
        data, problems = checker.check(number, row)
        errors.extend(problems)
        if data is not None and not problems:
            loaded.append((number, data))
    return loaded, errors


def worker_count(size: int) -> int:
    """Processes to check a file of `size` bytes with: one per core, none for a small file."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1 if size >= PARALLEL_MIN_BYTES else 0


@dataclass
class CheckedBatch:
    """A batch's problems and its rows without problems, loaded (or pickled by a worker)."""

    errors: list[RowError]
    loaded: list[tuple[int, dict]]
    pickled: bytes | None = None  # `loaded` pickled, in place of `loaded`

    def rows(self) -> list[tuple[int, dict]]:
        """The rows without problems, loaded."""
        return self.loaded if self.pickled is None else pickle.loads(self.pickled)


def checked_batches(
    batches: Iterable[list[tuple[int, dict[str, Any]]]], checker: RowChecker, workers: int = 0
) -> Iterator[CheckedBatch]:
    """Each batch checked, in file order.

    With `workers`, rows are loaded by that many forked processes, which hand back the
    loaded rows pickled (the importer keeps them pickled: they are not unpickled and pickled
    again here); BrokenProcessPool is raised if one dies. Duplicate ids are found here.
    """
    if workers < 2:
        for batch in batches:
            yield _checked(checker, [(n, *load_row(checker.schema, n, row)) for n, row in batch])
        return
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        try:
            for batch in batches:
                pending.append(pool.submit(_load_batch, batch))
                if len(pending) >= workers * BATCHES_PER_WORKER:
                    yield _in_order(checker, *pending.popleft().result())
            while pending:
                yield _in_order(checker, *pending.popleft().result())
        finally:
            for future in pending:
                future.cancel()


def _checked(checker: RowChecker, checked: list[Checked]) -> CheckedBatch:
    errors, loaded = [], []
    for number, data, problems in checked:
        data, problems = checker.seen(number, data, problems)
        errors.extend(problems)
        if data is not None and not problems:
            loaded.append((number, data))
    return CheckedBatch(errors, loaded)


def _in_order(checker: RowChecker, rows: list[tuple], pickled: bytes) -> CheckedBatch:
    errors = []
    for number, listing_id, problems in rows:
        if listing_id is not None:
            problems = checker.seen_id(number, listing_id, problems)
        errors.extend(problems)
    return CheckedBatch(errors, [], pickled)


def _start_worker(parent_pid: int) -> None:
    """Make this worker die with the import, and run only on a core nothing else wants."""
    die_with_parent(parent_pid)  # without prctl (not Linux), the worker lingers, idle
    # A site on the same machine answers first even when it runs at the import's niceness
    # (the import lowers its own priority, but an already-niced process cannot go lower).
    if hasattr(os, "sched_setscheduler"):
        with suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


_worker_schema: list[ProviderRowSchema] = []  # one schema per worker process


def _load_batch(batch: list[tuple[int, dict[str, Any]]]) -> tuple[list[tuple], bytes]:
    """(row number, id or None, problems) for each row, and the rows without problems
    (loaded) pickled."""
    if not _worker_schema:
        _worker_schema.append(ProviderRowSchema())
    schema = _worker_schema[0]
    rows, loaded = [], []
    for number, row in batch:
        data, problems = load_row(schema, number, row)
        rows.append((number, None if data is None else data["id"], problems))
        if data is not None and not problems:
            loaded.append((number, data))
    return rows, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
