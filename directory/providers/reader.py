"""Stream a providers spreadsheet row by row, with messages that name the real problem."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .schemas import REQUIRED_COLUMNS

# Called with the bytes read so far and the file's size.
ByteProgress = Callable[[int, int], None]
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
SAVE_AS = "save it as 'CSV UTF-8 (comma delimited)'"


class ImportFileError(ValueError):
    """Raised when the file itself cannot be read as a providers spreadsheet."""


def check_encoding(path: Path) -> None:
    """Refuse UTF-16/32 files (Excel's "Unicode text") with a message that says so."""
    with path.open("rb") as handle:
        start = handle.read(4096)
    if start.startswith(_UTF32_BOMS):
        raise ImportFileError(f"the file is UTF-32 text, not UTF-8: {SAVE_AS}")
    if start.startswith(_UTF16_BOMS) or (start and start.count(b"\x00") * 4 > len(start)):
        raise ImportFileError(
            f"the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8: {SAVE_AS}"
        )
    if b"\x00" in start:
        raise ImportFileError("the file contains NUL bytes: it is not a text spreadsheet")


def csv_problem(error: csv.Error, start_row: int, line: int) -> ImportFileError:
    """Translate the csv module's terse errors into what a person can fix."""
    text = str(error)
    if "unexpected end of data" in text:
        return ImportFileError(
            f'row {start_row}: a quoted cell starting here is never closed: a double quote (") '
            f"opens it and no closing quote follows (the file ends at line {line})"
        )
    if "field larger than field limit" in text:
        return ImportFileError(
            f"row {start_row}: a cell starting here runs past line {line} and is longer than "
            f'{csv.field_size_limit()} characters: most likely a double quote (") opens it '
            "and is never closed"
        )
    if "expected after" in text:
        return ImportFileError(
            f'row {start_row}: a double quote (") inside a quoted cell must be doubled (""), '
            f"or a quoted cell is not closed where it should be (near line {line})"
        )
    if "new-line character seen in unquoted field" in text:
        return ImportFileError(f"row {start_row}: a line break inside a cell that is not quoted")
    return ImportFileError(f"row {start_row}: {text}")


@contextmanager
def open_rows(path: Path, progress: ByteProgress | None = None):
    """Yield (header, rows): rows is an iterator of (row number, cells by column name).

    The header is row 1; blank rows are skipped. The csv module reads line breaks itself
    (`newline=""`), so U+2028, NEL or a form feed inside a cell stay inside the cell.
    Raises ImportFileError for a file that is not a UTF-8 providers spreadsheet.
    """
    check_encoding(path)
    size = path.stat().st_size
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise ImportFileError("the file is empty: row 1 must be the header") from None
        except UnicodeDecodeError as error:
            raise _not_utf8(error) from error
        except csv.Error as error:
            raise csv_problem(error, 1, reader.line_num) from error
        duplicates = sorted({name for name in header if name and header.count(name) > 1})
        if duplicates:
            raise ImportFileError(f"row 1: column(s) named twice: {', '.join(duplicates)}")
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise ImportFileError(f"row 1: required column(s) missing: {', '.join(missing)}")
        yield header, _rows(reader, header, raw, size, progress)


def _not_utf8(error: UnicodeDecodeError) -> ImportFileError:
    return ImportFileError(f"the file is not UTF-8 text (a byte near {error.start}); {SAVE_AS}")


def _rows(
    reader: Any, header: list[str], raw: Any, size: int, progress: ByteProgress | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    width = len(header)
    count = 0  # records read after the header: row `count + 1` as a spreadsheet shows it
    while True:
        start = count + 2
        try:
            cells = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError as error:
            raise _not_utf8(error) from error
        except csv.Error as error:
            raise csv_problem(error, start, reader.line_num) from error
        count += 1
        if progress is not None and count % 2000 == 0:
            progress(raw.tell(), size)
        if not any(cell.strip() for cell in cells):
            continue
        row: dict[str, Any] = dict(zip(header, cells, strict=False))
        if len(cells) > width:
            row[None] = cells[width:]  # type: ignore[index]
        yield count + 1, row
    if progress is not None:
        progress(size, size)
