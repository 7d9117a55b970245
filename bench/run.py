"""Benchmark the search service against an SQLite FTS5 + R*Tree reference, in one run.

    python -m bench.run                 # N = 10k, 100k and 1M
    python -m bench.run --sizes 10000   # one size

Each size runs in a child process so its peak memory is its own. Listings come from the
deterministic generator; each is validated by the import schema and mapped by the real
`provider_to_document`, indexed by the real `SearchIndex.rebuild`, and searched through the
real `SearchService`. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "out"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _documents(n: int):
    """Synthetic rows -> validated values -> a transient Provider -> an index document."""
    from bench.synthetic import generate
    from directory import create_app
    from directory.geo.geocoder import OfflineGeocoder
    from directory.providers.models import Organization, Provider
    from directory.providers.rows import apply_values, resolve_values
    from directory.providers.schemas import ProviderRowSchema
    from directory.search.documents import provider_to_document

    schema, geocoder = ProviderRowSchema(), OfflineGeocoder()
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).app_context():
        for row in generate(n):
            values = resolve_values(schema.load(row), geocoder, "America/New_York")
            provider = Provider(id=values["id"])
            apply_values(provider, values, Organization(**values["organization"]))
            yield provider_to_document(provider)


def prepare_documents(n: int) -> Path:
    """Map n synthetic listings to documents once, kept in bench/out between runs."""
    from directory.search.schema import make_schema

    # The cache is only good for the schema it was mapped for.
    fields = hashlib.sha1(" ".join(sorted(make_schema().names())).encode()).hexdigest()[:8]
    path = OUT / f"documents-{n}-{fields}.pickle"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with open(partial, "wb") as handle:
            for document in _documents(n):
                pickle.dump(document, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    return path


def read_documents(path: Path):
    """Stream prepared documents back."""
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _request(query: dict[str, Any]):
    from directory.search.request import SearchRequest

    lat, lon = query["near"]
    return SearchRequest(
        q=query["q"],
        services=query["services"],
        languages=[query["language"]] if query["language"] else [],
        near=f"{lat},{lon}",
        radius_km=query["radius_km"],
        sort=query["sort"],
        per_page=20,
    )


def _time(run, queries) -> list[float]:
    timings = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _summary(timings: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(timings), 2),
        "p95": round(_percentile(timings, 0.95), 2),
        "qps": round(1000 / statistics.fmean(timings), 1),
    }


def measure(n: int, workdir: Path) -> dict[str, Any]:
    """Build both engines for n listings and time the same queries on each."""
    from bench.freshness import measure_freshness
    from bench.fts5_reference import Fts5Reference
    from bench.queries import make_browse_queries, make_queries
    from bench.synthetic import generate
    from directory.search.index import SearchIndex
    from directory.search.service import SearchService

    figures: dict[str, Any] = {"n": n}
    start = time.perf_counter()
    prepared = prepare_documents(n)
    figures["mapping_s"] = round(time.perf_counter() - start, 1)  # 0 when reused
    index = SearchIndex(workdir / "index")
    start = time.perf_counter()
    # Parts of 25k listings, each written by a child process (as `flask search rebuild` does).
    parts = max(1, -(-n // 25_000))
    stripes = [lambda k=k: itertools.islice(read_documents(prepared), k, None, parts)
               for k in range(parts)]  # fmt: skip
    index.rebuild(stripes)
    figures["build_s"] = round(time.perf_counter() - start, 1)
    figures["index_mb"] = round(
        sum(f.stat().st_size for f in index.current_dir().iterdir()) / 2**20, 1
    )
    # The parent feeds the index writers; each writer process is its own peak (children).
    figures["build_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["writer_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)

    reference = Fts5Reference()
    start = time.perf_counter()
    reference.build(generate(n), workdir / "reference.sqlite3")
    figures["reference_build_s"] = round(time.perf_counter() - start, 1)

    service = SearchService(index)
    text, browse = make_queries(500), make_browse_queries(200)
    warm = make_queries(200, seed=99) + make_browse_queries(100, seed=98)
    start = time.perf_counter()
    service.search(_request(warm[0]))
    figures["first_search_ms"] = round((time.perf_counter() - start) * 1000)
    for query in warm:  # other queries than the measured ones, for both engines
        service.search(_request(query))
        reference.search(query)
    for kind, queries in (("text", text), ("browse", browse)):
        ours = _summary(_time(lambda q: service.search(_request(q)), queries))
        theirs = _summary(_time(reference.search, queries))
        figures[kind] = {
            "whoosh": ours,
            "fts5": theirs,
            "p95_ratio": round(ours["p95"] / theirs["p95"], 2),
        }
    figures["freshness"] = measure_freshness(index, next(read_documents(prepared)))
    with open("/proc/self/status") as status:
        rss = next(line for line in status if line.startswith("VmRSS"))
    figures["serving_rss_mb"] = round(int(rss.split()[1]) / 1024)
    return figures


def _child(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=OUT) as workdir:
        return measure(n, Path(workdir))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0
    for n in args.sizes:
        output = subprocess.run(
            [sys.executable, "-m", "bench.run", "--child", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        print(json.dumps(figures, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
