"""The decision matrix of an assessment (each option's value on each criterion, with its uncertainty
range) and the value functions that turn values into utilities from 0 (worst) to 1 (best).

The value of criterion c for option o depends on ``c.value_source``:
- ``score``: the Score row's ``value`` (its ``low``/``high`` give the uncertainty range);
- ``tco``: the option's net present value of cost over the horizon (see ``cost.py``);
- ``time_to_first_report``: ``option.time_to_first_report_months``.
A missing value (no Score row, no cost line, no time to first report) counts as utility 0 and is listed
as missing: an option whose cost was never entered is not free.

Value functions, one formula for both kinds, u = clip((value - worst) / (best - worst), 0, 1):
- scale criteria (scored 0-5, 5 best) have the anchors worst = 0 and best = 5, so u = value / 5;
- quantitative criteria (cost in DKK, months to first report, ...) use the criterion's own ``worst``
  (utility 0) and ``best`` (utility 1) anchors. The direction is in the anchors: lower is better means
  best < worst, so a cheaper option gets a higher utility. Between the anchors the utility is linear,
  outside it is clipped. The anchors are fixed, not taken from the options' own minimum and maximum,
  so adding or removing an option never changes another option's utilities or weighted-sum total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..domain.assessment import SCORE_SCALE_MAX, Assessment
from ..domain.fields import CriterionKind
from ..domain.problem_codes import Code
from ..domain.results import CostBreakdown
from ..domain.validation import AssessmentInvalid, Problem
from .weights import global_weights, group_problems


@dataclass(frozen=True)
class DecisionMatrix:
    """Options x criteria arrays in the assessment's order. ``values`` is NaN where a value is missing;
    ``low``/``high`` equal ``values`` where no range was given."""

    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: np.ndarray  # (C,) as entered
    values: np.ndarray  # (O, C)
    low: np.ndarray  # (O, C)
    high: np.ndarray  # (O, C)
    worst: np.ndarray  # (C,) value with utility 0
    best: np.ndarray  # (C,) value with utility 1

    @property
    def shares(self) -> np.ndarray:
        return self.weights / self.weights.sum()

    @property
    def missing(self) -> np.ndarray:
        return np.isnan(self.values)

    @property
    def lower_is_better(self) -> np.ndarray:
        return self.best < self.worst

    @property
    def uncertain(self) -> np.ndarray:
        """Cells whose value may vary in the Monte Carlo analysis."""
        return (self.high > self.low) & ~self.missing

    def utilities(self, values: np.ndarray | None = None) -> np.ndarray:
        """The value functions applied to ``values`` (any leading batch axes, criteria last)."""
        return utility(self.values if values is None else values, self.worst, self.best)

    def topsis_values(self) -> np.ndarray:
        """The matrix TOPSIS ranks: values as they are, a missing value replaced by the value that has
        utility 0 (the worst anchor; 0 for a scale criterion), consistent with the weighted sum."""
        return np.where(self.missing, self.worst, self.values)


def utility(values: np.ndarray, worst: np.ndarray, best: np.ndarray) -> np.ndarray:
    """u = clip((value - worst) / (best - worst), 0, 1), and 0 where the value is missing (NaN)."""
    # Anchors a hair apart (best - worst below ~1e-295) overflow the ratio to +-inf, which the clip turns
    # into the right utility, 1 or 0: that overflow is expected, not a warning.
    with np.errstate(over="ignore"):
        u = np.clip((values - worst) / (best - worst), 0.0, 1.0)
    return np.nan_to_num(u, nan=0.0)


def decision_matrix(
    assessment: Assessment, costs: dict[str, CostBreakdown], weights: np.ndarray | None = None
) -> DecisionMatrix:
    """Build the matrix, refusing (with every problem's path) what the value functions cannot handle.
    ``weights``: the weights to score with (``group.criterion_weights``); the criteria's own by default."""
    problems = _criterion_problems(assessment)
    if problems:
        raise AssessmentInvalid(problems, "scoring")
    n_options, n_criteria = len(assessment.options), len(assessment.criteria)
    values = np.full((n_options, n_criteria), np.nan)
    low, high = values.copy(), values.copy()
    scores = {(s.option_id, s.criterion_id): s for s in assessment.scores}
    for i, option in enumerate(assessment.options):
        for j, criterion in enumerate(assessment.criteria):
            if criterion.value_source == "tco":
                if costs[option.id].npv is not None:
                    values[i, j] = costs[option.id].npv
            elif criterion.value_source == "time_to_first_report":
                if option.time_to_first_report_months is not None:
                    values[i, j] = option.time_to_first_report_months
            elif (option.id, criterion.id) in scores:
                s = scores[(option.id, criterion.id)]
                values[i, j] = s.value
                low[i, j] = s.value if s.low is None else s.low
                high[i, j] = s.value if s.high is None else s.high
    low = np.where(np.isnan(low), values, low)
    high = np.where(np.isnan(high), values, high)
    _check_scores(assessment, values, low, high)
    worst, best = _anchors(assessment)
    return DecisionMatrix(
        option_ids=tuple(o.id for o in assessment.options),
        criterion_ids=tuple(c.id for c in assessment.criteria),
        weights=np.array(global_weights(assessment), dtype=float) if weights is None else weights,
        values=values,
        low=low,
        high=high,
        worst=worst,
        best=best,
    )


def _anchors(assessment: Assessment) -> tuple[np.ndarray, np.ndarray]:
    worst = [c.worst if c.kind == CriterionKind.QUANTITATIVE else 0.0 for c in assessment.criteria]
    best = [c.best if c.kind == CriterionKind.QUANTITATIVE else SCORE_SCALE_MAX for c in assessment.criteria]
    return np.array(worst, dtype=float), np.array(best, dtype=float)


def _criterion_problems(assessment: Assessment) -> list[Problem]:
    problems = []
    if not assessment.criteria:
        problems.append(Problem.of("criteria", Code.NO_CRITERIA))
    elif sum(c.weight for c in assessment.criteria) <= 0:
        problems.append(Problem.of("criteria", Code.WEIGHTS_ZERO))
    problems += group_problems(assessment)
    if not problems and assessment.criterion_groups and sum(global_weights(assessment)) <= 0:
        problems.append(Problem.of("criterion_groups", Code.WEIGHTS_ZERO))
    for j, c in enumerate(assessment.criteria):
        path = f"criteria[{j}]"
        if c.kind != CriterionKind.QUANTITATIVE:
            if c.value_source != "score":
                problems.append(Problem.of(f"{path}.value_source", Code.NEEDS_QUANTITATIVE, value=c.value_source))
            continue
        if c.best is None or c.worst is None:
            problems.append(Problem.of(f"{path}.best", Code.CRITERION_NEEDS_ANCHORS, criterion=c.id))
        elif c.best == c.worst:
            problems.append(
                Problem.of(f"{path}.best", Code.CRITERION_ANCHORS_EQUAL, criterion=c.id, value=f"{c.best:g}")
            )
    return problems


def _check_scores(assessment: Assessment, values: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Scale scores within 0-5 and every value within its own range, checked as arrays, then reported
    with the Score row's path."""
    scale = np.array([c.kind == CriterionKind.SCALE for c in assessment.criteria], dtype=bool)
    with np.errstate(invalid="ignore"):
        outside = scale & ((low < 0) | (high > SCORE_SCALE_MAX) | (values < 0) | (values > SCORE_SCALE_MAX))
        unordered = (low > values) | (values > high)
    if not (outside.any() or unordered.any()):
        return
    index = {(s.option_id, s.criterion_id): k for k, s in enumerate(assessment.scores)}
    problems = []
    for i, j in zip(*np.nonzero(outside | unordered), strict=True):
        path = f"scores[{index[(assessment.options[i].id, assessment.criteria[j].id)]}]"
        if outside[i, j]:
            for name, v in (("value", values[i, j]), ("low", low[i, j]), ("high", high[i, j])):
                if not 0 <= v <= SCORE_SCALE_MAX:
                    problems.append(Problem.of(f"{path}.{name}", Code.SCORE_RANGE, value=f"{v:g}"))
        if unordered[i, j]:
            bounds = {"value": f"{values[i, j]:g}", "low": f"{low[i, j]:g}", "high": f"{high[i, j]:g}"}
            problems.append(Problem.of(path, Code.NOT_WITHIN, **bounds))
    raise AssessmentInvalid(problems, "scoring")
