"""The follower backs off while the database is away instead of retrying in a tight loop."""

import itertools

from directory.search.follower import MAX_RETRY_SECONDS, retry_delay


def test_no_failure_waits_one_poll():
    assert retry_delay(5.0, 0) == 5.0


def test_retries_double_and_stop_at_the_cap():
    delays = [retry_delay(0.2, n) for n in range(1, 12)]
    assert delays[0] == 0.5  # a short test poll never means a tight loop
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[3] == 4.0
    assert delays[-1] == MAX_RETRY_SECONDS
