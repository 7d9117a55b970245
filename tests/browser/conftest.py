"""A real server process and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from directory.providers.schemas import CORE_COLUMNS

from ..providers.rows import csv_text
from ..search.conftest import LISTINGS
from ..support import DATABASES

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SEED_CSV = ROOT / "data" / "providers.csv"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The machine has no network: Chromium's own background traffic must stay off.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip


# Each server's environment by its base URL, for tests that run `flask` commands on its database.
SERVER_ENVS: dict[str, dict[str, str]] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{CHROMIUM} is missing: browser tests must run in CI (make test installs it)"
            )
        pytest.skip(f"{CHROMIUM} is not installed")


def _serve(folder: Path, providers_csv: Path):
    """Run `flask setup` then `flask run` on a fresh database in `folder`; yield the base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": DATABASES.new_url(folder),
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "PROVIDERS_CSV": str(providers_csv),
        "SECRET_KEY": "test",
        "NEUTRAL_SITE_URL": f"{base}/healthz",  # a local stand-in: the machine has no network
        "SESSION_COOKIE_SECURE": "false",  # plain http on 127.0.0.1
        "PUBLIC_BASE_URL": base,
    }
    SERVER_ENVS[base] = env
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "setup"], check=True, cwd=ROOT, env=env, capture_output=True)
    process = subprocess.Popen(
        [*flask, "run", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Generous: on a loaded CI machine the app's imports alone can take many seconds.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("the server did not start: " + process.communicate()[0])
    yield base
    process.terminate()
    process.communicate(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`flask run` on a fresh database of fictional listings; yields its base URL."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("server")
    rows = [{"source_url": f"https://example.org/{row['id']}", **row} for row in LISTINGS]
    listings = folder / "providers.csv"
    listings.write_text(csv_text(*rows, columns=[*CORE_COLUMNS, "service_area"]), encoding="utf-8")
    yield from _serve(folder, listings)


@pytest.fixture(scope="session")
def seed_server(tmp_path_factory):
    """`flask run` on the real directory (data/providers.csv): real names, phones and lengths."""
    _require_chromium()
    yield from _serve(tmp_path_factory.mktemp("seed-server"), SEED_CSV)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    _require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _recording_page(browser, base: str):
    """A fresh browsing context that records every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
    # No page may load anything from another origin: no CDN, font, map tile or tracker.
    outside = [u for u in page.requests if not u.startswith((base, "data:", "about:", "sms:"))]
    assert outside == [], outside


@pytest.fixture
def page(browser, server):
    """A laptop-sized page on the fictional directory."""
    yield from _recording_page(browser, server)


@pytest.fixture
def seed_page(browser, seed_server):
    """A laptop-sized page on the real seed directory."""
    yield from _recording_page(browser, seed_server)


@pytest.fixture
def screenshot():
    """Save a screenshot under test-artifacts/ (kept out of git) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
