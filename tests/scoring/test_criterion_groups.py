"""Criteria in groups: global weight = group share x share within the group, AHP at both levels,
contributions by group, and the problems that keep grouped criteria from being scored (with paths).
Without groups the weights are the entered ones, exactly (the sample's golden results are unchanged)."""

from __future__ import annotations

import pytest
from scoring_builders import build, option, sample, scale

from esg_workbench.domain import AssessmentInvalid
from esg_workbench.domain.assessment import CriterionGroup, GroupJudgement, PairwiseJudgement, Weighting
from esg_workbench.scoring import score
from esg_workbench.scoring.weights import derive_weights, global_weights, group_problems


def grouped(**kw):
    """Groups F (weight 3) and R (weight 1); criteria f1 (F, 1), f2 (F, 3), r1 (R, 5).
    By hand: F's share 3/4, R's 1/4; f1 = 0.75 x 1/4 = 0.1875, f2 = 0.75 x 3/4 = 0.5625, r1 = 0.25 x 1 = 0.25.
    Option X scores 5, 0, 0: total 100 x 0.1875 = 18.75; option Y scores 0, 0, 5: total 25."""
    criteria = [scale("f1", 1, group_id="F"), scale("f2", 3, group_id="F"), scale("r1", 5, group_id="R")]
    groups = kw.pop(
        "groups", [CriterionGroup(id="F", name="Functional", weight=3), CriterionGroup(id="R", name="Risk", weight=1)]
    )
    return build(criteria, [option("X"), option("Y")], {"X": [5, 0, 0], "Y": [0, 0, 5]}, criterion_groups=groups, **kw)


def test_hand_computed_global_weights_and_totals() -> None:
    a = grouped()
    assert global_weights(a) == pytest.approx([0.1875, 0.5625, 0.25])
    result = score(a, samples=0)
    assert result.weights == pytest.approx({"f1": 0.1875, "f2": 0.5625, "r1": 0.25})
    assert result.totals == pytest.approx({"X": 18.75, "Y": 25.0})
    assert result.group_names == {"F": "Functional", "R": "Risk"}
    assert result.group_points("X") == pytest.approx({"F": 18.75, "R": 0.0})
    assert result.group_weights() == pytest.approx({"F": 0.75, "R": 0.25})
    assert sum(result.group_points("Y").values()) == pytest.approx(result.totals["Y"])


def test_grouped_scores_as_flat_criteria_with_the_global_weights() -> None:
    a = grouped()
    flat = a.model_copy(
        update={
            "criterion_groups": [],
            "criteria": [
                c.model_copy(update={"weight": w, "group_id": None})
                for c, w in zip(a.criteria, global_weights(a), strict=True)
            ],
        }
    )
    grouped_result, flat_result = score(a, samples=200, seed=7), score(flat, samples=200, seed=7)
    assert grouped_result.totals == pytest.approx(flat_result.totals)
    assert grouped_result.sensitivity.rank_acceptability == flat_result.sensitivity.rank_acceptability


def test_without_groups_the_weights_are_the_entered_ones() -> None:
    a = sample("manufacturer")
    assert a.criterion_groups == []
    assert global_weights(a) == [c.weight for c in a.criteria]
    assert score(a, samples=0).group_names == {}


def test_a_group_without_criteria_and_an_ungrouped_criterion_are_refused_with_paths() -> None:
    groups = [
        CriterionGroup(id="F", name="Functional", weight=3),
        CriterionGroup(id="R", name="Risk", weight=1),
        CriterionGroup(id="E", name="Economic", weight=2),
    ]
    a = grouped(groups=groups)
    a = a.model_copy(update={"criteria": [*a.criteria[:2], a.criteria[2].model_copy(update={"group_id": None})]})
    with pytest.raises(AssessmentInvalid) as caught:
        score(a, samples=0)
    found = {(p.path, p.message) for p in caught.value.problems}
    assert (
        "criteria[2].group_id",
        "criterion 'r1' is in no group, while the criteria are grouped; choose its group",
    ) in found
    assert ("criterion_groups[1]", "criterion group 'R' has no criteria; assign criteria to it or delete it") in found
    assert ("criterion_groups[2]", "criterion group 'E' has no criteria; assign criteria to it or delete it") in found
    danish = {p.text("da") for p in caught.value.problems}
    assert "kriteriegruppen 'E' har ingen kriterier; tildel den kriterier, eller slet den" in danish


def test_a_weighted_group_whose_criteria_weigh_nothing_is_refused() -> None:
    a = grouped()
    a = a.model_copy(update={"criteria": [*a.criteria[:2], a.criteria[2].model_copy(update={"weight": 0})]})
    assert [p.path for p in group_problems(a)] == ["criterion_groups[1].weight"]


def test_ahp_at_both_levels() -> None:
    """Groups: F is 3 times as important as R, so F 0.75 and R 0.25 (a 2x2 matrix is consistent).
    Within F: f2 is 3 times as important as f1, so f1 0.25 and f2 0.75. Global: f1 0.1875, f2 0.5625, r1 0.25."""
    weighting = Weighting(
        method="ahp",
        pairwise=[PairwiseJudgement(a="f2", b="f1", ratio=3)],
        group_pairwise=[GroupJudgement(a="F", b="R", ratio=3)],
    )
    a = grouped(weighting=weighting)
    derived = derive_weights(a)
    assert derived.group_weights == pytest.approx({"F": 0.75, "R": 0.25})
    assert derived.weights == pytest.approx({"f1": 0.1875, "f2": 0.5625, "r1": 0.25})
    assert derived.consistency_ratios == pytest.approx({"groups": 0.0, "F": 0.0})
    # The entered weights give the same global weights, so the result warns of no difference.
    assert not [w for w in score(a, samples=0).warnings if "differ" in w]


def test_ahp_judgements_across_groups_and_bad_group_judgements_say_where() -> None:
    across = grouped(weighting=Weighting(method="ahp", pairwise=[PairwiseJudgement(a="f1", b="r1", ratio=2)]))
    with pytest.raises(ValueError, match=r"weighting.pairwise\[0\]: “F1” and “R1” are in different groups"):
        derive_weights(across)
    twice = [GroupJudgement(a="F", b="R", ratio=2), GroupJudgement(a="R", b="F", ratio=2)]
    bad = grouped(weighting=Weighting(method="ahp", group_pairwise=twice))
    twice_said = r"weighting.group_pairwise\[1\]: “Risk” and “Functional” are compared more than once"
    with pytest.raises(ValueError, match=twice_said):
        derive_weights(bad)
    missing = grouped(weighting=Weighting(method="ahp"))
    with pytest.raises(ValueError, match=r"do not connect every group"):
        derive_weights(missing)


def test_direct_and_points_with_groups_propose_the_global_weights() -> None:
    a = grouped(weighting=Weighting(method="points"))
    assert derive_weights(a).weights == pytest.approx({"f1": 0.1875, "f2": 0.5625, "r1": 0.25})
    assert not [w for w in score(a, samples=0).warnings if "differ" in w]
