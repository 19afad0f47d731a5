"""Coverage at datapoint level at scale: the large synthetic assessment (500 data sources, 150 systems,
80 criteria, 10 options) working against ESRS Set 1, with one coverage item per datapoint of EFRAG's
IG 3 list besides its DR-level items, and every topical standard material so every item counts.

The datapoint list is the user's own copy of IG 3 (``--ig3 PATH``; by default the reference copy next to
the repository, ../shared/reference, when present; it is read at run time, never stored), else a
synthetic list of the same shape (``synthetic.generate_datapoint_catalogue``: Set 1's DRs with IG 3's
count per DR, 1,126 datapoints).

Timed, each with a baseline in the same run:
- the app's coverage view (step 1, "ESRS coverage"), its datapoint level (the "Datapoints" view, the
  list stored as the store's datapoint catalogue) and the chain view rerun under AppTest, as
  benchmarks/app_pages.py does (the target holds for each);
  baseline: a Streamlit script under AppTest that shows the same figures from a pandas groupby of the
  coverage items (five metrics, the counts per standard as a bar chart, the items as a table).
- the workbook export (``export_workbook_bytes`` with the result given, as the app passes the result it
  shows); baseline: xlsxwriter's constant-memory writer writing the same input cells (as in
  benchmarks/workbook.py).
- ``score``: what the CLI's ``score`` command runs for the file, ``scoring.score`` with the framework the
  file names (10,000 Monte Carlo samples: totals, gates, ranking, explanations, tipping points, rank
  acceptability, business case, and the recommendation with step 1's coverage, readiness and chain).
  The target is judged on that call, as the export is timed with the result given: it is where the
  coverage items weigh on the engine. Beside it, the whole command (click's CliRunner: read and
  validate the JSON file, score, print), both timed in a process of their own that holds only what the
  CLI holds, after its imports; and the whole CLI process once (Python's start and the imports, about
  a second and the same for any file, would hide what the case costs).
  Baseline: the same on the assessment without the datapoint items (DR level only).

Targets (2-core machine): coverage view rerun median <= 0.15 s, export <= 0.6 s, score <= 0.1 s.
The medians are of at least 5 runs; the shared machine is noisy, so the spread (min-max) is printed.

Usage: python benchmarks/datapoint_coverage.py [--ig3 PATH | --synthetic] [--repeats 7] [--reruns 7]
The last line is one line of key=value pairs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.workbook import baseline_write, input_cells  # noqa: E402
from esg_workbench.assessment_files import save_assessment  # noqa: E402
from esg_workbench.domain import Assessment  # noqa: E402
from esg_workbench.domain.datapoints import DatapointCatalogue  # noqa: E402
from esg_workbench.frameworks import load_framework  # noqa: E402
from esg_workbench.synthetic import (  # noqa: E402
    SET1,
    generate_assessment,
    generate_datapoint_catalogue,
    with_datapoint_coverage,
)

TARGET_VIEW_S, TARGET_EXPORT_S, TARGET_SCORE_S = 0.15, 0.6, 0.1
DEFAULT_IG3 = ROOT.parent / "shared" / "reference" / "EFRAG_IG3_List_of_ESRS_Data_Points.xlsx"
VIEWS = ("coverage", "datapoints", "chain")  # step 1's views of the coverage: all held to the target
SEED = 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--ig3", type=Path, default=None, help="your copy of EFRAG's IG 3 workbook")
    source.add_argument("--synthetic", action="store_true", help="use a synthetic list even if IG 3 is present")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of export and score, at least 5")
    parser.add_argument("--reruns", type=int, default=7, help="timed reruns per app view, at least 5")
    return parser.parse_args()


# --- the case -------------------------------------------------------------------------------------


def datapoint_list(ig3: Path | None) -> tuple[DatapointCatalogue, str]:
    """The IG 3 list read from ``ig3`` (for ESRS Set 1), else the synthetic one; and which it is."""
    standard = load_framework("esg-architecture").with_catalogue(SET1).esrs
    if ig3 is None:
        return generate_datapoint_catalogue(standard, seed=SEED), "synthetic"
    from esg_workbench.esrs_import import import_ig3_workbook

    return import_ig3_workbook(ig3, standard=standard, max_bytes=50 * 2**20).catalogue, "ig3"


def build_case(catalogue: DatapointCatalogue) -> tuple[Assessment, Assessment]:
    """The large synthetic assessment at DR level (the baseline's), and with one item per datapoint."""
    framework = load_framework("esg-architecture").with_catalogue(SET1)
    plain = generate_assessment(framework=framework, seed=SEED)
    return plain, with_datapoint_coverage(plain, catalogue, seed=SEED)


# --- timing ---------------------------------------------------------------------------------------


def _runs(run: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _paired(ours: Callable[[], object], base: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Ours and the baseline back to back in each round (the order alternating), so a busy moment slows
    both; every run's seconds of each."""
    ours_times, base_times = [], []
    for round_ in range(repeats):
        for which in (ours, base) if round_ % 2 == 0 else (base, ours):
            start = time.perf_counter()
            which()
            (ours_times if which is ours else base_times).append(time.perf_counter() - start)
    return ours_times, base_times


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def _quiet_bare_mode() -> None:
    """No "missing ScriptRunContext" warning for every call AppTest's driver makes outside a run."""
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.state.session_state_proxy",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)
        logging.getLogger(name).addFilter(lambda record: record.levelno >= logging.ERROR)


def _app_test(path: Path):  # noqa: ANN202
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(path), default_timeout=300)


def _view_reruns(assessment_id: str, view: str, reruns: int) -> tuple[float, list[float]]:
    """(first render, every rerun) in seconds of one view of step 1."""
    at = _app_test(ROOT / "esg_workbench" / "app" / "main.py")
    at.query_params["a"] = assessment_id
    at.run()
    at.session_state["view.as_is"] = view
    at.switch_page("app_pages/as_is.py")
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception or "app.crashed" in at.session_state:
        raise SystemExit(f"as_is/{view}: the page failed: {[e.value for e in at.exception]}")
    return first, _runs(at.run, reruns)


BASELINE_APP = textwrap.dedent(
    """
    import json
    import pandas as pd
    import streamlit as st

    ORDER = ["not_assessed", "gap", "partial", "manual", "automated"]

    @st.cache_data
    def items(path):
        data = json.load(open(path, encoding="utf-8"))
        rows = [
            {"id": c["id"], "dr": c["disclosure_requirement"], "datapoint": c.get("datapoint_id") or "",
             "status": c["status"], "sources": ", ".join(c["data_source_ids"])}
            for c in data["coverage"]
        ]
        return pd.DataFrame(rows)

    def roll_up(statuses):  # the coverage model's rule for a DR with several items
        unique = set(statuses)
        if not unique - {"not_assessed"}:
            return "not_assessed"
        if len(unique) == 1:
            return statuses.iloc[0]
        return "partial" if unique & {"gap", "partial", "not_assessed"} else "manual"

    frame = items(PATH)
    per_dr = frame[frame["status"] != "out_of_scope"].groupby("dr")["status"].agg(roll_up)
    standard = per_dr.index.str.extract(r"^([ESG]\\d)[-.]", expand=False).fillna("ESRS 2")
    counts = pd.crosstab(standard, per_dr.values)
    totals = per_dr.value_counts()
    for col, status in zip(st.columns(5), ORDER):
        col.metric(status, int(totals.get(status, 0)))
    st.bar_chart(counts)
    st.dataframe(frame)
    """
)


def _baseline_view_reruns(file: Path, reruns: int) -> tuple[float, list[float]]:
    script = Path(tempfile.mkdtemp()) / "baseline_app.py"
    script.write_text(BASELINE_APP.replace("PATH", repr(str(file))), encoding="utf-8")
    at = _app_test(script)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"baseline app failed: {[e.value for e in at.exception]}")
    return first, _runs(at.run, reruns)


# Run in a process of its own, as the CLI runs: the benchmark's own objects (both assessments, the
# export's cells) would otherwise make every full garbage collection during the runs slower. The two
# files alternate, the order swapped every round; every run's seconds are printed as JSON.
SCORE_DRIVER = textwrap.dedent(
    """
    import json, sys, time
    from click.testing import CliRunner
    from esg_workbench.assessment_files import load_assessment
    from esg_workbench.cli import cli
    from esg_workbench.frameworks import framework_for_assessment
    from esg_workbench.scoring import score

    files, repeats, runner = sys.argv[1:3], int(sys.argv[3]), CliRunner()
    loaded = {f: load_assessment(f) for f in files}
    frameworks = {f: framework_for_assessment(a) for f, a in loaded.items()}

    def engine(f):
        score(loaded[f], framework=frameworks[f])

    def command(f):
        result = runner.invoke(cli, ["score", f])
        if result.exit_code:
            raise SystemExit(result.output)

    out = {}
    for name, run in (("engine", engine), ("command", command)):
        times = {f: [] for f in files}
        for f in files:
            run(f)  # warm: the framework's caches, numba's compiled kernels
        for i in range(repeats):
            for f in files if i % 2 == 0 else files[::-1]:
                start = time.perf_counter()
                run(f)
                times[f].append(time.perf_counter() - start)
        out[name] = [times[f] for f in files]
    print(json.dumps(out))
    """
)


def _score_times(case_file: Path, plain_file: Path, repeats: int) -> dict[str, list[list[float]]]:
    """{"engine": [ours, DR level], "command": [ours, DR level]}: every run's seconds."""
    run = subprocess.run(
        [sys.executable, "-c", SCORE_DRIVER, str(case_file), str(plain_file), str(repeats)],
        cwd=ROOT,  # this checkout's package first on the path
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def _cli_process_s(file: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "esg_workbench", "score", str(file)], cwd=ROOT, check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> int:
    args = _arguments()
    args.repeats, args.reruns = max(5, args.repeats), max(5, args.reruns)
    ig3 = None if args.synthetic else args.ig3 or (DEFAULT_IG3 if DEFAULT_IG3.is_file() else None)
    catalogue, kind = datapoint_list(ig3)
    plain, case = build_case(catalogue)
    datapoint_items = len(case.coverage) - len(plain.coverage)
    print(
        f"case: {len(case.data_sources)} data sources, {len(case.systems)} systems, {len(case.criteria)} criteria, "
        f"{len(case.options)} options; datapoint list {kind} ({len(catalogue.datapoints):,} datapoints in "
        f"{len({p.disclosure_requirement for p in catalogue.datapoints})} DRs); coverage items "
        f"{len(case.coverage):,} ({datapoint_items:,} datapoint, {len(plain.coverage)} DR level)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case_file, plain_file = folder / "case.json", folder / "plain.json"
        save_assessment(case, case_file)
        save_assessment(plain, plain_file)

        # (c) score: the engine as the command calls it, the command in process, the process once
        times = _score_times(case_file, plain_file, args.repeats)
        (score_runs, score_base), (command_runs, command_base) = times["engine"], times["command"]
        process_s = _cli_process_s(case_file)
        print(
            f"score (scoring.score as the CLI calls it)  ours {_spread(score_runs)}  "
            f"DR level only {_spread(score_base)}"
        )
        print(
            f"  the command in process (read, validate, score, print)  ours {_spread(command_runs)}  "
            f"DR level only {_spread(command_base)}"
        )
        print(f"  the whole CLI process once: {process_s:.2f} s (Python start and imports included)")

        # (b) workbook export, the result given
        from esg_workbench.frameworks import framework_for_assessment
        from esg_workbench.scoring import score
        from esg_workbench.workbook import export_workbook_bytes

        result = score(case, framework=framework_for_assessment(case))
        cells = input_cells(case)
        export_runs, write_runs = _paired(
            lambda: export_workbook_bytes(case, result=result), lambda: baseline_write(cells), args.repeats
        )
        count = sum(len(v) for v in cells.values())
        print(
            f"export (result given)  ours {_spread(export_runs)}  "
            f"xlsxwriter constant_memory, {count:,} input cells {_spread(write_runs)}"
        )

        # (a) the app's views under AppTest, and the pandas baseline
        _quiet_bare_mode()
        db = folder / "bench.db"
        os.environ["ESG_WORKBENCH_DB"] = str(db)
        from esg_workbench.config import settings
        from esg_workbench.store import Store

        settings.cache_clear()
        with Store(str(db)) as store:
            store.create(case, author="benchmark")
            store.save_datapoint_catalogue(catalogue)
        views = {view: _view_reruns(case.id, view, args.reruns) for view in VIEWS}
        base_first, base_runs = _baseline_view_reruns(case_file, args.reruns)
        for view, (first, runs) in views.items():
            print(f"app {view:<10} first {first:.3f} s, rerun {_spread(runs)}")
        print(
            f"app baseline (pandas groupby, metrics, chart, table) first {base_first:.3f} s, rerun {_spread(base_runs)}"
        )

    medians = {
        "coverage_view_s": statistics.median(views["coverage"][1]),
        "datapoints_view_s": statistics.median(views["datapoints"][1]),
        "chain_view_s": statistics.median(views["chain"][1]),
        "view_baseline_s": statistics.median(base_runs),
        "export_s": statistics.median(export_runs),
        "write_baseline_s": statistics.median(write_runs),
        "score_s": statistics.median(score_runs),
        "score_dr_level_s": statistics.median(score_base),
        "score_command_s": statistics.median(command_runs),
        "score_command_dr_level_s": statistics.median(command_base),
    }
    ok = (
        all(statistics.median(runs) <= TARGET_VIEW_S for _, runs in views.values())
        and medians["export_s"] <= TARGET_EXPORT_S
        and medians["score_s"] <= TARGET_SCORE_S
    )
    spreads = {}
    for name, runs in (("coverage_view", views["coverage"][1]), ("export", export_runs), ("score", score_runs)):
        spreads |= {f"{name}_min_s": min(runs), f"{name}_max_s": max(runs)}
    pairs = {
        "datapoint_list": kind,
        "datapoints": len(catalogue.datapoints),
        "coverage_items": len(case.coverage),
        **{k: f"{v:.3f}" for k, v in medians.items()},
        **{k: f"{v:.3f}" for k, v in spreads.items()},
        "cli_process_s": f"{process_s:.2f}",
        "runs": min(args.repeats, args.reruns),
        "ok": int(ok),
    }
    print(" ".join(f"{k}={v}" for k, v in pairs.items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
