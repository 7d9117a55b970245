"""Writing a generation: the compact posting pool gives Whoosh exactly its own pool's order."""

from __future__ import annotations

import random
import tempfile

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from directory.search.pool import CompactPool


def _postings(rng: random.Random, count: int) -> list[tuple]:
    """Postings as Whoosh's add_document makes them, in document order, plus odd ones."""
    fields, terms = ["description", "name", "service"], [f"t{n}".encode() for n in range(40)]
    values = [None, b"\x01", b"\x02", b""]
    items = []
    for docnum in range(count):
        for term in rng.sample(terms, rng.randint(1, 8)):
            items.append((rng.choice(fields), term, docnum, float(rng.randint(1, 3)),
                          rng.choice(values[1:])))  # fmt: skip
    # Out of order and repeated, as a spelling word or a merge could add them.
    items += [("name", b"t1", 3, 1.0, b"\x01"), ("name", b"t1", 3, 0.5, b"\x01"),
              ("spell", b"word", 0, 1.0, None), ("spell", b"word", 0, 1.0, None)]  # fmt: skip
    return items


def test_compact_pool_yields_whooshs_sorted_postings():
    items = _postings(random.Random(7), 300)
    with tempfile.TemporaryDirectory() as folder:
        whoosh_pool = PostingPool(FileStorage(folder), None, limitmb=1)
        compact = CompactPool(set())
        for item in items:
            whoosh_pool.add(item) if item[4] is not None else whoosh_pool.current.append(item)
            compact.add(item)
        assert list(compact.iter_postings()) == list(whoosh_pool.iter_postings())
    assert compact.fields == {}  # handed out as it goes


def test_counted_postings_sort_with_single_ones_as_whoosh_sorts_them():
    """A document's counted terms (weight count x field boost x boost) and single postings
    of the same field and terms, some for an earlier document: Whoosh's own order."""
    from whoosh.system import pack_uint

    rng = random.Random(11)
    words = ["aide", "shelter", "légal", "帮助", "a" * 40]
    with tempfile.TemporaryDirectory() as folder:
        whoosh_pool = PostingPool(FileStorage(folder), None, limitmb=1)
        compact = CompactPool(set())
        for docnum in [*range(200), 5, 3]:
            counts = {word: rng.choice([1, 2, 300]) for word in rng.sample(words, 3)}
            boost = rng.choice([1.0, 2.5])
            compact.add_counts("description", counts, docnum, 1.5, boost)
            for word, n in counts.items():
                whoosh_pool.add(("description", word.encode(), docnum, n * 1.5 * boost,
                                 pack_uint(n)))  # fmt: skip
            single = ("description", rng.choice(words).encode(), docnum, 1.0, b"\x01")
            compact.add(single)
            whoosh_pool.add(single)
        assert list(compact.iter_postings()) == list(whoosh_pool.iter_postings())


def test_compact_pool_shares_equal_values():
    pool = CompactPool(set())
    for docnum in range(100):
        pool.add(("description", b"help", docnum, 1.0, bytes([1, 0])))
    ((_, _, _, _, values),) = pool.iter_terms()
    assert len({id(value) for value in values}) == 1


def test_a_build_in_children_leaves_the_collector_as_it_was(indexed_app):
    """The build freezes the heap the writers inherit; after it, this process collects all."""
    import gc

    from directory.search.extension import build_index

    indexed_app.config["SEARCH_BUILD_PART_SIZE"] = 3  # several parts: written by children
    with indexed_app.app_context():
        assert build_index() == 8
    assert gc.get_freeze_count() == 0


def test_the_writers_do_not_run_the_collector(indexed_app, monkeypatch, tmp_path):
    """A writer's collector walked every term it holds, again and again: ~5% of a build."""
    import gc

    from directory.search import source
    from directory.search.extension import build_index

    seen = tmp_path / "collector.txt"
    original = source.read_documents

    def reading(ids):
        with seen.open("a") as out:  # in the writer process
            out.write(f"{gc.isenabled()}\n")
        return original(ids)

    monkeypatch.setattr(source, "read_documents", reading)
    indexed_app.config["SEARCH_BUILD_PART_SIZE"] = 3
    with indexed_app.app_context():
        assert build_index() == 8
    assert seen.read_text().split() == ["False"] * 3
    assert gc.isenabled()  # this process collects as before


def _content(directory: str) -> tuple:
    """Everything a segment holds that searches read: postings, stored values, lengths, columns."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(directory)
    names = sorted(ix.schema.names())
    postings, documents = [], []
    with ix.reader() as reader:
        for name in (n for n in names if ix.schema[n].indexed):
            for term in reader.lexicon(name):
                matcher = reader.postings(name, term)
                while matcher.is_active():
                    postings.append((name, term, matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
        for docnum in range(reader.doc_count_all()):
            lengths = [reader.doc_field_length(docnum, n) for n in names if ix.schema[n].scorable]
            documents.append((sorted(reader.stored_fields(docnum).items()), lengths))
        columns = [list(reader.column_reader(n)) for n in names if ix.schema[n].column_type]
    return postings, documents, columns


def test_the_build_writer_writes_what_whooshs_writer_writes(indexed_app, tmp_path):
    """Counted text fields go to the pool a field at a time: the same segment, to the byte."""
    from whoosh import index as whoosh_index
    from whoosh.writing import SegmentWriter

    from directory.search.building import BuildWriter
    from directory.search.pool import CompactPool
    from directory.search.schema import SearchCodec, make_schema
    from directory.search.source import active_ids, read_documents

    with indexed_app.app_context():
        documents = list(read_documents(active_ids()))
    first = documents[0]
    documents += [
        {**first, "description": "aide " * 300 + "help Hilfe ayuda 帮助 مساعدة"},  # count > 255
        {**first, "name": "Centre d'aide", "_name_boost": 2.0},  # a boost given with the field
        {key: value for key, value in first.items() if key not in ("description", "context")},
    ]
    # Terms in more postings than a block holds (128): written as several blocks.
    words = ["shelter", "legal", "counseling", "food", "housing"]
    documents += [
        {**first, "id": f"copy-{n}", "description": " ".join(words[: 1 + n % 5] * (1 + n % 3))}
        for n in range(300)
    ]
    contents, sizes, files = [], [], []
    for writer_class in (SegmentWriter, BuildWriter):
        folder = tmp_path / writer_class.__name__
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), make_schema())
        writer = writer_class(ix, compound=False, codec=SearchCodec())
        writer.pool = CompactPool(set(ix.schema.names()))
        for document in documents:
            writer.add_document(**document)
        writer.commit()
        contents.append(_content(str(folder)))
        sizes.append(sorted(path.stat().st_size for path in folder.iterdir()))
        # Postings, terms and flat postings, byte for byte (other files name the segment).
        kept = (p for p in folder.iterdir() if p.suffix in (".pst", ".trm", ".npp"))
        files.append(sorted((p.suffix, p.read_bytes()) for p in kept))
    assert contents[0] == contents[1] and len(contents[0][1]) == len(documents)
    assert sizes[0] == sizes[1]
    assert files[0] == files[1] and [suffix for suffix, _ in files[0]] == [".npp", ".pst", ".trm"]
