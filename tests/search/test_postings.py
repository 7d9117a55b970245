"""Flat postings files: the same postings as Whoosh's, and deleted with their segment."""

from __future__ import annotations

import numpy as np
from whoosh import index as whoosh_index

from directory.search import columns as cols
from directory.search import postings
from directory.search.index import SearchIndex
from directory.search.postings import EXTENSION, SegmentPostings
from directory.search.schema import TEXT_FIELDS, SearchCodec


def _document(number: int, words: str) -> dict:
    return {"id": f"p{number}", "name": f"Listing {number}", "description": words,
            "service_text": "legal aid", "context": "brooklyn"}  # fmt: skip


def _built(tmp_path, documents):
    index = SearchIndex(tmp_path / "index")
    index.rebuild(iter(documents), lambda ids: ([], []))
    return index


def _every_term_matches_whoosh(index) -> int:
    checked = 0
    with whoosh_index.open_dir(str(index.current_dir())).reader() as reader:
        (leaf, _), *_ = reader.leaf_readers()
        flat = SegmentPostings.open(leaf)
        assert flat is not None
        for fieldname in TEXT_FIELDS:
            terms = [t.decode() for t in leaf.lexicon(fieldname)]
            assert flat.terms(fieldname) == terms
            for term in terms:
                ids, frequencies = flat.get(fieldname, term)
                whoosh_ids, whoosh_frequencies = cols.postings(leaf, fieldname, term)
                assert ids.tolist() == whoosh_ids.tolist(), term
                assert frequencies.tolist() == whoosh_frequencies.tolist(), term
                checked += 1
        assert len(flat.get("description", "absent")[0]) == 0
        assert len(flat.get("nosuchfield", "w1")[0]) == 0
        assert flat.all_terms() == {t for name in TEXT_FIELDS for t in flat.terms(name)}
    return checked


def test_keys_whose_hashes_collide_are_told_apart(tmp_path, monkeypatch):
    # Every key in one of two hash buckets: lookups must compare the keys themselves.
    monkeypatch.setattr(postings, "_hash", lambda key: len(key) % 2)
    documents = [_document(n, f"word{n} shared w{n % 7}") for n in range(60)]
    assert _every_term_matches_whoosh(_built(tmp_path, documents)) > 60


def test_flat_postings_equal_whooshs_for_every_term(tmp_path):
    rng = np.random.default_rng(1)
    words = [f"w{n}" for n in range(300)]
    documents = [
        _document(n, " ".join(rng.choice(words, size=rng.integers(1, 40)))) for n in range(700)
    ]
    assert _every_term_matches_whoosh(_built(tmp_path, documents)) > 300


def test_a_merged_segment_gets_its_own_file_and_the_old_ones_go(tmp_path):
    index = _built(tmp_path, [_document(n, "shelter food") for n in range(30)])
    directory = index.current_dir()
    ix = whoosh_index.open_dir(str(directory))
    for n in range(30, 40):  # small commits, which Whoosh merges into one segment
        writer = ix.writer(compound=False, codec=SearchCodec())
        writer.update_document(**_document(n, f"clinic number{n}"))
        writer.commit()
    with ix.reader() as reader:
        segments = {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}
    files = {p.name.split(".")[0] for p in directory.glob(f"*{EXTENSION}")}
    assert files == segments
    snapshot = index.snapshot()
    assert all(arrays.flat is not None for _, _, arrays in snapshot.segments)
    ids, _ = snapshot.postings("description", "clinic")
    assert len(ids) == 10
    assert {snapshot.stored_id(d) for d in snapshot.postings("description", "number37")[0]} == {
        "p37"
    }
    index.close()


def test_result_ids_read_by_many_threads_at_once_stay_right(tmp_path):
    import random
    import threading

    index = _built(tmp_path, [_document(n, f"word{n}") for n in range(3000)])
    snapshot = index.snapshot()
    expected = [snapshot.stored_id(d) for d in range(snapshot.size)]
    wrong: list[tuple[int, str]] = []

    def read(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(3000):
            docnum = rng.randrange(snapshot.size)
            try:
                found = snapshot.stored_id(docnum)
            except Exception as error:  # a torn read: zlib or struct errors
                found = repr(error)
            if found != expected[docnum]:
                wrong.append((docnum, found))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    index.close()
    assert not wrong, wrong[:3]
