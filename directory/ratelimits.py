"""The rate limiter's default store: `limits`' memory storage without a thread per request."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from limits.storage import MemoryStorage

# Expired counters are swept at most this often, by the request that finds a sweep due.
SWEEP_SECONDS = 1.0


class InlineMemoryStorage(MemoryStorage):
    """Counts in this process, as `memory://` does, but sweeps expired counters inline.

    `memory://` starts a timer thread on nearly every request to sweep them: ~10% of an API
    request's CPU time (bench/README.md). Reads already ignore expired counters, so a sweep
    only bounds memory and may wait a second.
    """

    STORAGE_SCHEME: ClassVar[list[str]] = ["inline-memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        super().__init__(uri, wrap_exceptions, **options)
        self._swept_at = 0.0
        self._sweeping = threading.Lock()

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the timer thread
        now = time.monotonic()
        if now - self._swept_at < SWEEP_SECONDS or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._swept_at = now
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()
