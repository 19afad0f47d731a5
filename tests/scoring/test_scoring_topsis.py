"""TOPSIS: a published worked example, agreement with pymcdm (an independent implementation) on random
matrices, edge cases, and TOPSIS inside ``score``."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from scoring_builders import build, option, quantitative, scale

from esg_workbench.scoring import score
from esg_workbench.scoring.topsis import TopsisDistances, topsis, topsis_closeness

# pymcdm's input checks warn about dominated alternatives, which random matrices have; not our concern.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Alternatives with indices:UserWarning"),
    pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning"),
]


def test_tzeng_huang_2011_worked_example() -> None:
    """Tzeng, G.-H. & Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods and Applications,
    CRC Press: four alternatives, three benefit criteria, weights 0.3/0.4/0.3, vector normalisation;
    closeness 0.5037, 0.6581, 0.7482, 0.3340 (also reproduced in scikit-criteria's test suite)."""
    matrix = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    closeness = topsis_closeness(matrix, np.array([0.3, 0.4, 0.3]), np.zeros(3, dtype=bool))
    assert closeness == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=1e-4)


def test_tiny_hand_checked_case_with_a_cost_criterion() -> None:
    """Two options, equal weights. Benefit column (3, 4): norm 5 -> r = 0.6, 0.8, v = 0.3, 0.4.
    Cost column (6, 8): norm 10 -> r = 0.6, 0.8, v = 0.3, 0.4, ideal 0.3 (lower). Option 1: D+ = 0.1 (benefit),
    D- = 0.1 (cost) -> C = 0.5; option 2 likewise: C = 0.5."""
    detail = topsis(np.array([[3.0, 6.0], [4.0, 8.0]]), np.array([1.0, 1.0]), np.array([False, True]))
    assert detail.ideal == pytest.approx([0.4, 0.3])
    assert detail.anti_ideal == pytest.approx([0.3, 0.4])
    assert detail.distance_to_ideal == pytest.approx([0.1, 0.1])
    assert detail.closeness == pytest.approx([0.5, 0.5])


matrices = st.integers(2, 7).flatmap(
    lambda n: st.integers(1, 6).flatmap(
        lambda m: st.tuples(
            st.lists(st.lists(st.floats(0.5, 1e6), min_size=m, max_size=m), min_size=n, max_size=n),
            st.lists(st.floats(0.01, 10), min_size=m, max_size=m),
            st.lists(st.booleans(), min_size=m, max_size=m),
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_agrees_with_pymcdm_on_random_matrices(case) -> None:
    rows, weights, cost = case
    matrix, w, cost = np.array(rows), np.array(weights), np.array(cost)
    theirs = TOPSIS(normalization_function=vector_normalization)(matrix, w / w.sum(), np.where(cost, -1, 1))
    if np.isnan(theirs).any():  # pymcdm divides 0/0 when every option is identical; we define 0.5
        assert np.allclose(topsis_closeness(matrix, w, cost), 0.5)
        return
    assert topsis_closeness(matrix, w, cost) == pytest.approx(theirs, abs=1e-9)


def test_agrees_with_pymcdm_on_seeded_random_matrices() -> None:
    rng = np.random.default_rng(2024)
    method = TOPSIS(normalization_function=vector_normalization)
    for _ in range(200):
        n, m = rng.integers(2, 12), rng.integers(1, 20)
        matrix, w = rng.uniform(0.1, 100, (n, m)), rng.uniform(0.01, 1, m)
        types = rng.choice([-1, 1], m)
        assert topsis_closeness(matrix, w, types < 0) == pytest.approx(method(matrix, w / w.sum(), types), abs=1e-9)


def test_batch_equals_one_by_one_and_distances_shortcut() -> None:
    rng = np.random.default_rng(7)
    matrices, weights, cost = rng.uniform(0, 5, (20, 4, 6)), rng.uniform(0.1, 2, (20, 6)), rng.random(6) < 0.5
    batch = topsis_closeness(matrices, weights, cost)
    assert batch == pytest.approx(
        np.array([topsis_closeness(m, w, cost) for m, w in zip(matrices, weights, strict=False)])
    )
    shortcut = TopsisDistances.of(matrices[0], cost).closeness(weights)
    assert shortcut == pytest.approx(np.array([topsis_closeness(matrices[0], w, cost) for w in weights]))


def test_zero_column_and_identical_options() -> None:
    closeness = topsis_closeness(np.array([[0.0, 1.0], [0.0, 3.0]]), np.array([1.0, 1.0]), np.zeros(2, bool))
    assert closeness == pytest.approx([0.0, 1.0])  # the zero column adds nothing
    assert topsis_closeness(np.ones((3, 2)), np.ones(2), np.zeros(2, bool)) == pytest.approx([0.5] * 3)


def test_bad_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        topsis_closeness(np.ones((2, 2)), np.array([-1.0, 1.0]), np.zeros(2, bool))


def test_score_with_topsis_uses_values_and_directions() -> None:
    """Raw values go into TOPSIS: a lower TCO is better (cost criterion); a missing scale score counts as 0."""
    criteria = [scale("q", 1), quantitative("cost", 1, best=0, worst=10)]
    a = build(criteria, [option("A"), option("B"), option("C")], {"A": [4, 2], "B": [2, 8], "C": [None, 5]})
    result = score(a, "topsis", samples=0)
    direct = topsis_closeness(np.array([[4, 2], [2, 8], [0, 5]], dtype=float), np.ones(2), np.array([False, True]))
    assert list(result.totals.values()) == pytest.approx(direct)
    assert result.ranking[0] == "A"
    ex = result.explanations["A"]
    assert ex.distance_to_ideal == pytest.approx(np.sqrt(sum(c.to_ideal for c in ex.contributions)))
    assert min(result.totals.values()) >= 0 and max(result.totals.values()) <= 1
