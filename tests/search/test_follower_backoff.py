"""The follower backs off while the database is away instead of retrying in a tight loop."""

import itertools
import time

from directory import create_app
from directory.background import MAX_RETRY_SECONDS, retry_delay
from directory.search.extension import close_search
from directory.search.follower import follower

from ..support import app_config


def test_no_failure_waits_one_poll():
    assert retry_delay(5.0, 0) == 5.0


def test_retries_double_and_stop_at_the_cap():
    delays = [retry_delay(0.2, n) for n in range(1, 12)]
    assert delays[0] == 0.5  # a short test poll never means a tight loop
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[3] == 4.0
    assert delays[-1] == MAX_RETRY_SECONDS


def test_closing_the_app_ends_a_follower_that_keeps_retrying(tmp_path):
    missing = tmp_path / "gone" / "directory.sqlite3"
    app = create_app(
        app_config(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}", SEARCH_POLL_SECONDS=5)
    )
    following = follower(app)
    following.start()
    thread = following._thread
    time.sleep(0.2)  # its first catch-up has failed: it is waiting to retry
    assert thread.is_alive()
    started = time.monotonic()
    close_search(app)
    assert not thread.is_alive()
    assert time.monotonic() - started < 5  # not after its back-off
