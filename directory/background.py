"""A background thread of one app in one process (the index follower, the results renderer):
started once per process, again in a forked child, and stopped when an app ends first."""

from __future__ import annotations

import logging
import os
import threading

from flask import Flask

log = logging.getLogger(__name__)

# The longest wait between retries while the database is away.
MAX_RETRY_SECONDS = 60.0
_lock = threading.Lock()


def retry_delay(poll: float, failures: int) -> float:
    """Seconds to wait after this many failures in a row: doubling, capped."""
    if failures <= 0:
        return poll
    return min(max(poll, 0.5) * 2 ** (failures - 1), MAX_RETRY_SECONDS)


class AppThread:
    """Runs `step` in a daemon thread of this process, in the app's context, at start and then
    on every wake-up or every SEARCH_POLL_SECONDS (0: once), backing off while it fails."""

    name = "background"
    what = "background work"  # for the log, when a step fails
    traceback = True  # on the first failure in a row (else a line naming the error's type)

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.poll = float(app.config.get("SEARCH_POLL_SECONDS") or 0)
        self._event = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    @classmethod
    def of(cls, app: Flask):
        """This app's thread of this kind (created on first use)."""
        with _lock:
            found = app.extensions.get(cls.name)
            if found is None:
                found = app.extensions[cls.name] = cls(app)
        return found

    def _running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread in this process (once; again in a forked child)."""
        if self._running():
            return
        with _lock:
            if self._running():
                return
            first_here = self._pid != os.getpid()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
            if first_here:
                self.started_here()

    def started_here(self) -> None:
        """Called once per process, after the thread started."""

    def stop(self, timeout: float = 10.0) -> None:
        """End this process's thread (an app closed before its process ends: tests)."""
        self._stopped.set()
        self._event.set()
        if self._running():
            self._thread.join(timeout)

    def step(self) -> None:
        """One round of the thread's work, in the app's context."""
        raise NotImplementedError

    def _run(self) -> None:
        failures = 0
        while not self._stopped.is_set():
            self._event.clear()
            try:
                with self.app.app_context():
                    self.step()
                failures = 0
            except Exception as error:  # a database restart: keep going once it is back
                failures += 1
                delay = retry_delay(self.poll, failures)
                if failures == 1 and self.traceback:
                    log.exception("%s failed; retrying in %.1f s", self.what, delay)
                else:  # one line per retry, not a traceback, while the database is away
                    again = " again" if failures > 1 else ""
                    log.warning("%s failed%s (%s)", self.what, again, type(error).__name__)
                self._stopped.wait(delay)  # wake-ups do not shorten the back-off
                continue
            if self.poll <= 0:  # no polling: the start-up round was all
                return
            self._event.wait(self.poll)
