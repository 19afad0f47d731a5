"""The decision engine's whole analysis (totals, gates, ranking, explanations, TCO, tipping points, a
10,000-sample Monte Carlo rank acceptability with score uncertainty, recommendation) on 10 options x 80
criteria, against a per-sample loop over pymcdm doing the same Monte Carlo work.

Target: ours <= 0.2 s for the whole analysis and >= 100x faster than the loop; TOPSIS <= 0.05 s and
>= 150x its loop; the group weighting of 20 stakeholders' complete AHP judgements on the 80 criteria
(63,200 judgements, aggregated as judgements) <= 0.05 s (group_s, the median of the rounds).
The loop is timed on a subset of the samples and extrapolated linearly (said so in the output), so the
script runs in well under a minute. Both sides report their best time (ours: best of several runs; the
loop: its fastest chunk of 100 samples), which is robust on a shared machine. The loop draws exactly the
same random numbers as the engine, so its rank acceptability on that subset must equal ours: the script
checks it (agree=1). TOPSIS is timed the same way and reported beside (topsis_* keys); the targets apply
to the default method, the weighted sum.

Usage: python benchmarks/scoring.py [--options 10] [--criteria 80] [--samples 10000] [--baseline-samples 1000]
The last line is one line of key=value pairs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from esg_workbench.domain.assessment import (  # noqa: E402
    Assessment,
    CostLine,
    Criterion,
    MustHaveCheck,
    Option,
    Organisation,
    Requirement,
    Score,
    Stakeholder,
    StakeholderJudgement,
    Weighting,
)
from esg_workbench.scoring import score  # noqa: E402
from esg_workbench.scoring.cost import tco  # noqa: E402
from esg_workbench.scoring.gates import must_have_failures  # noqa: E402
from esg_workbench.scoring.group import stakeholder_group  # noqa: E402
from esg_workbench.scoring.matrix import decision_matrix  # noqa: E402
from esg_workbench.scoring.montecarlo import BATCH, batch_streams, simulate  # noqa: E402

TARGET_S, TARGET_RATIO = 0.2, 100.0
TOPSIS_TARGET_S, TOPSIS_TARGET_RATIO, GROUP_TARGET_S = 0.05, 150.0, 0.05
STAKEHOLDERS = 20
AHP_SCALE = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
CHUNK = 100  # baseline samples per timed chunk
SEED, SPREAD = 7, 0.2
ARCHETYPES = ("bi_extension", "erp_module", "dedicated_esg", "hybrid_platform", "spreadsheet_interim")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=10)
    parser.add_argument("--criteria", type=int, default=80)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--baseline-samples", type=int, default=1000, help="loop samples timed, then extrapolated")
    parser.add_argument(
        "--repeats", type=int, default=5, help="paired runs of ours and the baseline; the medians are judged"
    )
    return parser.parse_args()


def build_assessment(n_options: int, n_criteria: int, seed: int = 1) -> Assessment:
    """Scale criteria plus TCO and time to first report; every score has a low-high range; two must-haves
    that one option in four fails."""
    rng = np.random.default_rng(seed)
    criteria = [
        Criterion(id=f"c{j:02d}", name=f"Criterion {j}", weight=float(rng.integers(1, 11)))
        for j in range(n_criteria - 2)
    ]
    criteria += [
        Criterion(
            id="tco",
            name="TCO",
            weight=8,
            kind="quantitative",
            unit="DKK",
            direction="lower_is_better",
            best=2e6,
            worst=12e6,
            value_source="tco",
        ),
        Criterion(
            id="ttfr",
            name="Months to first report",
            weight=5,
            kind="quantitative",
            unit="months",
            direction="lower_is_better",
            best=3,
            worst=24,
            value_source="time_to_first_report",
        ),
    ]
    options = [
        Option(
            id=f"opt-{i}",
            name=f"Option {i}",
            archetype=ARCHETYPES[i % len(ARCHETYPES)],
            time_to_first_report_months=float(rng.integers(2, 20)),
            cost_lines=[
                CostLine(label="build", kind="one_off", amount=float(rng.integers(5, 40)) * 1e5),
                CostLine(label="run", kind="yearly", amount=float(rng.integers(3, 15)) * 1e5),
            ],
        )
        for i in range(n_options)
    ]
    scores = []
    for option in options:
        for criterion in criteria[:-2]:
            value = float(rng.integers(0, 11)) / 2
            scores.append(
                Score(
                    option_id=option.id,
                    criterion_id=criterion.id,
                    value=value,
                    low=max(0.0, value - 1),
                    high=min(5.0, value + 1),
                )
            )
    requirements = [Requirement(id=f"must-{k}", text=f"Must-have {k}", priority="must") for k in range(2)]
    checks = [
        MustHaveCheck(option_id=o.id, requirement_id=r.id, met=i % 4 != 3)
        for i, o in enumerate(options)
        for r in requirements
    ]
    return Assessment(
        id="benchmark",
        title="Scoring benchmark",
        organisation=Organisation(name="Benchmark A/S"),
        criteria=criteria,
        options=options,
        scores=scores,
        requirements=requirements,
        must_have_checks=checks,
    )


def with_stakeholders(assessment: Assessment, people: int = STAKEHOLDERS, seed: int = 2) -> Assessment:
    """``people`` stakeholders who each compare every pair of criteria on Saaty's scale: their own weights
    with multiplicative noise, rounded to the scale's nearest value (consistency ratios well below 0.10)."""
    rng = np.random.default_rng(seed)
    ids = [c.id for c in assessment.criteria]
    first, second = np.triu_indices(len(ids), 1)
    stakeholders, judgements = [], []
    for k in range(people):
        own = rng.uniform(1, 10, len(ids))
        ratio = own[first] / own[second] * np.exp(rng.normal(0, 0.2, first.size))
        nearest = AHP_SCALE[np.abs(np.log(AHP_SCALE)[None, :] - np.log(ratio)[:, None]).argmin(axis=1)]
        stakeholders.append(Stakeholder(id=f"sh-{k}", name=f"Stakeholder {k}", method="ahp"))
        judgements += [
            StakeholderJudgement(stakeholder_id=f"sh-{k}", a=ids[i], b=ids[j], ratio=float(r))
            for i, j, r in zip(first, second, nearest, strict=True)
        ]
    return assessment.model_copy(
        update={
            "stakeholders": stakeholders,
            "stakeholder_judgements": judgements,
            "weighting": Weighting(aggregation="judgements"),
        }
    )


def time_group(assessment: Assessment) -> float:
    """One group weighting: every stakeholder's priorities and consistency, the aggregated judgements'
    priorities, the consensus."""
    start = time.perf_counter()
    group = stakeholder_group(assessment)
    elapsed = time.perf_counter() - start
    assert group is not None and not group.problems
    return elapsed


def time_ours(assessment: Assessment, samples: int, method: str) -> float:
    """One run of the whole analysis."""
    start = time.perf_counter()
    score(assessment, method, samples=samples, seed=SEED, weight_spread=SPREAD)
    return time.perf_counter() - start


def baseline(assessment: Assessment, samples: int, method: str) -> tuple[float, np.ndarray]:
    """The same Monte Carlo analysis as a loop: per sample, draw weights and scores, apply the value
    functions, call pymcdm, apply the gates, rank with pymcdm and count ranks. Returns the best time per
    sample over chunks of CHUNK samples (the estimator used for ours too) and the rank acceptability."""
    from pymcdm.helpers import rankdata
    from pymcdm.methods import TOPSIS, WSM
    from pymcdm.normalizations import vector_normalization

    options, criteria = assessment.options, assessment.criteria
    npv = {o.id: tco(o, assessment.settings).npv for o in options}
    given = {(s.option_id, s.criterion_id): s for s in assessment.scores}
    values = np.array(
        [
            [
                npv[o.id]
                if c.value_source == "tco"
                else o.time_to_first_report_months
                if c.value_source == "time_to_first_report"
                else given[(o.id, c.id)].value
                for c in criteria
            ]
            for o in options
        ]
    )
    low, high = values.copy(), values.copy()
    for i, o in enumerate(options):
        for j, c in enumerate(criteria):
            s = given.get((o.id, c.id))
            if s is not None and s.low is not None:
                low[i, j], high[i, j] = s.low, s.high
    rows, cols = np.nonzero(high > low)  # uncertain cells, option by option
    words = -(-rows.size // 4)  # a draw is a 16-bit integer, four to a 64-bit random word
    weight_words = -(-len(criteria) // 4)
    worst = np.array([c.worst if c.kind == "quantitative" else 0.0 for c in criteria])
    best = np.array([c.best if c.kind == "quantitative" else 5.0 for c in criteria])
    weights0 = np.array([c.weight for c in criteria])
    musts = {r.id for r in assessment.requirements if r.priority == "must"}
    met = {(m.option_id, m.requirement_id) for m in assessment.must_have_checks if m.met}
    penalty = np.array([0.0 if all((o.id, r) in met for r in musts) else 1000.0 for o in options])
    wsm = WSM(normalization_function=lambda x, cost: x)  # the utilities are already normalised
    topsis = TOPSIS(normalization_function=vector_normalization)
    types = np.where(best < worst, -1, 1)
    streams = batch_streams(SEED, -(-samples // BATCH))  # the engine's random streams, drawn sample by sample
    counts = np.zeros((len(options), len(options)), dtype=np.int64)
    chunk_times, start = [], time.perf_counter()
    for s in range(samples):
        weight_stream, value_stream = streams[s // BATCH]
        r = weight_stream.bit_generator.random_raw(weight_words).astype("<u8").view("<u2")[: len(criteria)] + 0.5
        w = weights0 * (1 - SPREAD + 2 * SPREAD * r / 65536)
        x = values.copy()
        k = value_stream.bit_generator.random_raw(words).astype("<u8").view("<u2")[: rows.size]
        x[rows, cols] = low[rows, cols] + (high[rows, cols] - low[rows, cols]) * (k + 0.5) / 65536
        if method == "weighted-sum":
            utilities = np.clip((x - worst) / (best - worst), 0, 1)
            preference = 100 * wsm(utilities, w / w.sum(), np.ones(len(criteria), dtype=int))
        else:
            preference = topsis(x, w / w.sum(), types)
        ranks = rankdata(preference - penalty, reverse=True)
        for i, rank in enumerate(ranks):
            counts[i, int(rank) - 1] += 1
        if (s + 1) % CHUNK == 0 or s + 1 == samples:
            now = time.perf_counter()
            chunk_times.append((now - start) / (s % CHUNK + 1))
            start = now
    return min(chunk_times), counts / samples


def main() -> int:
    args = _arguments()
    assessment = build_assessment(args.options, args.criteria)
    matrix = decision_matrix(assessment, {o.id: tco(o, assessment.settings) for o in assessment.options})
    failures = must_have_failures(assessment)
    eligible = np.array([not failures[o.id] for o in assessment.options])
    keys: dict[str, str] = {}
    for method, prefix in (("weighted-sum", ""), ("topsis", "topsis_")):
        score(assessment, method, samples=args.samples, seed=SEED)  # warm-up: imports, caches
        # Ours and the baseline timed back to back in each round, so a busy moment slows both; the
        # target is judged on the medians over the rounds (these machines are shared and noisy).
        ours_runs, baseline_runs, ratios = [], [], []
        for _ in range(max(5, args.repeats)):
            ours = time_ours(assessment, args.samples, method)
            per_sample, loop_acceptability = baseline(assessment, args.baseline_samples, method)
            ours_runs.append(ours)
            baseline_runs.append(per_sample * args.samples)
            ratios.append(per_sample * args.samples / ours)
        ours, baseline_s, ratio = (statistics.median(v) for v in (ours_runs, baseline_runs, ratios))
        check = simulate(matrix, method, eligible, args.baseline_samples, SEED, SPREAD).acceptability
        agree = np.allclose(check, loop_acceptability, atol=1e-12)
        print(
            f"{method}: ours {ours:.3f} s for the whole analysis with {args.samples:,} samples (median of "
            f"{len(ours_runs)}); pymcdm loop extrapolated to {baseline_s:.1f} s ({args.baseline_samples:,} "
            f"samples run per round, best chunk of {CHUNK}); median ratio {ratio:.0f}x "
            f"(rounds: {', '.join(f'{r:.0f}' for r in ratios)}); same rank acceptability on the subset: {agree}"
        )
        keys.update(
            {
                f"{prefix}ours_s": f"{ours:.3f}",
                f"{prefix}baseline_s": f"{baseline_s:.2f}",
                f"{prefix}ratio": f"{ratio:.0f}",
                f"{prefix}agree": str(int(agree)),
            }
        )
    group = with_stakeholders(assessment)
    time_group(group)  # warm-up
    group_s = statistics.median(time_group(group) for _ in range(max(5, args.repeats)))
    print(
        f"group weighting: {STAKEHOLDERS} stakeholders x {len(group.stakeholder_judgements):,} AHP judgements on "
        f"{args.criteria} criteria in {group_s:.3f} s (median of {max(5, args.repeats)})"
    )
    keys["group_s"] = f"{group_s:.3f}"
    keys["runs"] = str(max(5, args.repeats))
    # each target said apart, then all of them
    targets = {
        "weighted_sum_target_met": float(keys["ours_s"]) <= TARGET_S and float(keys["ratio"]) >= TARGET_RATIO,
        "topsis_target_met": float(keys["topsis_ours_s"]) <= TOPSIS_TARGET_S
        and float(keys["topsis_ratio"]) >= TOPSIS_TARGET_RATIO,
        "group_target_met": group_s <= GROUP_TARGET_S,
    }
    keys.update({k: str(int(v)) for k, v in targets.items()})
    ok = all(targets.values())
    keys = {
        **keys,
        "options": str(args.options),
        "criteria": str(args.criteria),
        "samples": str(args.samples),
        "baseline_samples_timed": str(args.baseline_samples),
        "baseline_extrapolated": "1",
        "target_met": str(int(ok)),
    }
    print(" ".join(f"{k}={v}" for k, v in keys.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
