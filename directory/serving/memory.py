"""How a worker's C allocator keeps memory: few arenas, so threads do not each hold freed memory."""

from __future__ import annotations

import ctypes
import os
from contextlib import suppress

# glibc's mallopt parameter for the most arenas a process may create (malloc.h: M_ARENA_MAX).
M_ARENA_MAX = -8
# A worker's threads take turns on the GIL, so they rarely allocate at once: by default glibc
# gives each its own arena (up to 8 per core), and each keeps the freed search arrays it
# held. At 1M listings a worker of 4 threads stayed at 1,060-1,085 MiB; with 2 arenas at
# 1,003 MiB, for the same CPU a request (bench.http --size 1000000, docs/deploy.md).
WORKER_ARENAS = 2


def limit_malloc_arenas(arenas: int = WORKER_ARENAS) -> bool:
    """Cap glibc's malloc arenas for threads started from now on, unless the operator set
    MALLOC_ARENA_MAX; returns whether the cap was set (False elsewhere than glibc)."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    with suppress(OSError, AttributeError):
        return ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas) == 1
    return False
