"""Group weighting (scoring.group): stakeholders' own weights, the group's (aggregated judgements or
priorities), Goepel's consensus indicator, per-criterion disagreement, the ranking under each
stakeholder's weights, and the problems that stop group weights being formed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_builders import build, option, scale

from esg_workbench.domain import validate_data
from esg_workbench.domain.assessment import Stakeholder, StakeholderJudgement, StakeholderWeight, Weighting
from esg_workbench.domain.validation import AssessmentInvalid
from esg_workbench.scoring import score
from esg_workbench.scoring.group import consensus, stakeholder_group


def base(**kw):
    """Three options on three criteria: A leads on cost, B on automation, C on coverage."""
    criteria = [scale("cost", 1), scale("automation", 1), scale("coverage", 1)]
    options = [option("A"), option("B"), option("C")]
    return build(criteria, options, {"A": [5, 1, 2], "B": [1, 5, 2], "C": [2, 2, 5]}, **kw)


def with_group(assessment, stakeholders, weights=(), judgements=(), **weighting):
    return assessment.model_copy(
        update={
            "stakeholders": [Stakeholder(**s) for s in stakeholders],
            "stakeholder_weights": [StakeholderWeight(**w) for w in weights],
            "stakeholder_judgements": [StakeholderJudgement(**j) for j in judgements],
            "weighting": Weighting(**weighting),
        }
    )


def direct(sid, **values):
    return [{"stakeholder_id": sid, "criterion_id": c, "value": v} for c, v in values.items()]


def test_aggregated_judgements_golden_saaty_aczel() -> None:
    """Saaty's apple-and-orange illustration of combining group judgements (Aczél & Saaty 1983, "Procedures
    for synthesizing ratio judgements", J. Math. Psychology 27; retold by Decision Lens, "Combining group
    members' judgments", 2007): three people judge the apple 2, 3 and 4 times as large as the orange. The
    group judgement is the geometric mean (2 x 3 x 4)^(1/3) = 2.8845, never the arithmetic 3, and its
    reciprocal is the geometric mean of the reciprocals. Priorities of a 2 x 2 matrix: g / (1 + g)."""
    two = build([scale("apple", 1), scale("orange", 1)], [option("A")], {"A": [3, 3]})
    people = [{"id": f"p{k}", "name": f"Person {k}", "method": "ahp"} for k in (2, 3, 4)]
    judgements = [{"stakeholder_id": f"p{k}", "a": "apple", "b": "orange", "ratio": k} for k in (2, 3, 4)]
    group = stakeholder_group(with_group(two, people, judgements=judgements, aggregation="judgements"))
    g = 24 ** (1 / 3)
    assert g == pytest.approx(2.8845, abs=1e-4)
    assert group.group == pytest.approx([g / (1 + g), 1 / (1 + g)], abs=1e-12)
    assert group.group[0] == pytest.approx(0.74256, abs=1e-5)
    # the same judgements given the other way round (orange vs apple) give the same group
    flipped = [{"stakeholder_id": f"p{k}", "a": "orange", "b": "apple", "ratio": 1 / k} for k in (2, 3, 4)]
    again = stakeholder_group(with_group(two, people, judgements=flipped, aggregation="judgements"))
    assert again.group == pytest.approx(group.group, abs=1e-12)


def test_consensus_hand_checked_against_goepels_formula() -> None:
    """Two stakeholders with mirrored weights (75/25 and 25/75) on two criteria, worked by hand from
    Goepel (2013): H_alpha = H(.75, .25) = 0.56234, H_gamma = ln 2, M = exp(-(ln 2 - 0.56234)) = 0.87739;
    H_alpha,min = -.9 ln .9 - .1 ln .1 = 0.32508, c = exp(ln 2 - 0.32508) = 1.44484;
    S* = (M - 1/c) / (1 - 1/c) = 0.6018."""
    h_alpha = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    m = math.exp(-(math.log(2) - h_alpha))
    c = math.exp(math.log(2) - (-0.9 * math.log(0.9) - 0.1 * math.log(0.1)))
    expected = (m - 1 / c) / (1 - 1 / c)
    assert expected == pytest.approx(0.6018, abs=1e-4)
    got = consensus(np.array([[0.75, 0.25], [0.25, 0.75]]), np.array([0.5, 0.5]))
    assert got == pytest.approx(expected, abs=1e-12)


def test_consensus_falls_as_stakeholders_drift_apart() -> None:
    votes = np.array([0.5, 0.5])
    near = consensus(np.array([[0.5, 0.3, 0.2], [0.45, 0.35, 0.2]]), votes)
    far = consensus(np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]), votes)
    assert 0 <= far < near < 1


weight_rows = st.lists(st.floats(0.05, 100, allow_nan=False), min_size=2, max_size=8)


@given(weight_rows, st.integers(2, 6), st.sampled_from(["priorities_geometric", "priorities_arithmetic"]))
def test_identical_stakeholders_give_their_own_weights_and_full_consensus(
    values: list[float], people: int, aggregation: str
) -> None:
    criteria = [scale(f"c{j}", 1) for j in range(len(values))]
    a = build(criteria, [option("A")], {"A": [3] * len(values)})
    stakeholders = [{"id": f"s{k}", "name": f"S {k}", "voting_weight": k + 1} for k in range(people)]
    weights = [w for k in range(people) for w in direct(f"s{k}", **{f"c{j}": v for j, v in enumerate(values)})]
    group = stakeholder_group(with_group(a, stakeholders, weights, aggregation=aggregation))
    own = np.array(values) / sum(values)
    assert group.group == pytest.approx(own, abs=1e-12)
    assert group.weights == pytest.approx(np.tile(own, (people, 1)), abs=1e-12)
    assert group.consensus == pytest.approx(1.0, abs=1e-9)


@given(st.lists(st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1, 3, 5, 9]), min_size=3, max_size=3), st.integers(2, 5))
def test_identical_ahp_stakeholders_aggregate_to_their_own_priorities(ratios: list[float], people: int) -> None:
    criteria = [scale(c, 1) for c in "xyz"]
    a = build(criteria, [option("A")], {"A": [3, 3, 3]})
    pairs = [("x", "y"), ("x", "z"), ("y", "z")]
    stakeholders = [{"id": f"s{k}", "name": f"S {k}", "method": "ahp"} for k in range(people)]
    judgements = [
        {"stakeholder_id": f"s{k}", "a": p, "b": q, "ratio": r}
        for k in range(people)
        for (p, q), r in zip(pairs, ratios, strict=True)
    ]
    for aggregation in ("judgements", "priorities_geometric", "priorities_arithmetic"):
        group = stakeholder_group(with_group(a, stakeholders, judgements=judgements, aggregation=aggregation))
        assert group.group == pytest.approx(group.weights[0], abs=1e-9)
        assert group.consensus == pytest.approx(1.0, abs=1e-9)


def test_voting_weights_weigh_the_arithmetic_mean() -> None:
    stakeholders = [{"id": "cfo", "name": "CFO", "voting_weight": 3}, {"id": "cio", "name": "CIO", "voting_weight": 1}]
    weights = direct("cfo", cost=8, automation=1, coverage=1) + direct("cio", cost=1, automation=8, coverage=1)
    group = stakeholder_group(with_group(base(), stakeholders, weights, aggregation="priorities_arithmetic"))
    assert group.votes == pytest.approx([0.75, 0.25])
    assert group.group == pytest.approx(0.75 * np.array([0.8, 0.1, 0.1]) + 0.25 * np.array([0.1, 0.8, 0.1]))


def test_rank_and_moscow_stakeholders_use_rank_order_centroid() -> None:
    stakeholders = [{"id": "r", "name": "Ranker", "method": "rank"}, {"id": "m", "name": "MoSCoW", "method": "moscow"}]
    weights = [
        {"stakeholder_id": "r", "criterion_id": "cost", "rank": 1},
        {"stakeholder_id": "r", "criterion_id": "automation", "rank": 2},
        {"stakeholder_id": "r", "criterion_id": "coverage", "rank": 3},
        {"stakeholder_id": "m", "criterion_id": "cost", "priority": "must"},
        {"stakeholder_id": "m", "criterion_id": "automation", "priority": "must"},
        {"stakeholder_id": "m", "criterion_id": "coverage", "priority": "could"},
    ]
    group = stakeholder_group(with_group(base(), stakeholders, weights))
    roc = [(1 + 1 / 2 + 1 / 3) / 3, (1 / 2 + 1 / 3) / 3, (1 / 3) / 3]
    assert group.weights[0] == pytest.approx(roc)
    assert group.weights[1] == pytest.approx([(roc[0] + roc[1]) / 2, (roc[0] + roc[1]) / 2, roc[2]])


def test_each_stakeholders_ranking_beside_the_groups_and_who_would_change_the_winner() -> None:
    stakeholders = [
        {"id": "cfo", "name": "CFO", "role": "Finance"},
        {"id": "cio", "name": "CIO", "role": "IT"},
        {"id": "esg", "name": "Sustainability lead"},
    ]
    weights = (
        direct("cfo", cost=8, automation=1, coverage=1)
        + direct("cio", cost=1, automation=8, coverage=1)
        + direct("esg", cost=1, automation=6, coverage=3)
    )
    a = with_group(base(), stakeholders, weights, use_group=True, aggregation="priorities_arithmetic")
    result = score(a, samples=0)
    group = result.group
    assert group.used and result.weights == pytest.approx(group.weights)
    by_id = {p.stakeholder_id: p for p in group.stakeholders}
    assert by_id["cfo"].top == "A" and by_id["cio"].top == "B" and by_id["esg"].top == "B"
    assert group.top == result.ranking[0] == "B"
    assert group.dissenters == ["cfo"]
    assert by_id["cfo"].ranking[0] == "A" and set(by_id["cfo"].ranking) == {"A", "B", "C"}
    # what the user typed on the criteria stays as typed
    assert [c.weight for c in a.criteria] == [1, 1, 1]
    spread = group.disagreement["cost"]
    assert (spread.lowest, spread.highest, spread.highest_by) == (pytest.approx(0.1), pytest.approx(0.8), "cfo")


def test_group_weights_shown_but_not_used_unless_chosen() -> None:
    stakeholders = [{"id": "cfo", "name": "CFO"}]
    a = with_group(base(), stakeholders, direct("cfo", cost=8, automation=1, coverage=1))
    result = score(a, samples=0)
    assert not result.group.used
    assert result.weights == pytest.approx({"cost": 1 / 3, "automation": 1 / 3, "coverage": 1 / 3})
    assert result.group.consensus is None  # one stakeholder: no group to agree


def test_an_inconsistent_stakeholder_is_named_with_the_consistency_ratio() -> None:
    stakeholders = [{"id": "cfo", "name": "CFO", "method": "ahp"}, {"id": "cio", "name": "CIO", "method": "ahp"}]
    judgements = [  # CFO: cost > automation > coverage but coverage > cost: intransitive
        {"stakeholder_id": "cfo", "a": "cost", "b": "automation", "ratio": 9},
        {"stakeholder_id": "cfo", "a": "automation", "b": "coverage", "ratio": 9},
        {"stakeholder_id": "cfo", "a": "coverage", "b": "cost", "ratio": 9},
        {"stakeholder_id": "cio", "a": "cost", "b": "automation", "ratio": 2},
        {"stakeholder_id": "cio", "a": "automation", "b": "coverage", "ratio": 2},
        {"stakeholder_id": "cio", "a": "cost", "b": "coverage", "ratio": 4},
    ]
    a = with_group(base(), stakeholders, judgements=judgements, use_group=True)
    before = a.model_dump()
    with pytest.raises(AssessmentInvalid) as caught:
        score(a, samples=0)
    [problem] = caught.value.problems
    assert problem.path == "stakeholders[0]" and problem.code == "stakeholder_inconsistent"
    assert "'CFO'" in problem.message and "consistency ratio" in problem.message
    assert float(problem.params["cr"]) > 0.1
    assert a.model_dump() == before  # nothing changed
    # not chosen for scoring: the problem is shown as a warning beside the entered weights
    shown = score(a.model_copy(update={"weighting": Weighting(use_group=False)}), samples=0)
    assert any("'CFO'" in w and "consistency ratio" in w for w in shown.group.notes["en"])
    assert any("'CFO'" in w and "konsistensforholdet" in w for w in shown.group.notes["da"])


def test_a_stakeholder_without_weights_and_judgements_from_a_non_ahp_stakeholder() -> None:
    stakeholders = [
        {"id": "cfo", "name": "CFO", "method": "ahp"},
        {"id": "new", "name": "New person", "method": "points"},
    ]
    judgements = [{"stakeholder_id": "cfo", "a": "cost", "b": "automation", "ratio": 3}]
    judgements += [{"stakeholder_id": "cfo", "a": "cost", "b": "coverage", "ratio": 3}]
    a = with_group(base(), stakeholders, judgements=judgements, use_group=True, aggregation="judgements")
    with pytest.raises(AssessmentInvalid) as caught:
        score(a, samples=0)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {("stakeholders[1]", "stakeholder_no_weights"), ("stakeholders[1].method", "judgements_need_ahp")}
    assert any("'New person'" in p.message and "points" in p.message for p in caught.value.problems)
    no_points = next(p for p in caught.value.problems if p.code == "stakeholder_no_weights")
    assert no_points.message == (
        "stakeholder 'New person' has given no points (method points); give at least one, or remove the stakeholder"
    )
    assert "har ikke givet nogen point (metode point)" in no_points.text("da")


def test_group_weights_without_stakeholders_are_refused() -> None:
    with pytest.raises(AssessmentInvalid) as caught:
        score(base(weighting=Weighting(use_group=True)), samples=0)
    assert [(p.path, p.code) for p in caught.value.problems] == [("stakeholders", "no_stakeholders")]


def test_a_weight_or_judgement_given_twice_is_a_validation_problem() -> None:
    stakeholders = [{"id": "cfo", "name": "CFO", "method": "ahp"}]
    weights = direct("cfo", cost=2) + direct("cfo", cost=3)
    judgements = [
        {"stakeholder_id": "cfo", "a": "cost", "b": "automation", "ratio": 3},
        {"stakeholder_id": "cfo", "a": "automation", "b": "cost", "ratio": 1 / 3},
    ]
    data = with_group(base(), stakeholders, weights, judgements).model_dump(mode="json")
    found = {(p.path, p.code) for p in validate_data(data)}
    assert found == {("stakeholder_weights[1]", "duplicate"), ("stakeholder_judgements[1]", "duplicate")}
    data["stakeholder_weights"][0]["stakeholder_id"] = "nobody"
    assert any(
        p.path == "stakeholder_weights[0].stakeholder_id" and "stakeholder" in p.message for p in validate_data(data)
    )


def test_a_criterion_left_out_of_a_ranking_ranks_after_every_ranked_one() -> None:
    criteria = [scale(f"c{j}", 1) for j in range(8)]
    a = build(criteria, [option("A")], {"A": [3] * 8})
    ranked = [{"stakeholder_id": "r", "criterion_id": f"c{j}", "rank": j + 1} for j in range(7)]  # c7 left out
    group = stakeholder_group(with_group(a, [{"id": "r", "name": "Ranker", "method": "rank"}], ranked))
    assert group.weights[0][7] == min(group.weights[0]) < group.weights[0][6]
    assert [key for key, _ in group.notes] == ["unranked"]
