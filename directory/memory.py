"""How this process's C allocator (glibc's malloc) keeps memory, where glibc is the C library."""

from __future__ import annotations

import ctypes
import gc
import os

# glibc's mallopt parameter for the most arenas a process may create (malloc.h: M_ARENA_MAX).
M_ARENA_MAX = -8
# A worker's threads take turns on the GIL, so they rarely allocate at once: by default glibc
# gives each its own arena (up to 8 per core), and each keeps the freed search arrays it
# held. At 1M listings a worker of 4 threads stayed at 1,060-1,085 MiB; with 2 arenas at
# 1,003 MiB, for the same CPU a request (bench.http --size 1000000, docs/deploy.md).
WORKER_ARENAS = 2


def _glibc() -> ctypes.CDLL | None:
    """glibc, or None on a system without it."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def return_free_memory() -> None:
    """Collect garbage and hand freed heap back to the system (glibc only)."""
    gc.collect()
    libc = _glibc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def limit_malloc_arenas(arenas: int = WORKER_ARENAS) -> bool:
    """Cap glibc's malloc arenas for threads started from now on, unless the operator set
    MALLOC_ARENA_MAX; returns whether the cap was set (False elsewhere than glibc)."""
    libc = _glibc()
    if "MALLOC_ARENA_MAX" in os.environ or libc is None or not hasattr(libc, "mallopt"):
        return False
    return libc.mallopt(M_ARENA_MAX, arenas) == 1
