"""Checking rows in worker processes reports what checking them here reports, in file order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers import checking, writer
from directory.providers.importer import import_providers
from directory.providers.models import Provider

from .rows import csv_text, good_row


def run(path):
    return import_providers(path, OfflineGeocoder(), "America/New_York")


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 2 rows, so a handful of rows spans several batches and workers."""
    monkeypatch.setattr(writer.batched, "__defaults__", (2,))


def _rows() -> list[dict]:
    rows = [good_row(id=f"row-{n}", name=f"Clinic {n}") for n in range(9)]
    rows[2] = good_row(id="row-2", cost="maybe")
    rows[5] = good_row(id="row-1")  # a duplicate of a row checked by another worker
    rows[7] = good_row(id="Bad Id", languages="en;xx")
    return rows


def _report(app, path, monkeypatch, parallel: bool):
    monkeypatch.setattr(checking, "PARALLEL_MIN_BYTES", 0 if parallel else 10**12)
    with app.app_context():
        report = run(path)
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 0
    return report


def test_workers_report_the_same_problems_in_file_order(app, write_csv, small_batches, monkeypatch):
    path = write_csv(csv_text(*_rows()))
    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(checking, "ProcessPoolExecutor", CountedPool)
    serial = _report(app, path, monkeypatch, parallel=False)
    assert not pools
    parallel = _report(app, path, monkeypatch, parallel=True)
    assert pools  # the rows were loaded by worker processes
    assert (
        [str(e) for e in parallel.errors]
        == [str(e) for e in serial.errors]
        == [
            "row 4, column cost: must be one of: free, sliding_scale, fee",
            "row 7, column id: duplicate id 'row-1' (first on row 3)",
            "row 9, column id: use lowercase letters, digits and '-' only (e.g. safe-horizon-atp)",
            "row 9, column languages: unknown language 'xx'",
        ]
    )
    assert checking.worker_count(10**12) >= 1


def test_workers_check_a_good_file_that_is_then_written(app, write_csv, small_batches, monkeypatch):
    monkeypatch.setattr(checking, "PARALLEL_MIN_BYTES", 0)
    rows = [good_row(id=f"row-{n}", name=f"Clinic {n}") for n in range(9)]
    with app.app_context():
        report = run(write_csv(csv_text(*rows)))
        assert (report.ok, report.created) == (True, 9)
        names = db.session.scalars(select(Provider.name).order_by(Provider.id)).all()
    assert names == [f"Clinic {n}" for n in range(9)]


def _die(batch):
    os._exit(1)


def test_a_worker_that_dies_fails_the_import(app, write_csv, small_batches, monkeypatch):
    monkeypatch.setattr(checking, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(checking, "_load_batch", _die)
    with app.app_context(), pytest.raises(BrokenProcessPool):
        run(write_csv(csv_text(*[good_row(id=f"row-{n}") for n in range(5)])))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Provider)) == 0


KILLED_IMPORT = """
import os, sys, time
from directory.providers import checking

def slow(batch):
    # One write a line: print() writes its pieces apart when output is unbuffered
    # (PYTHONUNBUFFERED), and two workers' pieces then interleave on the pipe.
    os.write(1, f"{os.getpid()} {os.sched_getscheduler(0)}\\n".encode())
    time.sleep(60)

checking._load_batch = slow
batches = ([(n, {"id": str(n)})] for n in range(4))
list(checking.checked_batches(batches, checking.RowChecker(), workers=2))
"""


def test_workers_run_idle_and_die_with_a_killed_import(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "killed.py"
    script.write_text(KILLED_IMPORT)
    root = Path(__file__).resolve().parents[2]  # this checkout's `directory` package
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    with process.stdout:
        started = [process.stdout.readline().split() for _ in range(2)]
        workers = {int(pid) for pid, _ in started}
        # Workers yield to a site on the same machine, whatever its niceness.
        assert {int(policy) for _, policy in started} == {os.SCHED_IDLE}
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
