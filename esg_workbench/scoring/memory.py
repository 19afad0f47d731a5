"""Keep freed memory for reuse: the engine's arrays (a few hundred kilobytes to a few megabytes: options x
criteria x a batch of samples, criteria x tipping-point grid) are created and freed thousands of times
per analysis. glibc's malloc serves each such block with a fresh ``mmap`` (above its 128 KB threshold)
or returns the top of the heap to the system when freed, so every numpy operation on one pays page
faults for memory it had a moment ago; in the TOPSIS tipping points that made up four fifths of the
time. Raising the mmap and trim thresholds (as ``MALLOC_MMAP_THRESHOLD_`` and ``MALLOC_TRIM_THRESHOLD_``
would) lets the heap keep those blocks. Only on Linux with glibc; elsewhere, or if the call fails,
nothing changes and the engine is merely slower.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

# mallopt parameters (glibc malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 16 * 1024 * 1024  # blocks below this come from the heap, not a fresh mapping
TRIM_THRESHOLD = 64 * 1024 * 1024  # free memory at the heap's top kept up to this much

_done = False


def keep_freed_memory() -> bool:
    """Set the thresholds once per process; whether they are set."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    _done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return _done
