"""Step 4's variants view: a variant added in the table and its weights reach the store (in the
assessment, so its revisions carry them); the assessment and its variants side by side with the engine's
winners and totals; a variant that no longer fits says why with paths, and nothing stored changes."""

from __future__ import annotations

import pytest
from app_helpers import assert_clean, edit_table, run_app, stored, texts

from esg_workbench.domain import AssessmentInvalid
from esg_workbench.domain.assessment import OptionOverride, Variant, WeightOverride
from esg_workbench.formats import format_number
from esg_workbench.scoring.variants import compare
from esg_workbench.store import Store

VIEW = "view.scenarios"


def _save(seeded, aid: str, variants: list[Variant]) -> None:  # noqa: ANN001
    current = stored(seeded.db, aid)
    with Store(str(seeded.db)) as store:
        store.save(
            current.assessment.model_copy(update={"variants": variants}), base_revision=current.revision, author="t"
        )


def test_a_variant_and_its_weight_reach_the_store(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "variants"})
    edit_table(at, "scenarios.variants", added=[{"name": "Compliance first", "ambition": "compliance"}])
    assert_clean(at)
    variant = stored(seeded.db, aid).assessment.variants[0]
    assert (variant.name, variant.ambition) == ("Compliance first", "compliance")
    criterion = stored(seeded.db, aid).assessment.criteria[0].id
    edit_table(at, f"scenarios.variant_weights.{variant.id}", added=[{"target_id": criterion, "weight": 40.0}])
    assert_clean(at)
    assert stored(seeded.db, aid).assessment.variants[0].weights == [WeightOverride(target_id=criterion, weight=40.0)]


def test_side_by_side_shows_the_engines_figures(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    a = stored(seeded.db, aid).assessment
    heavy = Variant(
        id="var-vendor", name="Vendor first", weights=[WeightOverride(target_id="vendor_viability", weight=60)]
    )
    _save(seeded, aid, [heavy])
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "variants"})
    assert_clean(at)
    expected = compare(stored(seeded.db, aid).assessment)
    summary = next(d.value for d in at.dataframe if "Recommended" in d.value.columns)
    winners = dict(zip(summary["Variant"], summary["Recommended"], strict=True))
    names = {o.id: o.name for o in a.options}
    assert winners["Vendor first"] == names[expected.results[1].recommended]
    assert winners[f"{a.title} (the assessment)"] == names[expected.results[0].recommended]
    totals = next(d.value for d in at.dataframe if "Option" in d.value.columns and "Vendor first" in d.value.columns)
    esg = totals.set_index("Option").loc[names["opt-esg"], "Vendor first"]
    result = expected.results[1]
    assert esg == f"{format_number(result.totals['opt-esg'], 'en', 1)} (#{result.ranks['opt-esg']})"


def test_a_variant_that_no_longer_fits_says_where(seeded) -> None:
    aid = seeded.ids["municipality"]
    every = [o.id for o in stored(seeded.db, aid).assessment.options]
    _save(seeded, aid, [Variant(id="var-none", name="Nothing left", excluded_option_ids=every)])
    revision = stored(seeded.db, aid).revision
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "variants"})
    assert_clean(at)
    warnings = " ".join(texts(at, "warning")).replace("\\", "")
    assert "Nothing left no longer fits the assessment:" in warnings
    assert "variants[0].excluded_option_ids: variant 'Nothing left' excludes every option" in warnings
    assert stored(seeded.db, aid).revision == revision


def test_a_stale_variant_is_refused_with_its_path_and_nothing_stored_changes(seeded) -> None:
    aid = seeded.ids["municipality"]
    revision = stored(seeded.db, aid).revision
    with pytest.raises(AssessmentInvalid) as caught:
        _save(seeded, aid, [Variant(id="var-old", name="Old idea", excluded_option_ids=["opt-deleted"])])
    assert [str(p) for p in caught.value.problems] == [
        "variants[0].excluded_option_ids[0]: unknown option 'opt-deleted'"
    ]
    assert stored(seeded.db, aid).revision == revision


def test_deleting_an_option_clears_the_variants_references(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    a = stored(seeded.db, aid).assessment
    doomed = a.options[-1].id
    _save(
        seeded,
        aid,
        [
            Variant(
                id="var-x",
                name="X",
                excluded_option_ids=[doomed],
                options=[OptionOverride(option_id=doomed, cost_factor=2)],
            )
        ],
    )
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "options"})
    edit_table(at, "scenarios.options", deleted=[len(a.options) - 1])
    assert_clean(at)
    variant = stored(seeded.db, aid).assessment.variants[0]
    assert variant.excluded_option_ids == [] and variant.options == []
