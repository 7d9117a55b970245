"""Writing a fresh generation: one segment per part, each written by its own child process.

Each part reads its own share of the listings and writes its own segment, so reading the
database and analysing text run on every core. The children die with their parent
(PR_SET_PDEATHSIG, and a watch on the parent's pid where prctl is missing): a killed rebuild
leaves no writer behind. This uses Whoosh's segment-writer internals (pinned 2.7.5), the way
its own `MpWriter` assembles segments written by other processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from directory.processes import die_with_parent

from .pool import CompactPool
from .schema import CountedFrequency, SearchCodec

DocumentSource = Callable[[], Iterable[dict[str, Any]]]
Progress = Callable[[int], None]

PROGRESS_EVERY = 200


class BuildFailed(RuntimeError):
    """Raised when a process writing part of a new generation failed or died."""


def _die_with_parent(parent_pid: int) -> None:
    die_with_parent(parent_pid)

    def watch() -> None:  # where prctl is missing, the parent's pid is watched instead
        while os.getppid() == parent_pid:
            threading.Event().wait(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class BuildWriter(SegmentWriter):
    """Whoosh's segment writer (pinned 2.7.5), with counted text fields sent to the pool a
    field at a time: the same postings, lengths, stored values and columns."""

    def add_document(self, **fields):
        self._check_state()
        perdocwriter, schema, docnum, pool = self.perdocwriter, self.schema, self.docnum, self.pool
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    counts = None
                    if isinstance(field.format, CountedFrequency):
                        counts = field.format.term_counts(value, field.analyzer)
                    if counts is not None:
                        pool.add_counts(fieldname, counts, docnum, field.format.field_boost, boost)
                        length = sum(counts.values()) if field.scorable else 0
                    else:  # as Whoosh's own writer does
                        for tbytes, freq, weight, vbytes in field.index(value):
                            length += freq if field.scorable else 0
                            pool.add((fieldname, tbytes, docnum, weight * boost, vbytes))
                if field.separate_spelling() or field.vector:
                    raise NotImplementedError(f"{fieldname}: spelling or vectors")
                custom = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, custom if field.stored else None, length)
                if field.column_type and custom is not None:
                    perdocwriter.add_column_value(
                        fieldname, field.column_type, field.to_column_value(custom)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        """Whoosh's flush, handing the field writer a term's postings at a time."""
        if self.codec.length_stats or not hasattr(self.fieldwriter, "add_terms"):
            return super()._flush_segment()
        self.perdocwriter.close()
        self.fieldwriter.add_terms(self.schema, self.pool.iter_terms())
        self.fieldwriter.close()


def _writer(ix, compact: bool = False, **kwargs) -> SegmentWriter:
    if not compact:
        return SegmentWriter(ix, compound=False, codec=SearchCodec(), **kwargs)
    writer = BuildWriter(ix, compound=False, codec=SearchCodec(), **kwargs)
    writer.pool = CompactPool(set(ix.schema.names()))
    return writer


def write_segment(directory: str, documents: Iterable[dict[str, Any]], report: Progress):
    """Write `documents` as one new segment of the index in `directory`; (segment, count)."""
    ix = whoosh_index.open_dir(directory)
    # No lock: the process running the build holds the index's lock for all its parts.
    writer = _writer(ix, compact=True, _lk=False)
    count = 0
    try:
        for document in documents:
            writer.add_document(**document)
            count += 1
            if count % PROGRESS_EVERY == 0:
                report(PROGRESS_EVERY)
        report(count % PROGRESS_EVERY)
        if not count:
            writer.cancel()
            return None, 0
        return writer._finalize_segment(), count
    except BaseException:
        writer.cancel()
        raise


def _child(directory: str, source: DocumentSource, results, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    # A writer holds one container per term of its part and makes little cyclic garbage (it
    # ends after its part): the collector's walks over those containers were ~5% of a build.
    gc.disable()
    try:
        segment, count = write_segment(directory, source(), lambda n: results.put(("n", n)))
        results.put(("done", segment, count))
    except BaseException as error:
        results.put(("failed", f"{type(error).__name__}: {error}"))
        raise


def commit_segments(directory: str, segments: list) -> None:
    """Make `segments` (written by `write_segment`) the index's one committed generation."""
    ix = whoosh_index.open_dir(directory)
    writer = _writer(ix)
    writer._close_segment()  # its own segment stays empty; Whoosh deletes its files
    writer._commit_toc([s for s in segments if s is not None])
    writer._finish()


def build_in_children(
    directory: str, sources: Sequence[DocumentSource], report: Progress, at_once: int = 2
) -> int:
    """Write one segment per source, `at_once` child processes at a time; commit; the count."""
    context = multiprocessing.get_context("fork")
    # The children's collector never walks what they inherit: its visits would copy every
    # page of the parent's heap into each child.
    gc.freeze()
    results = context.Queue()
    waiting = list(sources)
    running: list = []
    segments, count, finished = [], 0, 0
    try:
        while finished < len(sources):
            while waiting and len(running) - finished < at_once:
                child = context.Process(
                    target=_child, args=(directory, waiting.pop(0), results, os.getpid()),
                    daemon=True,
                )  # fmt: skip
                child.start()
                running.append(child)
            try:
                message = results.get(timeout=0.5)
            except queue.Empty:
                if any(child.exitcode not in (None, 0) for child in running):
                    raise BuildFailed("a process writing the index died") from None
                continue
            if message[0] == "n":
                report(message[1])
            elif message[0] == "done":
                segments.append(message[1])
                count += message[2]
                finished += 1
            else:
                raise BuildFailed(message[1])
        for child in running:
            child.join()
    finally:
        for child in running:
            if child.is_alive():
                child.kill()
                child.join()
        results.close()
        gc.unfreeze()
    commit_segments(directory, segments)
    return count


def build_here(directory: str, documents: Iterable[dict[str, Any]], report: Progress) -> int:
    """Write `documents` as one segment in this process and commit it; the count."""
    segment, count = write_segment(directory, documents, report)
    commit_segments(directory, [segment])
    return count
