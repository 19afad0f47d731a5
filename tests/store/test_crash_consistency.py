"""Crash consistency: a process saving in a loop is killed (SIGKILL) in the middle of a write, on SQLite
and PostgreSQL. The store must open again, pass SQLite's integrity check, be at the last committed
revision with content that loads, validates and matches its stored hash, and hold no half-written
revision; and the next save must work."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from esg_workbench.assessment_files import framework_for
from esg_workbench.domain import Assessment, validate_assessment
from esg_workbench.store import Store
from esg_workbench.store.assessments import Content

WRITER = Path(__file__).resolve().parent / "workers" / "crash_writer.py"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _start(url: str, mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(WRITER), url, mode], stdout=subprocess.PIPE, text=True, env=env)


def _kill_after(writer: subprocess.Popen, *, saves: int, on_commit: bool, delay_s: float) -> int:
    """Kill the writer after ``saves`` committed saves (and, with ``on_commit``, once it holds a
    written but uncommitted revision); return the last revision it reported committed."""
    confirmed = 0
    try:
        for line in writer.stdout:
            if line.startswith("saved "):
                confirmed = int(line.split()[1])
            if (on_commit and line.strip() == "committing") or (not on_commit and confirmed >= saves):
                break
        else:
            pytest.fail(f"the writer ended by itself with exit code {writer.wait()}")
        time.sleep(delay_s)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    # The writer may have committed and reported more saves than were read before the kill.
    for line in writer.stdout.read().splitlines():
        if line.startswith("saved "):
            confirmed = int(line.split()[1])
    return confirmed


def _check_consistent(url: str, *, confirmed: int, exact: bool) -> None:
    with Store(url) as store:
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with store.engine.connect() as conn:
            current = conn.execute(text("SELECT current_revision FROM assessments WHERE id = 'crash'")).scalar_one()
            numbers = conn.execute(text("SELECT number FROM revisions WHERE assessment_id = 'crash' ORDER BY number"))
            stored_hash = conn.execute(
                text("SELECT content_hash FROM revisions WHERE assessment_id = 'crash' AND number = :n"), {"n": current}
            ).scalar_one()
            assert [n for (n,) in numbers] == list(range(1, current + 1))  # nothing past the current revision
        # The kill may land before or after the COMMIT of the save in flight, never inside it.
        assert current == confirmed if exact else current in (confirmed, confirmed + 1)
        stored = store.load("crash")
        assert stored.revision == current
        assessment = stored.assessment
        data = assessment.model_dump(mode="json")
        assert validate_assessment(assessment, framework_for(data)) == []
        assert Content.of(assessment).hash == stored_hash
        assert len(assessment.roles) == 20 * (current - 1)
        after = assessment.model_copy(update={"title": "after the crash"})
        assert store.save(after, base_revision=current) == current + 1


def _fresh(url: str) -> None:
    with Store(url) as store:
        store.create(Assessment.model_validate({"id": "crash", "title": "Crash", "organisation": {"name": "C"}}))


def test_killed_with_a_written_but_uncommitted_revision(db_url: str) -> None:
    _fresh(db_url)
    confirmed = _kill_after(_start(db_url, "pause"), saves=0, on_commit=True, delay_s=0.05)
    assert confirmed >= 2
    _check_consistent(db_url, confirmed=confirmed, exact=True)


@pytest.mark.parametrize("seed", [1, 2])
def test_killed_at_a_random_moment_while_saving(db_url: str, seed: int) -> None:
    rng = random.Random(seed)
    _fresh(db_url)
    confirmed = _kill_after(
        _start(db_url, "free"), saves=rng.randint(2, 5), on_commit=False, delay_s=rng.uniform(0.0, 0.03)
    )
    _check_consistent(db_url, confirmed=confirmed, exact=False)
