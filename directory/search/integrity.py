"""A generation's manifest: the size and checksum of each file its committed segments hold.

Written when a generation is completed and after every incremental commit; checked when a
process opens a generation and by the follower's polls, so a file truncated or overwritten
on disk (a bad restore, a disk error) is found before a search reads garbage from it. A
checksum covers a whole small file, and the first and last CHECKSUM_SPAN bytes of a large
one: cheap at a million listings, and enough for truncation and overwritten files (damage
in the middle of a large file is found when a search fails to read it; see snapshot.py).
"""

from __future__ import annotations

import json
import os
import threading
import time
import zlib
from pathlib import Path

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

MANIFEST = "MANIFEST.json"
INDEX_NAME = "MAIN"  # Whoosh's default index name, the prefix of its files
# Files up to this size are checksummed whole; larger ones at both ends.
WHOLE_FILE_BYTES = 1024 * 1024
CHECKSUM_SPAN = 64 * 1024
# How long a check waits before it looks again at what looked damaged.
SETTLE_SECONDS = 0.1
# Checks of a generation that commits keep changing, before giving no verdict for now.
CHECK_ATTEMPTS = 5

# name -> (size, mtime_ns, checksum)
Entries = dict[str, tuple[int, int, int]]


class IndexDamaged(Exception):
    """A generation's files do not hold what was written (truncated, overwritten, missing)."""


def checksum(path: Path, size: int) -> int:
    """CRC-32 of the whole file if small, else of its first and last CHECKSUM_SPAN bytes."""
    with open(path, "rb") as handle:
        if size <= WHOLE_FILE_BYTES:
            return zlib.crc32(handle.read())
        head = handle.read(CHECKSUM_SPAN)
        handle.seek(size - CHECKSUM_SPAN)
        return zlib.crc32(handle.read(CHECKSUM_SPAN), zlib.crc32(head))


# Generation directories whose schema was read, most recent last (a rebuild adds one).
_SCHEMAS: dict[str, Schema] = {}
SCHEMAS_KEPT = 4


def stored_schema(directory: Path) -> Schema:
    """The schema a generation's table of contents holds, unpickled once per directory.

    Each of its commits stores the schema it was opened with, so it never changes within a
    directory; unpickling it was ~2.2 of the ~2.7 ms a read of the table of contents took,
    read three times each time a process opened a new commit (every edit).
    """
    key = str(directory)
    schema = _SCHEMAS.get(key)
    if schema is None:
        schema = TOC.read(FileStorage(key, readonly=True), INDEX_NAME).schema
        _SCHEMAS[key] = schema
        for old in list(_SCHEMAS)[:-SCHEMAS_KEPT]:
            _SCHEMAS.pop(old, None)
    return schema


def committed_files(directory: Path) -> tuple[int, list[str]]:
    """The newest TOC's generation number and the files it and its segments consist of."""
    storage = FileStorage(str(directory), readonly=True)
    toc = TOC.read(storage, INDEX_NAME, schema=stored_schema(directory))
    prefixes = tuple(f"{segment.segment_id()}." for segment in toc.segments)
    names = [TOC._filename(INDEX_NAME, toc.generation)]
    names += sorted(n for n in os.listdir(directory) if n.startswith(prefixes))
    return toc.generation, names


def write_manifest(directory: Path) -> None:
    """Record the committed files of `directory` (reusing unchanged entries of the last one)."""
    generation, names = committed_files(directory)
    previous = _read(directory).get("files", {})
    entries: Entries = {}
    for name in names:
        stat = (directory / name).stat()
        old = previous.get(name)
        if old is not None and (old[0], old[1]) == (stat.st_size, stat.st_mtime_ns):
            entries[name] = tuple(old)
        else:
            crc = checksum(directory / name, stat.st_size)
            entries[name] = (stat.st_size, stat.st_mtime_ns, crc)
    temporary = directory / f".{MANIFEST}.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps({"toc": generation, "files": entries}))
    os.replace(temporary, directory / MANIFEST)


def _read(directory: Path) -> dict:
    try:
        found = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def check(directory: Path, verified: dict[str, tuple[int, int]]) -> None:
    """Raise IndexDamaged if a committed file differs from the manifest.

    `verified` (name -> size and mtime of a file found sound before) spares re-reading files
    that have not changed since; it is updated in place.
    """
    seen: str | None = None
    for attempt in range(CHECK_ATTEMPTS):
        before = _newest_commit(directory)
        try:
            _check(directory, verified)
            return
        except IndexDamaged as damage:
            # A commit meanwhile deletes the files (and table) of segments it merged: look
            # again at the newer commit; only damage seen twice, a moment apart, while no
            # commit came is damage (a commit's clean-up was once seen between its steps).
            if _newest_commit(directory) == before:
                if seen == str(damage):
                    raise
                seen = str(damage)
                time.sleep(SETTLE_SECONDS * (attempt + 1))
    # Commits kept coming: no verdict now; the next check (a poll, a new view) gives one.


def _newest_commit(directory: Path) -> int:
    try:
        return TOC._latest_generation(FileStorage(str(directory), readonly=True), INDEX_NAME)
    except Exception:
        return -1


def _check(directory: Path, verified: dict[str, tuple[int, int]]) -> None:
    manifest = _read(directory)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise IndexDamaged(f"{directory.name}: no readable {MANIFEST}")
    try:
        generation, names = committed_files(directory)
    except Exception as error:  # an unreadable TOC
        raise IndexDamaged(f"{directory.name}: its table of contents: {error!r}") from error
    # A commit whose manifest is not written yet (or never was: a crash) lists files the
    # manifest does not know: those are checked when it does.
    complete = manifest.get("toc") == generation
    for name, (size, _, expected) in files.items():
        path = directory / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            if complete or name in names:
                raise IndexDamaged(f"{directory.name}: {name} is missing") from None
            continue  # merged away by a later commit
        if stat.st_size != size:
            raise IndexDamaged(f"{directory.name}: {name} has {stat.st_size} bytes, not {size}")
        if verified.get(name) == (stat.st_size, stat.st_mtime_ns):
            continue
        try:
            sound = checksum(path, size) == expected
        except FileNotFoundError:  # deleted since its stat: `check` looks again
            raise IndexDamaged(f"{directory.name}: {name} is missing") from None
        if not sound:
            raise IndexDamaged(f"{directory.name}: {name} does not hold what was written")
        verified[name] = (stat.st_size, stat.st_mtime_ns)
