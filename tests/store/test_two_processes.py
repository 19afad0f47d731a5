"""Scale-out: two processes, each with its own Store on one PostgreSQL database as two app replicas
would have: an edit saved in one is visible in the other, and conflicting edits are refused, never
merged. The same through the UI, with two real app servers and browsers: tests/e2e/test_two_replicas.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from esg_workbench.domain import Assessment
from esg_workbench.store import Store

pytestmark = pytest.mark.postgres

WORKER = Path(__file__).resolve().parent / "workers" / "store_worker.py"
ROOT = Path(__file__).resolve().parents[2]


class Replica:
    """One worker process; ``ask`` sends a command and waits for its answer."""

    def __init__(self, url: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, f"worker {self.proc.pid} ended (exit {self.proc.poll()})"
        return json.loads(line)

    def send(self, **command) -> None:
        self.proc.stdin.write(json.dumps({"id": "shared", **command}) + "\n")
        self.proc.stdin.flush()

    def ask(self, **command) -> dict:
        self.send(**command)
        return self._read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write('{"op": "quit"}\n')
            self.proc.stdin.flush()
            self.proc.wait(timeout=20)


@pytest.fixture
def replicas(pg_url: str) -> Iterator[tuple[Replica, Replica]]:
    with Store(pg_url) as store:
        store.create(Assessment.model_validate({"id": "shared", "title": "Start", "organisation": {"name": "Org"}}))
    one, two = Replica(pg_url), Replica(pg_url)
    try:
        yield one, two
    finally:
        one.close()
        two.close()


def test_a_save_in_one_process_is_seen_by_the_other(replicas: tuple[Replica, Replica]) -> None:
    one, two = replicas
    assert two.ask(op="load")["revision"] == 1
    assert one.ask(op="save", title="Saved by one", base=1, author="anna") == {"saved": 2}
    assert two.ask(op="load") == {"revision": 2, "title": "Saved by one", "author": "anna"}
    assert two.ask(op="save", title="Then two", base=2, author="bo") == {"saved": 3}
    assert one.ask(op="load")["title"] == "Then two"


def test_a_save_from_a_stale_screen_is_refused_not_merged(replicas: tuple[Replica, Replica]) -> None:
    one, two = replicas
    screen_of_two = two.ask(op="load")["revision"]  # two's screen is built from revision 1
    assert one.ask(op="save", title="One's edit", base=1, author="anna") == {"saved": 2}
    refused = two.ask(op="save", title="Two's edit", base=screen_of_two, author="bo")
    assert refused["conflict"] == 2 and refused["by"] == "anna" and "nothing was saved" in refused["message"]
    assert one.ask(op="load") == {"revision": 2, "title": "One's edit", "author": "anna"}


def test_simultaneous_conflicting_saves_exactly_one_wins(replicas: tuple[Replica, Replica]) -> None:
    one, two = replicas
    for round_ in range(5):
        base = one.ask(op="load")["revision"]
        at = time.time() + 0.3  # both processes commit at the same moment
        one.send(op="save", title=f"one-{round_}", base=base, author="anna", at=at)
        two.send(op="save", title=f"two-{round_}", base=base, author="bo", at=at)
        answers = [one._read(), two._read()]
        assert sorted("saved" in a for a in answers) == [False, True], answers
        winner = next(i for i, a in enumerate(answers) if "saved" in a)
        loser = answers[1 - winner]
        assert loser["conflict"] == base + 1 and loser["by"] == ("anna", "bo")[winner]
        assert one.ask(op="load")["title"] == f"{('one', 'two')[winner]}-{round_}"
