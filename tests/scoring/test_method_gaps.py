"""Issue 15 point 5: AHP priorities by the row geometric mean beside the eigenvector, rank-order weights
from a direct ranking of the criteria (rank-order centroid), and the Monte Carlo weight spread set by the
user, for all weights or per criterion."""

from __future__ import annotations

import numpy as np
import pytest
from scoring_builders import build, option, scale

from esg_workbench.domain.assessment import PairwiseJudgement, Weighting
from esg_workbench.scoring import score
from esg_workbench.scoring.weights import ahp_weights, derive_weights, row_geometric_mean

IDS = ["a", "b", "c", "d"]


def judgements(matrix: list[list[float]]) -> list[PairwiseJudgement]:
    return [
        PairwiseJudgement(a=IDS[i], b=IDS[j], ratio=matrix[i][j])
        for i in range(len(matrix))
        for j in range(i + 1, len(matrix))
    ]


def test_geometric_mean_equals_the_eigenvector_on_a_consistent_matrix() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    consistent = (w[:, None] / w[None, :]).tolist()
    derived = ahp_weights(IDS, judgements(consistent))
    assert list(derived.weights.values()) == pytest.approx(w)
    assert list(derived.geometric_mean.values()) == pytest.approx(w)
    assert not derived.methods_disagree()


def test_geometric_mean_beside_the_eigenvector_when_they_disagree() -> None:
    """An inconsistent 4 x 4 matrix (a > b > c > d, but d is judged 9 times c): the row geometric mean
    (Crawford & Williams 1985, the logarithmic least-squares priorities) differs from the principal
    eigenvector (Saaty 1980); both are reported and said to disagree."""
    m = [[1, 3, 5, 1], [1 / 3, 1, 3, 5], [1 / 5, 1 / 3, 1, 1 / 9], [1, 1 / 5, 9, 1]]
    derived = ahp_weights(IDS, judgements(m))
    a = np.array(m, dtype=float)
    eigenvalues, vectors = np.linalg.eig(a)
    top = np.abs(vectors[:, np.argmax(eigenvalues.real)].real)
    assert list(derived.weights.values()) == pytest.approx(top / top.sum(), abs=1e-9)
    rows = np.prod(a, axis=1) ** (1 / 4)
    assert list(derived.geometric_mean.values()) == pytest.approx(rows / rows.sum(), abs=1e-12)
    assert row_geometric_mean(a) == pytest.approx(rows / rows.sum(), abs=1e-12)
    assert derived.methods_disagree()


def test_rank_weights_from_a_direct_ranking_are_rank_order_centroid() -> None:
    criteria = [scale("x", 1, rank=2), scale("y", 1, rank=1), scale("z", 1, rank=2)]
    a = build(criteria, [option("A")], {"A": [1, 2, 3]}, weighting=Weighting(method="rank"))
    derived = derive_weights(a)
    roc = [(1 + 1 / 2 + 1 / 3) / 3, (1 / 2 + 1 / 3) / 3, (1 / 3) / 3]  # Barron & Barrett 1996, n = 3
    assert derived.method == "rank"
    assert derived.weights == pytest.approx({"y": roc[0], "x": (roc[1] + roc[2]) / 2, "z": (roc[1] + roc[2]) / 2})
    # scored: the proposal beside the entered weights, which are the ones used
    result = score(a, samples=0)
    assert result.weighting.method == "rank" and result.weights == pytest.approx({"x": 1 / 3, "y": 1 / 3, "z": 1 / 3})


def test_a_criterion_without_rank_is_named() -> None:
    criteria = [scale("x", 1, rank=1), scale("y", 1)]
    a = build(criteria, [option("A")], {"A": [1, 2]}, weighting=Weighting(method="rank"))
    with pytest.raises(ValueError, match="missing for “Y”"):
        derive_weights(a)
    assert any(
        "rank weights could not be derived" in w.message and "“Y”" in w.message for w in score(a, samples=0).warnings
    )


def test_the_users_spread_global_and_per_criterion() -> None:
    """Two options level on the criteria: with no weight spread the ranking never changes; the spread
    the user stores on the assessment is used unless the call gives one; a criterion's own spread
    replaces the global one for that criterion."""
    criteria = [scale("x", 1), scale("y", 1)]
    a = build(criteria, [option("A"), option("B")], {"A": [5, 1], "B": [1, 4.9]})
    stored = a.model_copy(update={"weighting": Weighting(weight_spread=0.5)})
    assert score(stored, samples=500).sensitivity.weight_spread == 0.5
    assert score(stored, samples=500, weight_spread=0.1).sensitivity.weight_spread == 0.1
    moved = score(stored, samples=2000).sensitivity.rank_acceptability["A"][0]
    assert 0 < moved < 1
    still = stored.model_copy(update={"criteria": [c.model_copy(update={"weight_spread": 0.0}) for c in criteria]})
    result = score(still, samples=2000)
    assert result.sensitivity.rank_acceptability == {"A": [1.0, 0.0], "B": [0.0, 1.0]}
    assert result.sensitivity.criterion_spreads == {"x": 0.0, "y": 0.0}
