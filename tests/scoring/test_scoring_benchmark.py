"""The benchmark script runs, prints one key=value line last, and its pymcdm loop reproduces the engine's
rank acceptability exactly on the same random draws (so the two time the same work)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_small_and_baseline_agrees() -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "scoring.py"),
            "--options",
            "4",
            "--criteria",
            "6",
            "--samples",
            "1500",
            "--baseline-samples",
            "1200",
            "--repeats",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    last = run.stdout.strip().splitlines()[-1]
    pairs = dict(item.split("=", 1) for item in last.split())
    assert {"ours_s", "baseline_s", "ratio", "topsis_ours_s", "baseline_extrapolated"} <= set(pairs)
    assert pairs["agree"] == pairs["topsis_agree"] == "1"
    assert float(pairs["ours_s"]) > 0 and float(pairs["baseline_s"]) > 0
    assert float(pairs["group_s"]) > 0  # the group weighting of the stakeholders is timed too
