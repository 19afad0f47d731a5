"""The engine keeps freed memory in the heap (scoring.memory, glibc's mallopt): set once, idempotent.
The workbench's machines are Linux with glibc, where it must take effect."""

from __future__ import annotations

from esg_workbench.scoring.memory import keep_freed_memory


def test_thresholds_are_set_once() -> None:
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True  # a second call changes nothing
