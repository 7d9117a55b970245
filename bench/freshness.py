"""How long a committed edit takes to reach a search in another worker's view of the index.

python -m bench.freshness INDEX_DIR     # an index built by bench.run or flask search rebuild
"""

from __future__ import annotations

import sys
import time
from typing import Any

from directory.search.index import SearchIndex
from directory.search.request import SearchRequest
from directory.search.service import SearchService


def measure_freshness(index: SearchIndex, document: dict[str, Any]) -> dict[str, float]:
    """Update one document; time the write and the other worker's first search that sees it."""
    other = SearchService(SearchIndex(index.root))  # a second worker with its own view
    other.search(SearchRequest(q="shelter"))  # warm: the edit must reach a serving view
    edited = {**document, "name": "Quixotic Freshness Probe"}
    start = time.perf_counter()
    index.update([edited["id"]], lambda ids: ([edited], []))
    written = time.perf_counter()
    result = other.search(SearchRequest(q="quixotic"))
    seen = time.perf_counter()
    assert [hit.id for hit in result.hits] == [edited["id"]], "the edit was not visible"
    return {
        "update_ms": round((written - start) * 1000, 1),
        "first_search_after_ms": round((seen - written) * 1000, 1),
        "edit_visible_ms": round((seen - start) * 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    index = SearchIndex(argv[0])
    snapshot = index.snapshot()
    stored = snapshot.searcher.stored_fields(0)
    from bench.run import OUT, read_documents

    wanted = stored["id"]
    for path in sorted(OUT.glob("documents-*-*.pickle")):
        for document in read_documents(path):
            if document["id"] == wanted:
                print(measure_freshness(index, document))
                return 0
    print(f"no prepared document for {wanted}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
