"""A site for the benchmarks: synthetic listings imported and indexed by the real CLI.

    python -m bench.site 100000            # prepare (or reuse) bench/out/site-100000-<hash>/
    python -m bench.site 100000 --rebuild  # and time `flask search rebuild` once more

The database and index are made exactly as an operator makes them (`flask db upgrade`,
`flask providers import`, `flask search rebuild`), each step a fresh process timed from
outside with its peak memory, and kept between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.synthetic import generate, write_csv

OUT = Path(__file__).parent / "out"
ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]
# gunicorn as `make serve` runs it: its config reads WEB_WORKERS and WEB_THREADS, logs privately.
SERVE = [sys.executable, "-m", "gunicorn", "--config", "python:directory.serving.gunicorn_conf"]


def fingerprint() -> str:
    """Changes whenever the generator would write other listings."""
    sample = json.dumps(list(generate(200, seed=42)), sort_keys=True).encode()
    return hashlib.sha1(sample).hexdigest()[:8]


@dataclass(frozen=True)
class Site:
    """Where one size's database, index and CSV live, and how they were made."""

    n: int
    folder: Path

    @property
    def csv(self) -> Path:
        return self.folder / "providers.csv"

    @property
    def database(self) -> Path:
        return self.folder / "directory.sqlite3"

    @property
    def index(self) -> Path:
        return self.folder / "index"

    @property
    def figures_file(self) -> Path:
        return self.folder / "figures.json"

    def env(self, **extra: str) -> dict[str, str]:
        """Environment of a process (CLI, gunicorn, benchmark) serving this site."""
        return {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "SEARCH_INDEX_DIR": str(self.index),
            "PROVIDERS_CSV": str(self.csv),
            "GEOCODER": "offline",
            "SECRET_KEY": "benchmark",
            # The benchmark is one client sending hundreds of requests a second.
            "API_RATE_LIMIT": "10000000 per minute",
            **extra,
        }

    def figures(self) -> dict[str, Any]:
        """What preparing the site measured (import, rebuild), if it was prepared."""
        if self.figures_file.exists():
            return json.loads(self.figures_file.read_text())
        return {}


def run_cli(site: Site, *args: str) -> dict[str, Any]:
    """Run one `flask` command for the site in a fresh process: wall time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*FLASK, *args],
        cwd=ROOT,
        env=site.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # progress bars
        text=True,
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed ({process.returncode}): {output}")
    # wait4 reports the largest resident set of the command and the processes it waited for.
    return {
        "s": round(seconds, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "output": output.strip().splitlines()[-1:],
    }


def prepare_site(n: int) -> Site:
    """The site for n listings, made once: CSV, migrated database, import, index."""
    site = Site(n, OUT / f"site-{n}-{fingerprint()}")
    if site.figures_file.exists():
        return site
    site.folder.mkdir(parents=True, exist_ok=True)
    site.database.unlink(missing_ok=True)
    write_csv(site.csv, n)
    figures: dict[str, Any] = {"n": n}
    figures["upgrade"] = run_cli(site, "db", "upgrade")
    figures["import"] = run_cli(site, "providers", "import", str(site.csv))
    figures["rebuild"] = run_cli(site, "search", "rebuild")
    figures["load_average"] = os.getloadavg()
    figures["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    site.figures_file.write_text(json.dumps(figures, indent=1))
    return site


def time_rebuild(site: Site) -> dict[str, Any]:
    """`flask search rebuild` from the site's database, timed as an operator would see it."""
    return {**run_cli(site, "search", "rebuild"), "load_average": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--rebuild", action="store_true", help="time one more rebuild")
    args = parser.parse_args(argv)
    site = prepare_site(args.n)
    print(json.dumps(site.figures(), indent=1))
    if args.rebuild:
        print(json.dumps({"rebuild_again": time_rebuild(site)}, indent=1))
    print(site.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
