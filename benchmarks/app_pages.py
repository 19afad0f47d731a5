"""Rerun time of every page (and every sub-view) of the Streamlit app under AppTest, with the large
synthetic assessment open. Target: median rerun <= 0.5 s per page on a 2-core machine.

Usage: python benchmarks/app_pages.py [--reruns N] [--data-sources N] [--systems N] ...
The last line is one line of key=value pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 0.5
PAGES: dict[str, tuple[str, list[str | None]]] = {
    "assessments": ("app_pages/assessments.py", [None]),
    "organisation": ("app_pages/organisation.py", [None]),
    "as_is": (
        "app_pages/as_is.py",
        ["data_sources", "systems", "data_flows", "roles", "processes", "coverage", "datapoints", "chain", "landscape"],
    ),
    "to_be": ("app_pages/to_be.py", ["vision", "maturity", "survey"]),
    "requirements": ("app_pages/requirements.py", ["catalogue", "criteria"]),
    "scenarios": ("app_pages/scenarios.py", ["options", "scores", "musts", "costs", "ranking", "decision"]),
    "workbook": ("app_pages/workbook.py", [None]),
}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=7, help="timed reruns per page view (after a warm-up)")
    for name, default in (
        ("data-sources", 500),
        ("systems", 150),
        ("criteria", 80),
        ("options", 10),
        ("requirements", 120),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    return parser.parse_args()


def _prepare(db: Path, args: argparse.Namespace) -> str:
    from esg_workbench.store import Store
    from esg_workbench.synthetic import generate_assessment

    assessment = generate_assessment(
        data_sources=args.data_sources,
        systems=args.systems,
        criteria=args.criteria,
        options=args.options,
        requirements=args.requirements,
        seed=1,
    )
    with Store(str(db)) as store:
        store.create(assessment, author="benchmark")
    return assessment.id


def _time_view(assessment_id: str, page: str, view: str | None, reruns: int) -> tuple[float, float]:
    """(first render, median rerun) in seconds for one page view."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "esg_workbench" / "app" / "main.py"), default_timeout=300)
    at.query_params["a"] = assessment_id
    at.run()
    if view is not None:
        at.session_state[f"view.{page}"] = view
    at.switch_page(PAGES[page][0])
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception or "app.crashed" in at.session_state:
        raise SystemExit(f"{page}/{view}: the page failed: {[e.value for e in at.exception]}")
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        os.environ["ESG_WORKBENCH_DB"] = str(db)
        from esg_workbench.config import settings

        settings.cache_clear()
        start = time.perf_counter()
        assessment_id = _prepare(db, args)
        print(
            f"large synthetic assessment stored in {time.perf_counter() - start:.1f} s "
            f"({args.data_sources} data sources, {args.systems} systems, {args.criteria} criteria, "
            f"{args.options} options, {args.requirements} requirements)"
        )
        print(f"{'page':<14}{'view':<14}{'first s':>9}{'median s':>10}")
        worst: dict[str, float] = {}
        for page, (_, views) in PAGES.items():
            for view in views:
                first, median = _time_view(assessment_id, page, view, args.reruns)
                worst[page] = max(worst.get(page, 0.0), median)
                print(f"{page:<14}{view or '-':<14}{first:>9.3f}{median:>10.3f}")
    slowest = max(worst, key=worst.__getitem__)
    ok = all(v <= TARGET_S for v in worst.values())
    pairs = {
        "pages": len(worst),
        "target_s": TARGET_S,
        "slowest_page": slowest,
        "slowest_median_s": f"{worst[slowest]:.3f}",
        "ok": str(ok).lower(),
        **{f"{page}_median_s": f"{value:.3f}" for page, value in worst.items()},
    }
    print(" ".join(f"{k}={v}" for k, v in pairs.items()))


if __name__ == "__main__":
    main()
