"""How long a committed edit takes to reach a search in another worker's view of the index.

python -m bench.freshness N     # on the site of bench/site.py for N listings (a copy is edited)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
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
    from bench.site import prepare_site
    from directory import create_app
    from directory.search.sync import load_documents

    argv = sys.argv[1:] if argv is None else argv
    site = prepare_site(int(argv[0]))
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{site.database}", "SEARCH_SYNC": False}
    )
    with app.app_context():
        documents, _ = load_documents(["syn-0000000"])
    with tempfile.TemporaryDirectory() as folder:  # the site's own index stays derived
        copy = Path(folder) / "index"
        shutil.copytree(site.index, copy, symlinks=True)
        print(measure_freshness(SearchIndex(copy), documents[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
