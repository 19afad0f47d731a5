"""Sensitivity: weight tipping points (hand-worked and checked by re-scoring) and the seeded Monte Carlo
rank acceptability (hand-worked probability, reproducibility, the batch shortcuts against the formulas)."""

from __future__ import annotations

import numpy as np
import pytest
from scoring_builders import build, option, quantitative, scale

from esg_workbench.scoring import score
from esg_workbench.scoring.cost import tco_all
from esg_workbench.scoring.matrix import decision_matrix
from esg_workbench.scoring.montecarlo import (
    _TopsisBatch,
    _WeightedSumBatch,
    batch_streams,
    codes,
    fractions,
    simulate,
)
from esg_workbench.scoring.topsis import topsis_closeness
from esg_workbench.scoring.weighted_sum import weighted_sum


def two_by_two():
    """x weighs 3, y weighs 1. A = (5, 0) -> total 75; B = (2, 5) -> 100 x (3 x 0.4 + 1) / 4 = 55.

    Moving x's share g (y gets 1 - g): A = g, B = 1 - 0.6 g, level at g = 1/1.6 = 0.625 (now 0.75), i.e.
    x's weight 0.625 / 0.375 x 1 = 5/3 with y at 1. Moving y's share g: A = 1 - g, B = 0.4 + 0.6 g, level at
    g = 0.375 (now 0.25), i.e. y's weight 0.375 / 0.625 x 3 = 1.8 with x at 3."""
    return build([scale("x", 3), scale("y", 1)], [option("A"), option("B")], {"A": [5, 0], "B": [2, 5]})


def test_weighted_sum_tipping_points_hand_worked() -> None:
    result = score(two_by_two(), samples=0)
    x, y = result.sensitivity.tipping_points
    assert result.sensitivity.top == "A"
    assert x.increase is None and y.decrease is None
    assert (x.decrease.share, x.decrease.weight) == (pytest.approx(0.625), pytest.approx(5 / 3))
    assert x.decrease.new_top == "B"
    assert x.decrease.change == pytest.approx(-0.125)
    assert (y.increase.share, y.increase.weight, y.increase.new_top) == (pytest.approx(0.375), pytest.approx(1.8), "B")
    assert result.recommendation.most_sensitive.criterion_id in ("x", "y")  # both need a 12.5-point move


def test_topsis_tipping_points_match_rescoring() -> None:
    result = score(two_by_two(), "topsis", samples=0)
    for point in result.sensitivity.tipping_points:
        for direction, tip in ((1, point.increase), (-1, point.decrease)):
            if tip is not None:
                _assert_tip_is_real(two_by_two(), "topsis", point.criterion_id, direction, tip)


def _assert_tip_is_real(assessment, method: str, criterion_id: str, direction: int, tip) -> None:
    """Scoring with the weight just short of the tip keeps the top option; just beyond it, the new one leads."""
    step = 1e-4 * max(1.0, tip.weight)
    for offset, expected_top in ((-direction * step, None), (direction * step, tip.new_top)):
        edited = assessment.model_copy(deep=True)
        edited.criteria[[c.id for c in edited.criteria].index(criterion_id)].weight = max(0.0, tip.weight + offset)
        top = score(edited, method, samples=0).recommendation.option_id
        if expected_top is None:
            assert top != tip.new_top
        else:
            assert top == expected_top


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
@pytest.mark.parametrize("seed", range(6))
def test_every_tipping_point_is_confirmed_by_rescoring(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    criteria = [scale(f"c{j}", float(rng.integers(1, 10))) for j in range(4)]
    options = [option(f"o{i}") for i in range(4)]
    scores = {o.id: [float(rng.integers(0, 11)) / 2 for _ in criteria] for o in options}
    a = build(criteria, options, scores, musts={"M": [True, True, bool(seed % 2), True]})
    result = score(a, method, samples=0)
    for point in result.sensitivity.tipping_points:
        for direction, tip in ((1, point.increase), (-1, point.decrease)):
            if tip is not None:
                assert 0 <= tip.share < 1 and direction * tip.change >= 0
                _assert_tip_is_real(a, method, point.criterion_id, direction, tip)


def test_rank_acceptability_hand_worked_probability() -> None:
    """One criterion: A scores 3, B is uniform on [2, 5]. B ranks first when it draws above 3: p = 2/3."""
    a = build([scale("q", 1)], [option("A"), option("B")], {"A": [3], "B": [(3.5, 2, 5)]})
    result = score(a, samples=30_000, seed=11)
    p_b = result.sensitivity.rank_acceptability["B"][0]
    assert p_b == pytest.approx(2 / 3, abs=0.01)
    assert result.sensitivity.rank_acceptability["A"] == pytest.approx([1 - p_b, p_b])
    assert result.sensitivity.uncertain_cells == 1
    low, median, high = result.sensitivity.total_percentiles["B"]
    assert (low, median, high) == (pytest.approx(43, abs=1), pytest.approx(70, abs=1), pytest.approx(97, abs=1))


def uncertain_assessment():
    criteria = [
        scale("a", 3),
        scale("b", 2),
        quantitative("cost", 2, best=1e6, worst=4e6, source="tco"),
        quantitative("risk", 1, best=0, worst=10),
    ]
    options = [
        option("P", cost_lines=[{"label": "x", "kind": "one_off", "amount": 2e6}]),
        option("Q", cost_lines=[{"label": "x", "kind": "one_off", "amount": 3e6}]),
        option("R", cost_lines=[{"label": "x", "kind": "one_off", "amount": 1e6}]),
    ]
    # risk ranges that cross the anchors (-2 .. 3, 8 .. 12) exercise the clipped path; Q's b is missing
    return build(
        criteria,
        options,
        {
            "P": [(4, 3, 5), (3, 2, 4), None, (1, -2, 3)],
            "Q": [(4.5, 4, 5), None, None, (9, 8, 12)],
            "R": [3, (2, 1, 3), None, 5],
        },
        musts={"M": [True, True, False]},
    )


def test_reproducible_for_a_seed_and_different_for_another() -> None:
    a = uncertain_assessment()
    first, again = score(a, samples=3000, seed=5), score(a, samples=3000, seed=5)
    other = score(a, samples=3000, seed=6)
    assert first.sensitivity == again.sensitivity
    assert first.sensitivity.total_percentiles != other.sensitivity.total_percentiles


def test_threads_do_not_change_the_numbers() -> None:
    a = uncertain_assessment()
    m = decision_matrix(a, tco_all(a.options, a.settings))
    eligible = np.array([True, True, False])
    for method in ("weighted-sum", "topsis"):
        one = simulate(m, method, eligible, 5000, 3, threads=1)
        two = simulate(m, method, eligible, 5000, 3, threads=2)
        assert np.array_equal(one.acceptability, two.acceptability)
        assert np.array_equal(one.percentiles, two.percentiles)


def test_acceptability_shares_and_gates() -> None:
    result = score(uncertain_assessment(), samples=4000, seed=1)
    acc = result.sensitivity.rank_acceptability
    matrix = np.array([acc[o] for o in ("P", "Q", "R")])
    assert matrix.sum(axis=1) == pytest.approx([1, 1, 1])
    assert matrix.sum(axis=0) == pytest.approx([1, 1, 1])
    assert acc["R"] == [0.0, 0.0, 1.0]  # ineligible: always after both eligible options
    assert result.recommendation.probability_first == acc[result.recommendation.option_id][0]


def test_without_uncertainty_or_spread_the_ranking_is_certain() -> None:
    a = build([scale("x", 1), scale("y", 2)], [option("A"), option("B")], {"A": [4, 4], "B": [5, 1]})
    result = score(a, samples=500, weight_spread=0.0)
    assert result.sensitivity.rank_acceptability == {"A": [1.0, 0.0], "B": [0.0, 1.0]}
    assert result.recommendation.robustness == "robust"


@pytest.mark.parametrize("dense", [True, False])
def test_batch_shortcuts_equal_the_method_formulas(dense: bool) -> None:
    """The Monte Carlo batches rearrange the formulas for speed; on the same draws they must agree."""
    a = uncertain_assessment()
    if dense:  # every cell uncertain: no missing values, no fixed ones
        a = build(
            [scale("a", 1), scale("b", 2)],
            [option("P"), option("Q")],
            {"P": [(1, 0, 2), (3, 2, 5)], "Q": [(2, 1, 3), (4, 3, 5)]},
        )
    m = decision_matrix(a, tco_all(a.options, a.settings))
    rng = np.random.default_rng(9)
    rows, cols = np.nonzero(m.uncertain)
    weights = rng.uniform(0.5, 2, (50, m.weights.size))
    draws = rng.integers(0, 65536, (50, rows.size)).astype(np.uint16)
    values = np.broadcast_to(m.values, (50, *m.values.shape)).copy()
    values[:, rows, cols] = m.low[rows, cols] + (m.high - m.low)[rows, cols] * (draws + 0.5) / 65536
    assert _WeightedSumBatch(m)(weights, draws) == pytest.approx(weighted_sum(m.utilities(values), weights))
    raw = np.where(np.isnan(values), m.worst, values)
    assert _TopsisBatch(m)(weights, draws) == pytest.approx(topsis_closeness(raw, weights, m.lower_is_better))


def test_value_draws_are_the_same_taken_at_once_or_sample_by_sample() -> None:
    (_, at_once), (_, one_by_one) = batch_streams(4, 1)[0], batch_streams(4, 1)[0]
    batch = codes(at_once, 5, 7)
    assert batch.shape == (5, 7) and batch.dtype == np.uint16
    assert np.array_equal(batch, np.vstack([codes(one_by_one, 1, 7) for _ in range(5)]))
    r = fractions(np.array([0, 65535], dtype=np.uint16))
    assert r == pytest.approx([0.5 / 65536, 1 - 0.5 / 65536])
