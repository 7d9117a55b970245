"""Markdown tables for bench/README.md from the JSON that bench.run and bench.http print.

python -m bench.run --sizes 10000 100000 > run.json
python -m bench.http --size 100000 > http.json
python -m bench.report run.json http.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def read_objects(path: Path) -> list[dict[str, Any]]:
    """Every JSON object in a file of concatenated (pretty-printed) objects."""
    text, decoder, found, at = path.read_text(), json.JSONDecoder(), [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return found
        if text[at] != "{":  # a line printed beside the figures (a path)
            at = text.find("\n", at) + 1 or len(text)
            continue
        value, at = decoder.raw_decode(text, at)
        found.append(value)


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _lat(figures: dict[str, Any] | None) -> str:
    return f"{figures['p50']:.2f} / {figures['p95']:.2f}" if figures else "-"


def search_table(runs: list[dict[str, Any]]) -> str:
    """Cold / warm / after-edit latencies of both engines, one column per size."""
    header = "| | " + " | ".join(_size(r["n"]) for r in runs) + " |"
    lines = [header, "|---" * (len(runs) + 1) + "|"]
    for phase in ("cold", "warm", "after_edit"):
        for kind in ("text", "browse"):
            if not all(kind in r.get(phase, {}) for r in runs):
                continue
            label = f"{phase.replace('_', ' ')}, {kind}"
            cells = {
                "service": [_lat(r[phase][kind]["whoosh"]) for r in runs],
                "reference": [_lat(r[phase][kind]["fts5"]) for r in runs],
                "p95 ratio": [str(r[phase][kind]["p95_ratio"]) for r in runs],
                "service, CPU ms": [_lat(r[phase][kind].get("whoosh_cpu")) for r in runs],
                "reference, CPU ms": [_lat(r[phase][kind].get("fts5_cpu")) for r in runs],
                "CPU p95 ratio": [str(r[phase][kind].get("cpu_p95_ratio", "-")) for r in runs],
                "totals agree": [r[phase][kind]["totals_agree"] for r in runs],
            }
            for name, values in cells.items():
                lines.append(f"| {label}: {name} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def build_table(runs: list[dict[str, Any]]) -> str:
    """Import, rebuild, reference build, first search, edits."""

    def cli(figures: dict[str, Any] | None) -> str:
        return f"{figures['s']} s, {figures['peak_mb']} MB" if figures else "-"

    rows = {
        "import, `flask providers import` (site preparation)": [
            cli(r.get("import (site preparation)")) for r in runs
        ],
        "rebuild, `flask search rebuild` from the database": [cli(r.get("rebuild")) for r in runs],
        "reference build (from the same database)": [f"{r['reference_build_s']} s" for r in runs],
        "index size on disk": [f"{r['index_mb']} MB" for r in runs],
        "first search after opening (service / reference)": [
            f"{r['first_search_ms']} / {r['reference_first_search_ms']} ms" for r in runs
        ],
        "first search after opening, service CPU": [
            f"{r.get('first_search_cpu_ms', '-')} ms" for r in runs
        ],
        "edit: `SearchIndex.update` of one listing, p50 / p95": [
            _lat(r["after_edit"].get("update")) + " ms" for r in runs
        ],
        "edit visible to another worker (update + its first search)": [
            f"{r['freshness']['edit_visible_ms']} ms" for r in runs
        ],
        "load average at start / end": [
            f"{r['load_average_start'][0]} / {r['load_average_end'][0]}" for r in runs
        ],
    }
    header = "| | " + " | ".join(_size(r["n"]) for r in runs) + " |"
    lines = [header, "|---" * (len(runs) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(values) + " |" for name, values in rows.items()]
    return "\n".join(lines)


def http_table(run: dict[str, Any]) -> str:
    """One HTTP run: each worker count and in-process, for both endpoints."""
    lines = [
        "| | API p50 / p95 | API req/s | API CPU ms/req | page p50 / p95 | page req/s"
        " | page CPU ms/req | worker RSS |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, row in run.items():
        if not key.endswith("worker(s)"):
            continue
        api, page = row["/api/v1/search"], row["/en/search"]
        errors = api["errors"] + page["errors"]
        lines.append(
            f"| gunicorn, {key}{f' ({errors} errors)' if errors else ''} | {_lat(api)}"
            f" | {api['qps']} | {api['server_cpu_ms']} | {_lat(page)} | {page['qps']}"
            f" | {page['server_cpu_ms']} | {' + '.join(map(str, row['worker_rss_mb']))} MB |"
        )
    inside = run["in-process"]
    lines.append(
        f"| in-process (test client) | {_lat(inside['/api/v1/search'])}"
        f" | {inside['/api/v1/search']['qps']} | | {_lat(inside['/en/search'])}"
        f" | {inside['/en/search']['qps']} | | |"
    )
    lines.append(
        f"| search service alone | {_lat(inside['search service'])}"
        f" | {inside['search service']['qps']} | | | | | |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    runs, https = [], []
    for name in argv:
        for figures in read_objects(Path(name)):
            (https if "in-process" in figures else runs).append(figures)
    if runs:
        print(search_table(runs), end="\n\n")
        print(build_table(runs), end="\n\n")
    for run in https:
        print(f"HTTP, {_size(run['n'])} listings, load average {run['load_average_before'][0]:.1f}")
        print(http_table(run), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
