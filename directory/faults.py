"""Named crash points for the crash-convergence tests: `DIRECTORY_CRASH_AT=<name>` makes the
process kill itself (SIGKILL, as `kill -9` would) when it reaches that point."""

from __future__ import annotations

import os
import signal

CRASH_AT = "DIRECTORY_CRASH_AT"


def crash_point(name: str) -> None:
    """Die here, without any clean-up, if the environment names this point."""
    if os.environ.get(CRASH_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
