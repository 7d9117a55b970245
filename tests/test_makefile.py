"""`make run` installs only what the app runs; `make test` adds the test tools (dry runs)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def dry_run(target: str, folder: Path) -> str:
    """The commands `make TARGET` would run in a fresh clone (no .venv yet)."""
    for name in ("Makefile", "setup.cfg"):
        shutil.copy(ROOT / name, folder / name)
    result = subprocess.run(
        ["make", "-n", target, "CHROMIUM=/bin/sh"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_run_installs_runtime_dependencies_only(tmp_path):
    commands = dry_run("run", tmp_path)
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert installs and all("[test]" not in line for line in installs), installs
    assert "flask --app wsgi run" in commands


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_test_installs_the_test_extra(tmp_path):
    commands = dry_run("test", tmp_path)
    assert "-e '.[test]'" in commands
    assert "-m pytest" in commands
