"""Benchmark the search service against an SQLite FTS5 + R*Tree reference, in one run.

    python -m bench.run                       # N = 10k and 100k
    python -m bench.run --sizes 10000         # one size
    python -m bench.run --sizes 1000000 --no-rebuild

For each size: the site of bench/site.py (synthetic listings imported and indexed by the
real CLI), `flask search rebuild` timed once more from its database, and the reference built
from the same database rows (the same public points). Then, in a fresh process that opens
both engines, the same queries go to both, interleaved one by one (the order alternating) so
the machine's noise lands on both:

- cold: the first pass of the measured queries in that process (nothing seen before);
- warm: the same queries again (every term cached);
- after an edit: the same queries with one listing updated before every 10 (each edit
  makes a new index generation, whose caches start empty).

Totals are compared: browse queries must agree exactly with the reference; text queries
differ by design (the reference requires every word). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

EDIT_EVERY = 10  # queries between two edits in the after-edit pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(timings: list[float]) -> dict[str, float]:
    """p50 / p95 in milliseconds and queries per second (one at a time)."""
    return {
        "p50": round(statistics.median(timings), 2),
        "p95": round(percentile(timings, 0.95), 2),
        "qps": round(1000 / statistics.fmean(timings), 1),
    }


def search_request(query: dict[str, Any]):
    """A bench query as the service's SearchRequest, top 20."""
    from bench.queries import near_text
    from directory.search.request import SearchRequest

    return SearchRequest(
        q=query["q"],
        services=query["services"],
        languages=[query["language"]] if query["language"] else [],
        near=near_text(query),
        radius_km=query["radius_km"],
        sort=query["sort"],
        per_page=20,
    )


def public_rows(database: Path) -> Iterator[dict[str, str]]:
    """The site's active listings as the reference reads them, at their public points."""
    import sqlite3

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    codes: dict[tuple[str, str], list[str]] = {}
    for provider_id, scheme, code in connection.execute(
        "SELECT provider_id, scheme, code FROM provider_code ORDER BY provider_id, position"
    ):
        codes.setdefault((provider_id, scheme), []).append(code)
    rows = connection.execute(
        "SELECT p.id, p.name, o.name, p.description, p.public_latitude, p.public_longitude"
        " FROM provider p JOIN organization o ON o.id = p.organization_id"
        " WHERE p.status = 'active' ORDER BY p.id"
    )
    for provider_id, name, organization, description, lat, lon in rows:
        yield {
            "id": provider_id, "name": name, "organization": organization,
            "description": description or "",
            "services": ";".join(codes.get((provider_id, "services"), [])),
            "languages": ";".join(codes.get((provider_id, "languages"), [])),
            "latitude": "" if lat is None else f"{lat:.6f}",
            "longitude": "" if lon is None else f"{lon:.6f}",
        }  # fmt: skip
    connection.close()


def _interleaved(
    queries: list[dict], ours: Callable[[dict], int], theirs: Callable[[dict], int],
    before: Callable[[int], None] = lambda i: None,
) -> dict[str, Any]:  # fmt: skip
    """Time each query on both engines, alternating which goes first; compare totals.

    Wall time and this thread's CPU time: on a shared machine a query's wall time includes
    waiting for a core, its CPU time much less so.
    """
    mine, reference, agree, differ = [], [], 0, []
    cpu: dict[int, list[float]] = {id(mine): [], id(reference): []}
    for i, query in enumerate(queries):
        before(i)
        pair = ((ours, mine), (theirs, reference))
        totals = []
        for run, timings in pair if i % 2 == 0 else pair[::-1]:
            start, start_cpu = time.perf_counter(), time.thread_time()
            totals.append(run(query))
            timings.append((time.perf_counter() - start) * 1000)
            cpu[id(timings)].append((time.thread_time() - start_cpu) * 1000)
        if i % 2:
            totals.reverse()
        if totals[0] == totals[1]:
            agree += 1
        else:
            differ.append((query, totals))
    return {
        "whoosh": summary(mine),
        "fts5": summary(reference),
        "whoosh_cpu": summary(cpu[id(mine)]),
        "fts5_cpu": summary(cpu[id(reference)]),
        "cpu_p95_ratio": round(
            percentile(cpu[id(mine)], 0.95) / max(1e-6, percentile(cpu[id(reference)], 0.95)), 2
        ),
        "p95_ratio": round(percentile(mine, 0.95) / percentile(reference, 0.95), 2),
        "totals_agree": f"{agree}/{len(queries)}",
        "first_differences": [[q["q"], q["radius_km"], t] for q, t in differ[:3]],
    }


def measure_queries(index_dir: Path, database: Path, reference_path: Path) -> dict[str, Any]:
    """In a fresh process: cold, warm and after-edit passes over both engines."""
    from bench.freshness import measure_freshness
    from bench.fts5_reference import Fts5Reference
    from bench.queries import make_browse_queries, make_queries
    from directory import create_app
    from directory.search.index import SearchIndex
    from directory.search.service import SearchService
    from directory.search.sync import load_documents

    figures: dict[str, Any] = {}
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                      "SEARCH_INDEX_DIR": str(index_dir), "SEARCH_SYNC": False})  # fmt: skip
    index = SearchIndex(index_dir)
    service = SearchService(index)
    reference = Fts5Reference()
    text, browse = make_queries(500), make_browse_queries(200)
    probe = make_queries(1, seed=5)[0]

    def ours(query: dict) -> int:
        return service.search(search_request(query)).total

    def theirs(query: dict) -> int:
        return reference.search(query, limit=20)[0]

    start, start_cpu = time.perf_counter(), time.process_time()
    ours(probe)
    figures["first_search_ms"] = round((time.perf_counter() - start) * 1000)
    figures["first_search_cpu_ms"] = round((time.process_time() - start_cpu) * 1000)
    start = time.perf_counter()
    reference.open(reference_path)
    theirs(probe)
    figures["reference_first_search_ms"] = round((time.perf_counter() - start) * 1000)
    for phase in ("cold", "warm"):
        figures[phase] = {
            "text": _interleaved(text, ours, theirs),
            "browse": _interleaved(browse, ours, theirs),
        }
    with app.app_context():
        documents, _ = load_documents([row["id"] for row in public_rows_sample(database)])
    edits = {"count": 0, "ms": []}

    def edit(i: int) -> None:
        if i % EDIT_EVERY:
            return
        document = documents[edits["count"] % len(documents)]
        edited = {**document, "name": f"{document['name']} (edit {edits['count']})"}
        start = time.perf_counter()
        index.update([edited["id"]], lambda ids: ([edited], []))
        edits["ms"].append((time.perf_counter() - start) * 1000)
        edits["count"] += 1

    figures["after_edit"] = {"text": _interleaved(text, ours, theirs, edit)}
    figures["after_edit"]["edits"] = edits["count"]
    figures["after_edit"]["update"] = summary(edits["ms"])
    figures["freshness"] = measure_freshness(index, documents[0])
    return figures


def public_rows_sample(database: Path, count: int = 60) -> list[dict[str, str]]:
    """A few listings spread over the database, to edit."""
    rows = list(public_rows(database))
    return rows[:: max(1, len(rows) // count)][:count]


def measure(n: int, rebuild: bool) -> dict[str, Any]:
    """Everything for one size: site, rebuild, reference, then the query passes."""
    from bench.fts5_reference import Fts5Reference
    from bench.site import prepare_site, time_rebuild

    site = prepare_site(n)
    made = site.figures()
    figures: dict[str, Any] = {
        "n": n,
        "load_average_start": [round(x, 1) for x in os.getloadavg()],
        "import (site preparation)": made.get("import"),
        "rebuild (site preparation)": made.get("rebuild"),
    }
    if rebuild:
        figures["rebuild"] = time_rebuild(site)
    reference_path = site.folder / "reference.sqlite3"
    start = time.perf_counter()
    Fts5Reference().build(public_rows(site.database), reference_path)
    figures["reference_build_s"] = round(time.perf_counter() - start, 1)
    # The generation served: a swap keeps the one before it for readers still on it.
    served = (site.index / "current").resolve()
    figures["index_mb"] = round(
        sum(f.stat().st_size for f in served.rglob("*") if f.is_file()) / 2**20, 1
    )
    # The after-edit pass writes to the index: it gets a copy, the site's stays derived.
    edited = site.folder / "index-edited"
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(site.index, edited, symlinks=True)
    output = subprocess.run(
        [sys.executable, "-m", "bench.run", "--queries", str(edited), str(site.database),
         str(reference_path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    figures.update(json.loads(output.strip().splitlines()[-1]))
    figures["load_average_end"] = [round(x, 1) for x in os.getloadavg()]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-rebuild", action="store_true", help="skip timing a rebuild")
    parser.add_argument("--queries", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.queries:
        print(json.dumps(measure_queries(*map(Path, args.queries))))
        return 0
    for n in args.sizes:
        print(json.dumps(measure(n, not args.no_rebuild), indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
