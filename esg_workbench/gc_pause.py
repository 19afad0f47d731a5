"""Python's cyclic garbage collector paused while a large file is built.

Writing the decision workbook creates hundreds of thousands of small objects (a tuple per cell, its
strings) that form no reference cycles and live until the file is written. Every 700 allocations start
a collection of the young objects, and now and then one of the whole heap; with an item per datapoint
(over a thousand coverage items) those searches took a fifth of the export's time and found nothing.
Reference counting still frees every object as usual: only the search for cycles waits until the
build is done.

The collector has one switch for the whole process, so the pause is counted: when several builds run
at once (the app's sessions are threads) it resumes when the last one ends, and only if it was on when
the first one began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
