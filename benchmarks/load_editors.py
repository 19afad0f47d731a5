"""Load test: many architects editing the same assessments at once on one PostgreSQL, as app replicas
would (several processes, one Store each, one thread per editing session).

Each editor owns one field (the name of its own role item) of one assessment. It loads the assessment,
changes its field, and saves with the revision it loaded as base; a refused save (ConflictError) is
counted, reloaded and tried again. Afterwards every revision is checked: it must differ from its
parent by exactly the one field its author owns, the final state must hold every editor's last saved
value, and revisions must be numbered without gaps. Anything else counts as a lost update.

Bounded: at most 128 editors and 100 saves each, and a time limit; only loopback database hosts are
accepted. It works in a fresh schema that is dropped afterwards.

Usage: python benchmarks/load_editors.py [--url URL] [--editors 24] [--processes 4] [--assessments 3]
       [--saves 8] [--time-limit 120]
URL defaults to ESG_WORKBENCH_TEST_PG_URL (.ci/start-postgres.sh prints it).
The last line is: saves=N conflicts=N lost=N p50_ms=X p95_ms=X
"""

from __future__ import annotations

import argparse
import ipaddress
import multiprocessing
import os
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import make_url, text  # noqa: E402

from esg_workbench.domain import Assessment  # noqa: E402
from esg_workbench.domain.diff import diff_assessments  # noqa: E402
from esg_workbench.store import ConflictError, Store  # noqa: E402
from esg_workbench.store.database import make_engine  # noqa: E402

# 100 editors is the team size the deployment notes quote; 128 leaves room without letting a typo
# (--editors 1000) open more sessions than a default PostgreSQL (max_connections 100) serves well.
MAX_EDITORS, MAX_SAVES, MAX_TIME_S = 128, 100, 600


@dataclass
class EditorResult:
    editor: str
    assessment_id: str
    saved: list[tuple[int, str]] = field(default_factory=list)  # (revision, value written)
    conflicts: int = 0
    latencies_ms: list[float] = field(default_factory=list)  # every save call, saved or refused
    error: str = ""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("ESG_WORKBENCH_TEST_PG_URL", ""))
    parser.add_argument("--editors", type=int, default=24)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--assessments", type=int, default=3)
    parser.add_argument("--saves", type=int, default=8, help="successful saves per editor")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds; editors stop when it is up")
    args = parser.parse_args()
    if not 20 <= args.editors <= MAX_EDITORS:
        parser.error(f"--editors must be 20 to {MAX_EDITORS}")
    if not 1 <= args.saves <= MAX_SAVES or not 0 < args.time_limit <= MAX_TIME_S:
        parser.error(f"--saves must be 1 to {MAX_SAVES} and --time-limit at most {MAX_TIME_S} s")
    if not 1 <= args.processes <= args.editors or not 1 <= args.assessments <= args.editors:
        parser.error("--processes and --assessments must be between 1 and --editors")
    return args


def _loopback_only(url: str) -> None:
    host = make_url(url).host
    if host in (None, "", "localhost"):
        return  # a Unix socket or the local name
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"load_editors: refusing database host {host!r}: this load test only runs against loopback")


def _assessment_ids(count: int) -> list[str]:
    return [f"load-{i}" for i in range(count)]


def _plan(editors: int, assessments: int) -> list[tuple[str, str]]:
    """(editor, assessment id) for each editor, round robin over the assessments."""
    ids = _assessment_ids(assessments)
    return [(f"ed{k:02d}", ids[k % assessments]) for k in range(editors)]


def _setup(url: str, plan: list[tuple[str, str]]) -> None:
    with Store(url) as store:
        for assessment_id in sorted({a for _, a in plan}):
            roles = [{"id": e, "name": f"{e} start", "role_type": "job"} for e, a in plan if a == assessment_id]
            data = {"id": assessment_id, "title": f"Load {assessment_id}", "organisation": {"name": "Load A/S"}}
            store.create(Assessment.model_validate({**data, "roles": roles}), author="setup")


def _with_value(assessment: Assessment, editor: str, value: str) -> Assessment:
    data = assessment.model_dump(mode="json")
    for role in data["roles"]:
        if role["id"] == editor:
            role["name"] = value
    return Assessment.model_validate(data)


def _edit(store: Store, editor: str, assessment_id: str, saves: int, deadline: float) -> EditorResult:
    """One editing session: ``saves`` successful saves of its own field, retrying refused ones."""
    result = EditorResult(editor, assessment_id)
    try:
        for i in range(saves):
            value = f"{editor} edit {i}"
            while time.monotonic() < deadline:
                screen = store.load(assessment_id)  # the revision this session's screen is built from
                edited = _with_value(screen.assessment, editor, value)
                started = time.perf_counter()
                try:
                    revision = store.save(edited, base_revision=screen.revision, author=editor, message=value)
                except ConflictError:
                    result.latencies_ms.append((time.perf_counter() - started) * 1000)
                    result.conflicts += 1
                    continue
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.saved.append((revision, value))
                break
    except Exception as exc:  # noqa: BLE001 - reported and counted as a failure of the run
        result.error = f"{type(exc).__name__}: {exc}"
    return result


def _replica(url: str, sessions: list[tuple[str, str]], saves: int, time_limit: float) -> list[EditorResult]:
    """One app process: one Store, one thread per editing session, all released together."""
    deadline = time.monotonic() + time_limit
    results: list[EditorResult] = []
    with Store(url) as store:
        start = threading.Barrier(len(sessions))

        def run(editor: str, assessment_id: str) -> None:
            start.wait()
            results.append(_edit(store, editor, assessment_id, saves, deadline))

        threads = [threading.Thread(target=run, args=session) for session in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return results


def _verify(url: str, results: list[EditorResult]) -> tuple[int, list[str]]:
    """The number of lost updates, and what was wrong, from the stored history."""
    lost, problems = 0, []
    with Store(url) as store:
        for assessment_id in sorted({r.assessment_id for r in results}):
            mine = [r for r in results if r.assessment_id == assessment_id]
            written = {rev: (r.editor, value) for r in mine for rev, value in r.saved}
            history = store.history(assessment_id)
            if [h.number for h in history] != list(range(1, len(written) + 2)):
                problems.append(f"{assessment_id}: revisions {[h.number for h in history]} for {len(written)} saves")
            previous = store.load(assessment_id, revision=1).assessment
            for number in range(2, len(history) + 1):
                stored = store.load(assessment_id, revision=number)
                editor, value = written.get(number, ("?", "?"))
                expected = [f"roles[{editor}].name"]
                paths = [c.path for c in diff_assessments(previous, stored.assessment)]
                if paths != expected or stored.author != editor or _value(stored.assessment, editor) != value:
                    lost += 1
                    problems.append(
                        f"{assessment_id} r{number}: by {stored.author}, changed {paths}, wanted {expected}"
                    )
                previous = stored.assessment
            final = store.load(assessment_id).assessment
            for r in mine:
                if r.saved and _value(final, r.editor) != r.saved[-1][1]:
                    lost += 1
                    problems.append(f"{assessment_id}: {r.editor}'s last save is not in the final state")
    return lost, problems


def _value(assessment: Assessment, editor: str) -> str | None:
    return next((role.name for role in assessment.roles if role.id == editor), None)


def _percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def _fresh_schema(server_url: str) -> tuple[str, str]:
    schema = f"load_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        admin.dispose()
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.render_as_string(hide_password=False)


def _drop_schema(server_url: str, schema: str) -> None:
    admin = make_engine(server_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def _run(args: argparse.Namespace, url: str) -> int:
    plan = _plan(args.editors, args.assessments)
    _setup(url, plan)
    groups = [plan[p :: args.processes] for p in range(args.processes)]
    started = time.perf_counter()
    with ProcessPoolExecutor(args.processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_replica, url, g, args.saves, args.time_limit) for g in groups]
        results = [r for f in futures for r in f.result(timeout=args.time_limit + 120)]
    elapsed = time.perf_counter() - started
    lost, problems = _verify(url, results)
    saves = sum(len(r.saved) for r in results)
    conflicts = sum(r.conflicts for r in results)
    latencies = [ms for r in results for ms in r.latencies_ms]
    errors = [f"{r.editor}: {r.error}" for r in results if r.error]
    unfinished = [r.editor for r in results if len(r.saved) < args.saves and not r.error]
    p50, p95, p99 = (_percentile(latencies, q) for q in (50, 95, 99))
    print(
        f"{args.editors} editors in {args.processes} processes on {args.assessments} assessments, "
        f"{args.saves} saves each; {elapsed:.1f} s"
    )
    print(f"throughput: {saves / elapsed:.1f} saves/s, {(saves + conflicts) / elapsed:.1f} save calls/s")
    print(f"save call latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {max(latencies):.1f} ms")
    print(f"refused as conflicts: {conflicts} of {saves + conflicts} save calls, each reloaded and retried")
    for line in [*problems[:20], *errors[:20]]:
        print(f"PROBLEM {line}")
    if unfinished:
        print(f"time limit reached before {len(unfinished)} editor(s) finished: {', '.join(unfinished)}")
    print(f"saves={saves} conflicts={conflicts} lost={lost} p50_ms={p50:.1f} p95_ms={p95:.1f}")
    return 1 if lost or problems or errors else 0


def main() -> int:
    args = _arguments()
    if not args.url:
        print(
            "load_editors: skipped: needs PostgreSQL (--url, or ESG_WORKBENCH_TEST_PG_URL from .ci/start-postgres.sh)",
            file=sys.stderr,
        )
        return 1 if os.environ.get("CI") == "true" else 0
    _loopback_only(args.url)
    schema, url = _fresh_schema(args.url)
    try:
        return _run(args, url)
    finally:
        _drop_schema(args.url, schema)


if __name__ == "__main__":
    sys.exit(main())
