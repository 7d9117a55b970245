"""The default rate-limit store counts like `memory://` without starting threads."""

from __future__ import annotations

import threading

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from directory import ratelimits


def test_the_app_counts_in_the_inline_store_and_starts_no_thread_per_request(app):
    client = app.test_client()
    client.post("/api/v1/search", json={})
    before = threading.active_count()
    for _ in range(20):
        assert client.post("/api/v1/search", json={}).status_code == 200
    assert threading.active_count() == before
    from directory.extensions import limiter

    assert isinstance(limiter.storage, ratelimits.InlineMemoryStorage)


def test_limits_hold_and_expired_counts_are_swept(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(ratelimits.time, "monotonic", lambda: clock[0])
    storage = storage_from_string("inline-memory://")
    limit = RateLimitItemPerMinute(2)
    for strategy in (FixedWindowRateLimiter(storage), MovingWindowRateLimiter(storage)):
        assert [strategy.hit(limit, "visitor") for _ in range(3)] == [True, True, False]
        storage.reset()
    storage.incr("gone", expiry=-1)  # already expired: the next sweep drops it
    clock[0] += ratelimits.SWEEP_SECONDS
    storage.incr("kept", expiry=60)
    assert "gone" not in storage.storage and storage.get("kept") == 1
