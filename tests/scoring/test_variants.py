"""Variants side by side: a variant is the base with its overrides (weights of criteria or groups, options
left out, cost lines scaled, automation share, horizon, discount and hourly rate, ambition), scored with
the base's method and seed; a variant that no longer fits the base says so with paths and is not scored."""

from __future__ import annotations

import pytest
from scoring_builders import build, option, quantitative, sample, scale

from esg_workbench.domain import AssessmentInvalid
from esg_workbench.domain.assessment import CriterionGroup, OptionOverride, Variant, WeightOverride
from esg_workbench.frameworks import load_framework
from esg_workbench.scoring import score
from esg_workbench.scoring.variants import apply_variant, compare

FRAMEWORK = load_framework("esg-architecture")


def _two_options(*variants: Variant):
    """X is strong on fit (5 vs 1), Y on cost (TCO 100 vs 300, anchors best 100, worst 500).
    Base weights fit 3, cost 1: X = 100 x (0.75 x 1 + 0.25 x 0.5) = 87.5; Y = 100 x (0.75 x 0.2 + 0.25 x 1) = 40.
    A variant weighing cost 9: X = 100 x (0.25 + 0.75 x 0.5) = 62.5; Y = 100 x (0.25 x 0.2 + 0.75) = 80."""
    criteria = [scale("fit", 3), quantitative("cost", 1, best=100, worst=500, source="tco")]
    options = [
        option("X", cost_lines=[{"label": "c", "kind": "one_off", "amount": 300}]),
        option("Y", cost_lines=[{"label": "c", "kind": "one_off", "amount": 100}]),
    ]
    return build(criteria, options, {"X": [5], "Y": [1]}, variants=list(variants))


def test_a_weight_override_changes_the_winner_and_says_why() -> None:
    cost_first = Variant(id="var-cost", name="Cost first", weights=[WeightOverride(target_id="cost", weight=9)])
    comparison = compare(_two_options(cost_first), samples=0)
    base, variant = comparison.results
    assert (base.recommended, variant.recommended) == ("X", "Y")
    assert base.totals == pytest.approx({"X": 87.5, "Y": 40.0})
    assert variant.totals == pytest.approx({"X": 62.5, "Y": 80.0})
    assert variant.differences == ["criteria[cost].weight: 1.0 -> 9.0"]
    assert comparison.winners_differ


def test_option_set_cost_and_settings_overrides() -> None:
    v = Variant(
        id="var-2",
        name="Leaner",
        excluded_option_ids=["X"],
        options=[OptionOverride(option_id="Y", cost_factor=2.0)],
        horizon_years=3,
    )
    a = _two_options(v)
    applied = apply_variant(a, 0)
    assert [o.id for o in applied.options] == ["Y"]
    assert applied.option("Y").cost_lines[0].amount == 200
    assert applied.settings.horizon_years == 3
    result = compare(a, samples=0).results[1]
    assert result.excluded == ["X"] and result.tco == {"Y": 200}
    assert "removed options[X] 'Option X'" in result.differences
    assert not [d for d in result.differences if d.startswith("removed scores")]  # implied by leaving X out


def test_a_group_weight_override() -> None:
    groups = [CriterionGroup(id="g-fit", name="Fit", weight=3), CriterionGroup(id="g-cost", name="Cost", weight=1)]
    a = _two_options(Variant(id="var-g", name="Groups", weights=[WeightOverride(target_id="g-cost", weight=9)]))
    a = a.model_copy(
        update={
            "criterion_groups": groups,
            "criteria": [c.model_copy(update={"group_id": "g-fit" if c.id == "fit" else "g-cost"}) for c in a.criteria],
        }
    )
    base, variant = compare(a, samples=0).results
    assert base.totals == pytest.approx({"X": 87.5, "Y": 40.0})
    assert variant.totals == pytest.approx({"X": 62.5, "Y": 80.0})


def test_the_same_seed_gives_the_base_its_own_result() -> None:
    a = sample("manufacturer")
    comparison = compare(a, framework=FRAMEWORK, samples=500, seed=3)
    direct = score(a, framework=FRAMEWORK, samples=500, seed=3)
    base = comparison.results[0]
    assert base.totals == direct.totals and base.recommended == direct.recommended
    assert base.first_rank_probability == {o: direct.sensitivity.first_rank_probability(o) for o in direct.totals}


def test_a_variant_that_no_longer_fits_says_where_and_is_not_scored() -> None:
    stale = Variant(
        id="var-stale",
        name="Stale",
        excluded_option_ids=["gone"],
        weights=[WeightOverride(target_id="nothing", weight=2)],
        options=[OptionOverride(option_id="gone-too", automation_pct=50)],
    )
    a = _two_options(stale)
    with pytest.raises(AssessmentInvalid) as caught:
        apply_variant(a, 0)
    assert [p.path for p in caught.value.problems] == [
        "variants[0].excluded_option_ids[0]",
        "variants[0].options[0].option_id",
        "variants[0].weights[0].target_id",
    ]
    result = compare(a, samples=0).results[1]
    assert not result.valid and result.totals == {} and result.recommended is None
    assert result.problems["en"][0] == (
        "variants[0].excluded_option_ids[0]: variant 'Stale' refers to option 'gone', "
        "which the assessment no longer has"
    )
    assert "varianten 'Stale' henviser til løsningen 'gone'" in result.problems["da"][0]


def test_overrides_that_make_the_assessment_unscorable_are_said_with_both_paths() -> None:
    zero = Variant(
        id="var-0",
        name="Nothing matters",
        weights=[WeightOverride(target_id="fit", weight=0), WeightOverride(target_id="cost", weight=0)],
    )
    everything = Variant(id="var-none", name="No options", excluded_option_ids=["X", "Y"])
    results = compare(_two_options(zero, everything), samples=0).results
    assert results[1].problems["en"] == [
        "variants[0] > criteria: all criterion weights are zero; at least one must be positive"
    ]
    assert results[2].problems["en"] == [
        "variants[1].excluded_option_ids: variant 'No options' excludes every option, so there is nothing to compare"
    ]


def test_the_variants_are_kept_in_the_assessment_and_its_revisions(tmp_path) -> None:  # noqa: ANN001
    from esg_workbench.store import Store

    a = _two_options(Variant(id="var-cost", name="Cost first", weights=[WeightOverride(target_id="cost", weight=9)]))
    with Store(str(tmp_path / "store.db")) as store:
        revision = store.create(a, author="test")
        loaded = store.load(a.id)
        assert loaded.revision == revision and loaded.assessment.variants == a.variants
