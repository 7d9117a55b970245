"""The index on disk: fresh builds swapped in atomically, one writer at a time, fresh readers."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from .schema import INDEX_FORMAT, SearchCodec, make_schema
from .snapshot import SegmentArrays, Snapshot, segment_key

log = logging.getLogger(__name__)

CURRENT = "current"  # symlink to the generation directory being served
FORMAT = "FORMAT"  # in each generation: the INDEX_FORMAT its documents were built to
PENDING = "pending.ids"  # listing ids changed while another process held the writer
# How long an incremental update waits for the writer before leaving its ids as pending.
WRITER_WAIT_SECONDS = 2.0

DocumentLoader = Callable[[list[str]], tuple[list[dict[str, Any]], list[str]]]


_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")


def latest_generation(directory: Path) -> int:
    """The newest committed generation in a Whoosh index directory (-1 if none)."""
    numbers = [int(m[1]) for name in os.listdir(directory) if (m := _TOC.match(name))]
    return max(numbers, default=-1)


class SearchIndex:
    """A directory holding index generations, and this process's view of the current one."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._view_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._snapshot_key: tuple[str, int] | None = None
        self._segment_cache: dict[str, SegmentArrays] = {}
        self._cache_dir: str | None = None

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
        """Whether a generation of the current format is being served (else: build one)."""
        current = self.current_dir()
        try:
            return current is not None and (current / FORMAT).read_text() == INDEX_FORMAT
        except OSError:
            return False

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
                # A fresh searcher, never refresh(): refresh can show an updated document twice.
                searcher = whoosh_index.open_dir(str(directory)).searcher()
                if self._cache_dir != str(directory):
                    self._segment_cache, self._cache_dir = {}, str(directory)
                snapshot = Snapshot(searcher, self._segment_cache)
                snapshot.directory = str(directory)
                live = {segment_key(leaf) for leaf, _, _ in snapshot.segments}
                for stale in set(self._segment_cache) - live:
                    del self._segment_cache[stale]
                old, self._snapshot, self._snapshot_key = self._snapshot, snapshot, key
                if old is not None:
                    old.searcher.close()
            return self._snapshot

    def close(self) -> None:
        """Close this process's searcher (its files stay valid for other processes)."""
        with self._view_lock:
            if self._snapshot is not None:
                self._snapshot.searcher.close()
            self._snapshot, self._snapshot_key = None, None
            self._segment_cache = {}

    # Writing

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
        documents: Iterable[dict[str, Any]],
        load: DocumentLoader,
        on_document: Callable[[], None] | None = None,
        procs: int = 1,
    ) -> int:
        """Build a new generation from `documents`, then swap it in atomically.

        With `procs` > 1, that many processes each write their own segment (no final merge:
        the search arrays span segments anyway). A crash before the swap leaves the old
        generation serving. Returns the count indexed.
        """
        with self._lock(".write.lock"):
            stamp = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
            target = self.root / stamp
            target.mkdir(parents=True)
            ix = whoosh_index.create_in(str(target), make_schema())
            options = {"procs": procs, "multisegment": True} if procs > 1 else {}
            # 512 MB per writer: fewer sorted runs to merge at the end of a large build.
            writer = ix.writer(limitmb=512, compound=False, codec=SearchCodec(), **options)
            count = 0
            try:
                for document in documents:
                    writer.add_document(**document)
                    count += 1
                    if on_document:
                        on_document()
                writer.commit()
                (target / FORMAT).write_text(INDEX_FORMAT)
            except BaseException:
                writer.cancel()
                shutil.rmtree(target, ignore_errors=True)
                raise
            self._swap(target)
            self._apply_pending(load)
        return count

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

    def update(self, changed_ids: list[str], load: DocumentLoader) -> bool:
        """Reindex these listings now, or leave them for the process holding the writer."""
        if not changed_ids:
            return True
        with self._lock(".write.lock", blocking=False, wait=WRITER_WAIT_SECONDS) as acquired:
            if not acquired:
                self._add_pending(changed_ids)
                return False
            if self.current_dir() is None:
                return False  # nothing to update yet: the first build reads the database
            self._write(changed_ids, load)
            self._apply_pending(load)
        return True

    def _write(self, ids: list[str], load: DocumentLoader) -> None:
        documents, removed = load(sorted(set(ids)))
        ix = whoosh_index.open_dir(str(self.current_dir()))
        writer = ix.writer(timeout=WRITER_WAIT_SECONDS, compound=False, codec=SearchCodec())
        try:
            for listing_id in removed:
                writer.delete_by_term("id", listing_id)
            for document in documents:
                writer.update_document(**document)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    def _add_pending(self, ids: list[str]) -> None:
        with self._lock(".pending.lock"), open(self.root / PENDING, "a", encoding="utf-8") as f:
            f.write("".join(f"{i}\n" for i in ids))

    def _apply_pending(self, load: DocumentLoader) -> None:
        path = self.root / PENDING
        with self._lock(".pending.lock"):
            if not path.exists():
                return
            ids = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            path.unlink()
        ids = [i for i in ids if i]
        if ids:
            try:
                self._write(ids, load)
            except BaseException:
                self._add_pending(ids)  # keep them for the next writer
                raise
