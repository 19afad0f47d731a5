"""``score()``: the decision engine's entry point. It validates what the methods need, runs the chosen
method, applies the must-have gates, ranks, explains, runs the sensitivity analyses and writes the
recommendation, returning one ``ScoreResult`` that every view reads.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..domain.assessment import Assessment
from ..domain.engine_warnings import EngineWarning, WarningCode, WeightsNotDerived
from ..domain.framework import Framework
from ..domain.results import (
    Contribution,
    DerivedWeights,
    GateFailure,
    Method,
    OptionExplanation,
    ScoreResult,
    Sensitivity,
)
from .business_case import business_cases, manual_hours
from .cost import tco_all
from .gates import TIE_DECIMALS, must_have_failures, option_gates, rank_order, tied_groups
from .group import criterion_weights, group_weighting, stakeholder_group
from .group_wording import with_group_paragraph
from .matrix import DecisionMatrix, decision_matrix
from .memory import keep_freed_memory
from .montecarlo import Simulation, simulate
from .recommendation import as_is_of, recommend
from .sensitivity import topsis_tipping_points, weighted_sum_tipping_points
from .topsis import TopsisDetail, topsis
from .weighted_sum import contributions, weighted_sum
from .weights import derive_weights, global_weights

METHODS: tuple[Method, ...] = ("weighted-sum", "topsis")
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20240101
DEFAULT_WEIGHT_SPREAD = 0.2
WEIGHT_MISMATCH = 0.005  # share difference above which entered and derived weights are said to differ


def score(
    assessment: Assessment,
    method: Method = "weighted-sum",
    *,
    framework: Framework | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    weight_spread: float | None = None,
) -> ScoreResult:
    """Score the assessment's options on its criteria with ``method`` ("weighted-sum" or "topsis").

    ``samples`` Monte Carlo draws (0 = none) with ``seed`` give the rank acceptability; each weight
    varies by up to +-``weight_spread`` (a fraction; None: the assessment's own, ``weighting.weight_spread``,
    else 0.2), a criterion with its own ``weight_spread`` by that. ``framework`` supplies archetype labels and interim
    flags for the recommendation (without it the archetype "spreadsheet_interim" is the interim).
    Raises AssessmentInvalid (with paths) when criteria or scores cannot be scored, ValueError for a bad
    argument.
    """
    if method not in METHODS:
        raise ValueError(f"unknown scoring method {method!r}; choose one of {', '.join(METHODS)}")
    keep_freed_memory()
    if samples < 0:
        raise ValueError(f"samples must be 0 or more, not {samples}")
    if weight_spread is None:
        weight_spread = assessment.weighting.weight_spread
    if weight_spread is None:
        weight_spread = DEFAULT_WEIGHT_SPREAD
    if not 0 <= weight_spread < 1:
        raise ValueError(f"weight spread must be at least 0 and below 1, not {weight_spread}")
    if framework is not None:
        framework = framework.for_assessment(assessment)  # DR codes in the assessment's catalogue's terms
    spreads = np.array([weight_spread if c.weight_spread is None else c.weight_spread for c in assessment.criteria])
    costs = tco_all(assessment.options, assessment.settings)
    group = stakeholder_group(assessment)
    matrix = decision_matrix(assessment, costs, weights=criterion_weights(assessment, group))
    utilities = matrix.utilities()
    detail = topsis(matrix.topsis_values(), matrix.weights, matrix.lower_is_better) if method == "topsis" else None
    totals = detail.closeness if detail is not None else weighted_sum(utilities, matrix.weights)
    failures = must_have_failures(assessment)
    eligible = np.array([not failures[o] for o in matrix.option_ids], dtype=bool)
    order = rank_order(totals, eligible)
    ids = matrix.option_ids
    ranking = [ids[i] for i in order]
    ranks = {ids[i]: position for position, i in enumerate(order, start=1)}
    # The Monte Carlo analysis runs in the background (numpy releases the GIL) while the explanations
    # and tipping points, plain Python mostly, are built.
    with ThreadPoolExecutor(max_workers=1) as background:
        simulation = (
            background.submit(simulate, matrix, method, eligible, samples, seed, spreads) if samples and ids else None
        )
        explanations = {
            option.id: _explain(
                assessment, matrix, utilities, detail, i, float(totals[i]), ranks[option.id], failures[option.id]
            )
            for i, option in enumerate(assessment.options)
        }
        as_is = as_is_of(assessment, framework)  # coverage, readiness, chain: the assessment's alone
        sensitivity = _sensitivity(
            matrix,
            method,
            utilities,
            totals,
            eligible,
            seed,
            weight_spread,
            simulation.result() if simulation else None,
        )
        sensitivity = sensitivity.model_copy(
            update={
                "criterion_spreads": {
                    c.id: float(c.weight_spread) for c in assessment.criteria if c.weight_spread is not None
                }
            }
        )
    eligible_by_id = {ids[i]: bool(eligible[i]) for i in range(len(ids))}
    weighting, weight_warnings = _weighting(assessment, matrix)
    totals_by_id = {ids[i]: float(totals[i]) for i in range(len(ids))}
    cases = business_cases(
        assessment, costs, totals_by_id, eligible_by_id, points_scale=100.0 if method == "topsis" else 1.0
    )
    group_result = (
        None if group is None else group_weighting(group, matrix, method, eligible, assessment.weighting.use_group)
    )
    return ScoreResult(
        method=method,
        assessment_id=assessment.id,
        currency=assessment.settings.currency,
        option_names={o.id: o.name for o in assessment.options},
        criterion_names={c.id: c.name for c in assessment.criteria},
        group_names={g.id: g.name for g in assessment.criterion_groups},
        criterion_groups={c.id: c.group_id for c in assessment.criteria if c.group_id and assessment.criterion_groups},
        weights=dict(zip(matrix.criterion_ids, map(float, matrix.shares), strict=True)),
        totals=totals_by_id,
        ranking=ranking,
        ranks=ranks,
        eligible=eligible_by_id,
        tied_groups=tied_groups(ids, order, totals, eligible),
        explanations=explanations,
        costs=costs,
        sensitivity=sensitivity,
        recommendation=with_group_paragraph(
            recommend(
                assessment,
                framework,
                method=method,
                ranking=ranking,
                eligible=eligible_by_id,
                explanations=explanations,
                sensitivity=sensitivity,
                costs=costs,
                business_case=cases,
                as_is=as_is,
            ),
            group_result,
            {o.id: o.name for o in assessment.options},
        ),
        weighting=weighting,
        group=group_result,
        gates=option_gates(assessment, failures),
        business_case=cases,
        sources_without_hours=manual_hours(assessment)[1],
        warnings=_value_warnings(assessment) + weight_warnings,
    )


def _explain(
    assessment: Assessment,
    matrix: DecisionMatrix,
    utilities: np.ndarray,
    detail: TopsisDetail | None,
    i: int,
    total: float,
    rank: int,
    failed: list[GateFailure],
) -> OptionExplanation:
    option = assessment.options[i]
    n = len(matrix.criterion_ids)
    ranged = (matrix.high[i] > matrix.low[i]).tolist()
    missing = np.isnan(matrix.values[i]).tolist()
    columns = zip(
        matrix.criterion_ids,
        matrix.weights.tolist(),
        matrix.shares.tolist(),
        matrix.values[i].tolist(),
        matrix.low[i].tolist(),
        matrix.high[i].tolist(),
        missing,
        ranged,
        utilities[i].tolist(),
        contributions(utilities[i : i + 1], matrix.weights)[0].tolist(),
        *(_row(detail, name, i, n) for name in ("weighted", "to_ideal", "to_anti_ideal")),
        strict=True,
    )
    rows = [
        Contribution(
            criterion_id=cid,
            weight=w,
            weight_share=share,
            value=None if gap else value,
            low=lo if spread else None,
            high=hi if spread else None,
            missing=gap,
            utility=u,
            points=p,
            weighted_normalised=v,
            to_ideal=plus,
            to_anti_ideal=minus,
        )
        for cid, w, share, value, lo, hi, gap, spread, u, p, v, plus, minus in columns
    ]
    return OptionExplanation(
        option_id=option.id,
        name=option.name,
        archetype=option.archetype,
        total=total,
        rank=rank,
        eligible=not failed,
        contributions=rows,
        failed_must_haves=failed,
        missing=[r.criterion_id for r in rows if r.missing],
        distance_to_ideal=None if detail is None else float(detail.distance_to_ideal[i]),
        distance_to_anti_ideal=None if detail is None else float(detail.distance_to_anti_ideal[i]),
    )


def _row(detail: TopsisDetail | None, name: str, i: int, n: int) -> list[float | None]:
    """Row i of a TOPSIS intermediate matrix, or None per criterion for the weighted sum."""
    return [None] * n if detail is None else getattr(detail, name)[i].tolist()


def _sensitivity(
    matrix: DecisionMatrix,
    method: Method,
    utilities: np.ndarray,
    totals: np.ndarray,
    eligible: np.ndarray,
    seed: int,
    weight_spread: float,
    sim: Simulation | None,
) -> Sensitivity:
    ids = matrix.option_ids
    if not ids:
        return Sensitivity(method=method, top=None, seed=seed, weight_spread=weight_spread)
    competing = eligible if eligible.any() else np.ones_like(eligible)
    if method == "weighted-sum":
        points = weighted_sum_tipping_points(utilities, matrix.weights, competing, ids, matrix.criterion_ids)
    else:
        points = topsis_tipping_points(
            matrix.topsis_values(), matrix.lower_is_better, matrix.weights, competing, ids, matrix.criterion_ids
        )
    top = ids[int(np.argmax(np.where(competing, np.round(totals, TIE_DECIMALS), -np.inf)))]
    fields = {"method": method, "top": top, "tipping_points": points, "seed": seed, "weight_spread": weight_spread}
    if sim is None:
        return Sensitivity(**fields)
    return Sensitivity(
        **fields,
        samples=sim.samples,
        uncertain_cells=sim.uncertain_cells,
        rank_acceptability={o: [float(x) for x in sim.acceptability[i]] for i, o in enumerate(ids)},
        total_percentiles={o: [float(x) for x in sim.percentiles[:, i]] for i, o in enumerate(ids)},
    )


def _weighting(assessment: Assessment, matrix: DecisionMatrix) -> tuple[DerivedWeights | None, list[EngineWarning]]:
    """The weighting aid's weights next to the entered ones (the entered ones are scored)."""
    if assessment.weighting.method == "direct":
        return None, []
    try:
        derived = derive_weights(assessment)
    except WeightsNotDerived as exc:
        return None, [exc.warning(assessment.weighting.method)]
    warnings = list(derived.warnings)
    # the weights typed on the criteria, through their groups (the matrix may hold the stakeholders' group
    # weights instead)
    typed = np.array(global_weights(assessment), dtype=float)
    entered = dict(zip(matrix.criterion_ids, typed / typed.sum(), strict=True))
    diff = {k: abs(derived.weights[k] - entered[k]) for k in entered}
    worst = max(diff, key=diff.get)
    if diff[worst] > WEIGHT_MISMATCH:
        code = WarningCode.WEIGHTS_DIFFER_GROUP if assessment.weighting.use_group else WarningCode.WEIGHTS_DIFFER
        name = next(c.name for c in assessment.criteria if c.id == worst)
        warnings.append(
            EngineWarning.of(
                code,
                method=derived.method,
                criterion=name,
                criterion_id=worst,
                entered=float(entered[worst]),
                derived=float(derived.weights[worst]),
            )
        )
    return derived, warnings


def _value_warnings(assessment: Assessment) -> list[EngineWarning]:
    """Scores the engine ignores. Missing values (scores, costs, months) are not warnings here: each
    explanation lists them (``missing``) and ``scoring.wording`` says them with names in each language."""
    derived = {c.id: c for c in assessment.criteria if c.value_source != "score"}
    ignored = sorted({s.criterion_id for s in assessment.scores if s.criterion_id in derived})
    return [
        EngineWarning.of(
            WarningCode.SCORES_IGNORED,
            criterion=derived[criterion_id].name,
            criterion_id=criterion_id,
            source=derived[criterion_id].value_source,
        )
        for criterion_id in ignored
    ]
