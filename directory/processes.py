"""Child processes (index writers, import checkers) that die with the process that made them."""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux's prctl; elsewhere a
    no-op), and exit now if the parent `parent_pid` died before that took effect."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (not Linux)
        pass
    if os.getppid() != parent_pid:
        os._exit(1)
