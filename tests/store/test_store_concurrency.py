"""Concurrent writers, each with its own Store and connection: on one base revision exactly one wins,
and writers that reload and retry on conflict lose nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from esg_workbench.domain import Assessment
from esg_workbench.store import ConflictError, Store

WRITERS = 4


def _base() -> Assessment:
    return Assessment.model_validate({"id": "race", "title": "Race", "organisation": {"name": "Race A/S"}})


def _with_role(assessment: Assessment, role_id: str) -> Assessment:
    data = assessment.model_dump(mode="json")
    data["roles"].append({"id": role_id, "name": f"Role {role_id}", "role_type": "job"})
    return Assessment.model_validate(data)


def _save_once(url: str, writer: int, barrier: threading.Barrier) -> str:
    """Save this writer's own title on base revision 1, all writers released at the same moment."""
    with Store(url) as store:
        mine = Assessment.model_validate({**_base().model_dump(mode="json"), "title": f"Writer {writer}"})
        barrier.wait(timeout=30)
        try:
            store.save(mine, base_revision=1, author=f"w{writer}")
        except ConflictError as exc:
            assert exc.current_revision == 2 and exc.base_revision == 1
            return "conflict"
        return "won"


def test_same_base_revision_exactly_one_writer_wins(db_url: str) -> None:
    with Store(db_url) as store:
        store.create(_base())
    barrier = threading.Barrier(WRITERS)
    with ThreadPoolExecutor(WRITERS) as pool:
        outcomes = list(pool.map(_save_once, [db_url] * WRITERS, range(WRITERS), [barrier] * WRITERS))
    assert sorted(outcomes) == ["conflict"] * (WRITERS - 1) + ["won"]
    with Store(db_url) as store:
        history = store.history("race")
        stored = store.load("race")
    assert [r.number for r in history] == [1, 2]
    winner = outcomes.index("won")
    assert stored.assessment.title == f"Writer {winner}" and stored.author == f"w{winner}"


def _hammer(url: str, writer: str, saves: int) -> tuple[int, int]:
    """Add ``saves`` roles one save at a time, reloading and retrying on every conflict."""
    conflicts = 0
    with Store(url) as store:
        for k in range(saves):
            while True:
                current = store.load("race")
                try:
                    store.save(_with_role(current.assessment, f"{writer}-{k}"), base_revision=current.revision)
                    break
                except ConflictError:
                    conflicts += 1
    return saves, conflicts


def _check_nothing_lost(url: str, writers: list[str], saves: int) -> None:
    with Store(url) as store:
        stored = store.load("race")
        history = store.history("race")
    expected = {f"{w}-{k}" for w in writers for k in range(saves)}
    assert {role.id for role in stored.assessment.roles} == expected
    assert [r.number for r in history] == list(range(1, len(expected) + 2))
    assert [r.parent for r in history[1:]] == list(range(1, len(expected) + 1))


def test_threads_hammering_lose_no_update(db_url: str) -> None:
    with Store(db_url) as store:
        store.create(_base())
    writers, saves = [f"t{i}" for i in range(WRITERS)], 6
    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(_hammer, [db_url] * WRITERS, writers, [saves] * WRITERS))
    assert sum(done for done, _ in results) == WRITERS * saves
    _check_nothing_lost(db_url, writers, saves)


def test_processes_hammering_lose_no_update(db_url: str) -> None:
    with Store(db_url) as store:
        store.create(_base())
    writers, saves = ["p0", "p1"], 8
    # spawn, not fork: each process starts with no inherited connections or locks.
    with ProcessPoolExecutor(len(writers), mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_hammer, [db_url] * len(writers), writers, [saves] * len(writers)))
    assert [done for done, _ in results] == [saves] * len(writers)
    _check_nothing_lost(db_url, writers, saves)


def test_one_store_shared_by_threads_loses_no_update(db_url: str) -> None:
    """The app keeps one Store per process and serves sessions from several threads."""
    with Store(db_url) as shared:
        shared.create(_base())

        def hammer(writer: str) -> None:
            for k in range(5):
                while True:
                    current = shared.load("race")
                    try:
                        shared.save(_with_role(current.assessment, f"{writer}-{k}"), base_revision=current.revision)
                        break
                    except ConflictError:
                        continue

        writers = [f"s{i}" for i in range(WRITERS)]
        with ThreadPoolExecutor(WRITERS) as pool:
            list(pool.map(hammer, writers))
    _check_nothing_lost(db_url, writers, 5)
