"""The index on disk: fresh builds swapped in atomically, one writer at a time, fresh readers."""

from __future__ import annotations

import fcntl
import gc
import json
import logging
import os
import re
import shutil
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from directory.faults import crash_point

from . import building as building_
from .building import DocumentSource
from .errors import SearchUnavailable
from .integrity import IndexDamaged, check, stored_schema, write_manifest
from .merged import MergedPostings
from .schema import INDEX_FORMAT, SearchCodec, make_schema
from .snapshot import SegmentArrays, Snapshot, segment_key

log = logging.getLogger(__name__)

CURRENT = "current"  # symlink to the generation directory being served
# A replaced view stays open this long for searches still reading it.
RETIRED_VIEW_SECONDS = 30.0
FORMAT = "FORMAT"  # in each generation: the INDEX_FORMAT its documents were built to
# In each generation: how far into the database's change record it is (see search/sync.py).
APPLIED = "applied.json"
BUILDING = "building-"  # a generation being written; renamed to gen-* once complete
# In a generation found damaged: why. Every process then treats it as missing (rebuilds it).
BROKEN = "BROKEN"
# Tries at opening a view before its generation counts as damaged (see `_open`).
OPEN_ATTEMPTS = 3
# How long an incremental update waits for the writer (a later catch-up applies what it left).
WRITER_WAIT_SECONDS = 2.0

DocumentLoader = Callable[[list[str]], tuple[list[dict[str, Any]], list[str]]]


_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")


def _is_sources(documents) -> bool:
    return isinstance(documents, Sequence) and bool(documents) and callable(documents[0])


# Per directory: (its inode and modification time when listed, the newest generation then).
# A search asked twice a request, and listing the directory cost ~0.2 ms.
_LISTED: dict[str, tuple[tuple[int, int], int]] = {}
# A listing made this soon after the directory changed is not kept: a change within the same
# tick of the file system's clock would leave the time as it was ("racy" timestamps).
_SETTLED_NS = 100_000_000


def latest_generation(directory: Path) -> int:
    """The newest committed generation in a Whoosh index directory (-1 if none)."""
    key = str(directory)
    status = os.stat(directory)
    stamp = (status.st_ino, status.st_mtime_ns)
    kept = _LISTED.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    listed_at = time.time_ns()
    numbers = [int(m[1]) for name in os.listdir(directory) if (m := _TOC.match(name))]
    newest = max(numbers, default=-1)
    if listed_at - status.st_mtime_ns > _SETTLED_NS:
        _LISTED[key] = (stamp, newest)
    return newest


class SearchIndex:
    """A directory holding index generations, and this process's view of the current one."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._view_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._snapshot_key: tuple[str, int] | None = None
        self._retired: list[tuple[float, Snapshot]] = []  # replaced views, by retirement time
        self._segment_cache: dict[str, SegmentArrays] = {}
        self._merged = MergedPostings()
        self._cache_dir: str | None = None
        # Per generation directory: files checked against its manifest (see integrity.py).
        self._verified: dict[str, dict[str, tuple[int, int]]] = {}

    # Reading

    def current_dir(self) -> Path | None:
        """The generation directory being served, or None if nothing was built yet."""
        try:
            target = self.root / os.readlink(self.root / CURRENT)
        except OSError:
            return None
        try:
            return target if latest_generation(target) >= 0 else None
        except OSError:
            return None

    def exists(self) -> bool:
        """Whether a sound generation of the current format is being served (else: build one)."""
        current = self.current_dir()
        try:
            if current is None or (current / FORMAT).read_text() != INDEX_FORMAT:
                return False
        except OSError:
            return False
        if (current / BROKEN).exists():
            return False
        # Checked once per generation here; opening a new commit and the polls check again.
        return str(current) in self._verified or self.verify(current)

    def verify(self, directory: Path | None = None) -> bool:
        """Check a generation (the current one) against its manifest; if damaged, mark it so."""
        directory = directory or self.current_dir()
        if directory is None:
            return False
        verified = self._verified.setdefault(str(directory), {})
        try:
            check(directory, verified)
        except IndexDamaged as damage:
            self.mark_broken(directory, str(damage))
            return False
        return True

    def mark_broken(self, directory: Path, reason: str) -> None:
        """Mark a damaged generation: every process stops serving it and the next catch-up
        rebuilds it from the database."""
        self._verified.pop(str(directory), None)
        if (directory / BROKEN).exists():
            return
        log.error("search index damaged, rebuilding it from the database: %s", reason)
        try:
            (directory / BROKEN).write_text(reason + "\n")
        except OSError:
            log.exception("could not mark %s as damaged", directory)

    def applied(self) -> dict[str, Any] | None:
        """The change-record cursor stored with the generation being served (None if none)."""
        current = self.current_dir()
        if current is None:
            return None
        try:
            return json.loads((current / APPLIED).read_text())
        except (OSError, ValueError):
            return None

    def snapshot(self) -> Snapshot | None:
        """Arrays and a searcher for the newest committed generation (reopened if it changed)."""
        try:
            directory = self.root / os.readlink(self.root / CURRENT)
            generation = latest_generation(directory)
        except OSError:
            return None
        if generation < 0:
            return None
        key = (str(directory), generation)
        with self._view_lock:
            if key != self._snapshot_key:
                snapshot = self._open(directory)
                live = {segment_key(leaf) for leaf, _, _ in snapshot.segments}
                for stale in set(self._segment_cache) - live:
                    del self._segment_cache[stale]
                # The old view is not closed at once: other threads may be mid-search on it.
                if self._snapshot is not None:
                    self._retired.append((time.monotonic(), self._snapshot))
                self._snapshot, self._snapshot_key = snapshot, key
                self._close_retired(time.monotonic() - RETIRED_VIEW_SECONDS)
            changed = self._snapshot.changed_file()
            if changed is not None:  # read through a map: truncated, it would kill the process
                self._snapshot_key = None
                self.mark_broken(directory, f"{changed} changed on disk")
                raise IndexDamaged(f"{changed} changed on disk")
            return self._snapshot

    def _open(self, directory: Path) -> Snapshot:
        """A view of a generation's newest commit; raises IndexDamaged if it cannot be read."""
        if (directory / BROKEN).exists() or not self.verify(directory):
            raise IndexDamaged(f"{directory.name} is damaged")
        for attempt in range(OPEN_ATTEMPTS):
            generation = latest_generation(directory)
            searcher = None
            try:
                # A fresh searcher, never refresh(): refresh can show an updated document twice.
                ix = whoosh_index.open_dir(str(directory), schema=stored_schema(directory))
                searcher = ix.searcher()
                if self._cache_dir != str(directory):
                    self._segment_cache, self._cache_dir = {}, str(directory)
                    self._merged = MergedPostings()
                snapshot = Snapshot(searcher, self._segment_cache, self._merged)
                snapshot.directory = str(directory)
                return snapshot
            except Exception as error:
                if searcher is not None:
                    searcher.close()
                failure = repr(error)
                _release(error)
            time.sleep(0.05 * (attempt + 1))
        # A commit in another process merges segments and deletes their files: a view opened
        # meanwhile fails to read them, and the next attempt opens the newer commit. Only a
        # commit that fails to open while no other replaces it is damaged.
        if latest_generation(directory) != generation:
            raise SearchUnavailable()
        self.mark_broken(directory, f"opening it failed: {failure}")
        raise IndexDamaged(f"{directory.name} could not be opened: {failure}")

    def _close_retired(self, before: float) -> None:
        """Close the replaced views retired before `before` (no search runs that long), and
        the segment arrays that no remaining view holds."""
        keep, closing = [], []
        for retired_at, view in self._retired:
            (closing if retired_at < before else keep).append((retired_at, view))
        self._retired = keep
        held = {id(a) for _, v in keep for _, _, a in v.segments}
        if self._snapshot is not None:
            held |= {id(a) for _, _, a in self._snapshot.segments}
        for _, view in closing:
            view.searcher.close()
            for _, _, arrays in view.segments:
                if id(arrays) not in held:
                    held.add(id(arrays))  # shared by two closing views: closed once
                    arrays.close()

    def close(self) -> None:
        """Close this process's searcher (its files stay valid for other processes)."""
        with self._view_lock:
            if self._snapshot is not None:
                self._retired.append((0.0, self._snapshot))
            self._snapshot, self._snapshot_key = None, None
            self._close_retired(float("inf"))
            self._segment_cache = {}
            self._merged = MergedPostings()

    # Writing

    @contextmanager
    def exclusive(self, name: str, wait: float):
        """Hold the lock `name` of this index directory (across processes), waiting up to
        `wait` seconds; yields whether it is held."""
        with self._lock(f".{name}.lock", blocking=False, wait=wait) as acquired:
            yield acquired

    @contextmanager
    def _lock(self, name: str, blocking: bool = True, wait: float = 0.0):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / name, "a+") as handle:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        yield False
                        return
                    time.sleep(0.05)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def rebuild(
        self,
        documents: Iterable[dict[str, Any]] | Sequence[DocumentSource],
        load: DocumentLoader | None = None,
        on_progress: Callable[[int], None] | None = None,
        applied: dict[str, Any] | None = None,
    ) -> int:
        """Build a new generation, then swap it in atomically; returns the count indexed.

        `documents` is an iterable of documents (written in this process), or a sequence of
        sources, functions each returning its share of the documents: each is written by
        its own child process, as its own segment. `on_progress` gets counts as they are
        written. `applied` (the change-record cursor taken before the documents were read)
        is stored with the generation. A failed or killed build leaves the old generation
        serving; what it wrote is removed by the next build or start. (`load` is unused.)
        """
        report = on_progress or (lambda count: None)
        with self._lock(".write.lock"):
            self._discard_unfinished()
            stamp = f"{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
            building, target = self.root / f"{BUILDING}{stamp}", self.root / f"gen-{stamp}"
            building.mkdir(parents=True)
            try:
                whoosh_index.create_in(str(building), make_schema())
                if _is_sources(documents):
                    at_once = min(2, os.cpu_count() or 1)
                    count = building_.build_in_children(str(building), documents, report, at_once)
                else:
                    count = building_.build_here(str(building), documents, report)
                (building / FORMAT).write_text(INDEX_FORMAT)
                write_manifest(building)
                if applied is not None:
                    _write_applied(building, applied)
                building.rename(target)  # complete: only now named as a generation
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
            self._swap(target)
        return count

    def discard_unfinished(self) -> None:
        """Remove what a killed build left behind, unless a build is running right now."""
        if not self.root.is_dir():
            return
        with self._lock(".write.lock", blocking=False) as acquired:
            if acquired:
                self._discard_unfinished()

    def _discard_unfinished(self) -> None:
        for leftover in self.root.glob(f"{BUILDING}*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _swap(self, target: Path) -> None:
        link = self.root / CURRENT
        previous = link.resolve() if link.is_symlink() else None
        temporary = self.root / f".{CURRENT}.{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        temporary.symlink_to(target.name)
        os.replace(temporary, link)  # atomic: readers see the old or the new, never neither
        for old in self.root.glob("gen-*"):
            if old != target and old != previous:
                shutil.rmtree(old, ignore_errors=True)

    def update(
        self,
        changed_ids: list[str],
        load: DocumentLoader,
        applied: dict[str, Any] | None = None,
        wait: float = WRITER_WAIT_SECONDS,
    ) -> bool:
        """Reindex these listings and store `applied` with them; False if the writer is busy.

        The cursor is written after the index commit: a crash in between re-applies the same
        listings next time, which is harmless (each is read again from the database).
        """
        with self._lock(".write.lock", blocking=False, wait=wait) as acquired:
            if not acquired:
                return False
            current = self.current_dir()
            if current is None:
                return False  # nothing to update yet: the first build reads the database
            if changed_ids:
                if not self.verify(current):
                    raise IndexDamaged(f"{current.name} is damaged")
                self._write(current, changed_ids, load)
                crash_point("index-updated")  # the fault tests: before the cursor moves
            if applied is not None:
                _write_applied(current, applied)
        return True

    def _write(self, directory: Path, ids: list[str], load: DocumentLoader) -> None:
        documents, removed = load(sorted(set(ids)))
        try:
            ix = whoosh_index.open_dir(str(directory), schema=stored_schema(directory))
            writer = ix.writer(timeout=WRITER_WAIT_SECONDS, compound=False, codec=SearchCodec())
        except Exception as error:
            self._damaged_if_unsound(directory, error)
            raise
        try:
            for listing_id in removed:
                writer.delete_by_term("id", listing_id)
            for document in documents:
                writer.update_document(**document)
            writer.commit()
        except BaseException as error:
            writer.cancel()
            self._damaged_if_unsound(directory, error)
            raise
        write_manifest(directory)

    def _damaged_if_unsound(self, directory: Path, error: BaseException) -> None:
        """After a failed write: IndexDamaged if the generation's files are the cause."""
        if isinstance(error, Exception) and not self.verify(directory):
            raise IndexDamaged(f"{directory.name} is damaged") from error


def _release(error: Exception) -> None:
    """Close what a failed open left open: Whoosh keeps the files of the segments it opened
    before one failed in its frames (closed now, not at some later collection)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        seen: BaseException | None = error
        while seen is not None:  # and those of the errors it was raised from or during
            traceback.clear_frames(seen.__traceback__)
            seen = seen.__cause__ or seen.__context__
        gc.collect()


def _write_applied(directory: Path, applied: dict[str, Any]) -> None:
    """Replace the generation's cursor file atomically (readers see the old or the new)."""
    temporary = directory / f".{APPLIED}.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps(applied))
    os.replace(temporary, directory / APPLIED)
