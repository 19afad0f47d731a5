"""Weighting aids: points, rank-order centroid from MoSCoW priorities, AHP with the consistency ratio."""

from __future__ import annotations

import itertools

import pytest
from scoring_builders import build, option, scale

from esg_workbench.domain.assessment import PairwiseJudgement, Requirement, Weighting
from esg_workbench.scoring import score
from esg_workbench.scoring.weights import (
    ahp_weights,
    derive_weights,
    moscow_weights,
    normalise,
    points_weights,
    random_index,
    rank_order_centroid,
    rank_weights,
)

# Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1),
# 83-98: relative consumption of drinks in the US. Row item compared with column item.
DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINK_JUDGEMENTS = {
    ("coffee", "wine"): 9,
    ("coffee", "tea"): 5,
    ("coffee", "beer"): 2,
    ("coffee", "soda"): 1,
    ("coffee", "milk"): 1,
    ("coffee", "water"): 1 / 2,
    ("wine", "tea"): 1 / 3,
    ("wine", "beer"): 1 / 9,
    ("wine", "soda"): 1 / 9,
    ("wine", "milk"): 1 / 9,
    ("wine", "water"): 1 / 9,
    ("tea", "beer"): 1 / 3,
    ("tea", "soda"): 1 / 4,
    ("tea", "milk"): 1 / 3,
    ("tea", "water"): 1 / 9,
    ("beer", "soda"): 1 / 2,
    ("beer", "milk"): 1,
    ("beer", "water"): 1 / 3,
    ("soda", "milk"): 2,
    ("soda", "water"): 1 / 2,
    ("milk", "water"): 1 / 3,
}


def judgements(table: dict) -> list[PairwiseJudgement]:
    return [PairwiseJudgement(a=a, b=b, ratio=r) for (a, b), r in table.items()]


def test_ahp_saaty_2008_drinks_example() -> None:
    """Saaty (2008), table 'Which drink is consumed more in the U.S.?': eigenvector 0.177 coffee, 0.019
    wine, 0.042 tea, 0.116 beer, 0.190 sodas, 0.129 milk, 0.327 water; C.R. = 0.022."""
    result = ahp_weights(DRINKS, judgements(DRINK_JUDGEMENTS))
    want = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert [result.weights[d] for d in DRINKS] == pytest.approx(want, abs=0.0005)
    assert result.consistency_ratio == pytest.approx(0.022, abs=0.0005)
    assert result.warnings == []


def test_ahp_consistent_judgements_recover_the_ratios() -> None:
    """Hand-checked: weights 4 : 2 : 1 give judgements a/b = 2, a/c = 4, b/c = 2; lambda_max = 3, CR = 0."""
    result = ahp_weights(["a", "b", "c"], judgements({("a", "b"): 2, ("a", "c"): 4, ("b", "c"): 2}))
    assert [result.weights[k] for k in "abc"] == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.lambda_max == pytest.approx(3.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_ahp_inconsistent_judgements_warn_above_ten_percent() -> None:
    """a > b > c > a, each 5x, is a cycle: CR far above 0.10."""
    result = ahp_weights(["a", "b", "c"], judgements({("a", "b"): 5, ("b", "c"): 5, ("c", "a"): 5}))
    assert result.consistency_ratio > 0.10
    assert any("consistency ratio" in w.message and "above 0.10" in w.message for w in result.warnings)


def test_ahp_incomplete_uses_harker_and_says_so() -> None:
    partial = {k: v for k, v in DRINK_JUDGEMENTS.items() if k != ("coffee", "wine")}
    result = ahp_weights(DRINKS, judgements(partial))
    assert sum(result.weights.values()) == pytest.approx(1.0)
    assert result.weights["water"] == pytest.approx(0.327, abs=0.005)  # one judgement less, nearly the same
    assert any("Harker" in w.message for w in result.warnings)


def test_ahp_refuses_unconnected_duplicate_and_unknown() -> None:
    with pytest.raises(ValueError, match="do not connect every criterion; compare “c”"):
        ahp_weights(["a", "b", "c"], judgements({("a", "b"): 3}))
    with pytest.raises(ValueError, match=r"pairwise\[1\]: “b” and “a” are compared more than once"):
        ahp_weights(["a", "b"], judgements({("a", "b"): 3, ("b", "a"): 2}))
    with pytest.raises(ValueError, match="unknown criterion “z”"):
        ahp_weights(["a", "b"], judgements({("a", "z"): 3}))


def test_random_index_table_and_extension() -> None:
    assert [random_index(n) for n in (3, 4, 10, 15)] == [0.58, 0.90, 1.49, 1.59]
    assert random_index(16) == pytest.approx((1.7699 * 16 - 4.3513) / 15)


def test_rank_order_centroid_barron_barrett_1996() -> None:
    """Barron & Barrett (1996), Management Science 42(11): ROC weights for four ranks are
    (1 + 1/2 + 1/3 + 1/4)/4 = 0.5208, (1/2 + 1/3 + 1/4)/4 = 0.2708, (1/3 + 1/4)/4 = 0.1458, 1/16 = 0.0625."""
    assert rank_order_centroid(4) == pytest.approx([0.5208, 0.2708, 0.1458, 0.0625], abs=1e-4)
    assert sum(rank_order_centroid(9)) == pytest.approx(1.0)


def test_tied_ranks_share_the_mean_centroid_weight() -> None:
    weights = rank_weights({"a": 1, "b": 2, "c": 2, "d": 3})
    assert weights["b"] == weights["c"] == pytest.approx((0.2708333 + 0.1458333) / 2)
    assert sum(weights.values()) == pytest.approx(1.0)


def test_moscow_weights_from_linked_requirements() -> None:
    criteria = [scale("cov", 1), scale("use", 1), scale("cost", 1), scale("lock", 1)]
    requirements = [
        Requirement(id="R1", text="t", priority="must", criterion_ids=["cov"]),
        Requirement(id="R2", text="t", priority="could", criterion_ids=["use", "cov"]),
        Requirement(id="R3", text="t", priority="should", criterion_ids=["cost"]),
        Requirement(id="R4", text="t", priority="wont", criterion_ids=["lock"]),
    ]
    a = build(criteria, [option("P")], {"P": [1, 1, 1, 1]}, requirements=requirements)
    result = moscow_weights(a)
    assert result.ranks == {"cov": 1, "use": 3, "cost": 2, "lock": 4}
    assert [result.weights[k] for k in ("cov", "cost", "use", "lock")] == pytest.approx(rank_order_centroid(4))
    assert [w.params["criterion_ids"] for w in result.warnings] == [["lock"]]


def test_points_allocation() -> None:
    assert points_weights({"a": 60, "b": 40}).weights == {"a": 0.6, "b": 0.4}
    off = points_weights({"a": 30, "b": 30})
    assert off.weights == {"a": 0.5, "b": 0.5}
    assert "add up to 60, not 100" in off.warnings[0].message
    with pytest.raises(ValueError, match="non-negative"):
        normalise({"a": -1.0, "b": 2.0})


def test_derive_weights_dispatches_and_score_reports_the_difference() -> None:
    criteria = [scale("a", 50), scale("b", 50)]
    ahp = Weighting(method="ahp", pairwise=[PairwiseJudgement(a="a", b="b", ratio=3)])
    a = build(criteria, [option("P"), option("Q")], {"P": [5, 1], "Q": [1, 5]}, weighting=ahp)
    derived = derive_weights(a)
    assert derived.weights == pytest.approx({"a": 0.75, "b": 0.25})
    result = score(a, samples=0)
    assert result.weighting is not None and result.weighting.method == "ahp"
    assert any("differ from the AHP weights" in w.message for w in result.warnings)
    assert result.totals == pytest.approx({"P": 60.0, "Q": 60.0})  # the entered 50/50 weights are scored


def test_score_reports_a_weighting_that_cannot_be_derived() -> None:
    criteria = [scale(k, 1) for k in "abc"]
    a = build(
        criteria,
        [option("P")],
        {"P": [1, 2, 3]},
        weighting=Weighting(method="ahp", pairwise=[PairwiseJudgement(a="a", b="b", ratio=2)]),
    )
    result = score(a, samples=0)
    assert result.weighting is None
    assert any(w.message.startswith("The AHP weights could not be derived") for w in result.warnings)


def test_every_pair_compared_twice_either_way_is_equivalent() -> None:
    forward = ahp_weights(DRINKS, judgements(DRINK_JUDGEMENTS))
    backward = ahp_weights(DRINKS, judgements({(b, a): 1 / r for (a, b), r in DRINK_JUDGEMENTS.items()}))
    for k in DRINKS:
        assert forward.weights[k] == pytest.approx(backward.weights[k])
    assert len(list(itertools.combinations(DRINKS, 2))) == len(DRINK_JUDGEMENTS)
