"""Criteria in groups on the screens: the five usual groups added in one click, the problems of grouped
criteria said with their names (nothing stored changes), the ranking's contributions by group, and AHP
at both levels accepted into group and criterion weights."""

from __future__ import annotations

import pytest
from app_helpers import assert_clean, run_app, stored, texts

from esg_workbench.domain.assessment import CriterionGroup, GroupJudgement, PairwiseJudgement
from esg_workbench.frameworks import load_framework
from esg_workbench.scoring.weights import global_weights
from esg_workbench.store import Store


def _save(seeded, aid: str, change) -> None:  # noqa: ANN001
    current = stored(seeded.db, aid)
    with Store(str(seeded.db)) as store:
        store.save(change(current.assessment), base_revision=current.revision, author="test")


def _grouped(a):  # noqa: ANN001, ANN202
    """The sample's criteria in two groups: the first three 'Core' (weight 3), the rest 'Other' (1)."""
    groups = [
        CriterionGroup(id="grp-core", name="Core", weight=3),
        CriterionGroup(id="grp-other", name="Other", weight=1),
    ]
    criteria = [
        c.model_copy(update={"group_id": "grp-core" if k < 3 else "grp-other"}) for k, c in enumerate(a.criteria)
    ]
    return a.model_copy(update={"criterion_groups": groups, "criteria": criteria})


def test_the_frameworks_groups_are_added_and_ungrouped_criteria_are_said(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    at.button(key="groups.add_standard").click().run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    assert [g.name for g in a.criterion_groups] == ["Functional", "Technical", "Economic", "Organisational", "Risk"]
    fw = load_framework()
    framework_group = {c.id: c.group for c in fw.criteria_catalogue}
    names = {g.id: g.name.lower() for g in a.criterion_groups}
    assert all(names[c.group_id] == framework_group[c.catalogue_id] for c in a.criteria)
    # A criterion taken out of its group, and a group left without criteria, are said by name.
    economic = next(g.id for g in a.criterion_groups if g.name == "Economic")
    _save(
        seeded,
        aid,
        lambda a: a.model_copy(
            update={
                "criteria": [
                    c.model_copy(update={"group_id": None}) if c.group_id == economic else c for c in a.criteria
                ]
            }
        ),
    )
    ungrouped = next(c.id for c in stored(seeded.db, aid).assessment.criteria if c.group_id is None)
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    warnings = " ".join(texts(at, "warning")).replace("\\", "")
    assert f"criterion '{ungrouped}' is in no group" in warnings
    assert f"criterion group '{economic}' has no criteria" in warnings
    revision = stored(seeded.db, aid).revision
    ranking = run_app(assessment_id=aid, page="scenarios", state={"view.scenarios": "ranking"})
    assert_clean(ranking)
    shown = " ".join(texts(ranking, "info")).replace("\\", "")
    assert "is in no group, while the criteria are grouped" in shown  # the reason, not a ranking
    assert stored(seeded.db, aid).revision == revision  # nothing stored changed


def test_the_ranking_shows_contributions_by_group(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    _save(seeded, aid, _grouped)
    at = run_app(assessment_id=aid, page="scenarios", state={"view.scenarios": "ranking"})
    assert_clean(at)
    assert "Contribution of each criterion group" in [s.value for s in at.subheader]
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Core 75.0%; Other 25.0%" in captions


def test_ahp_at_both_levels_is_accepted_into_group_and_criterion_weights(seeded) -> None:
    aid = seeded.ids["manufacturer"]

    def ahp(a):  # noqa: ANN001, ANN202
        a = _grouped(a)
        core = [c.id for c in a.criteria[:3]]
        weighting = a.weighting.model_copy(
            update={
                "method": "ahp",
                "group_pairwise": [GroupJudgement(a="grp-core", b="grp-other", ratio=4)],
                "pairwise": [
                    PairwiseJudgement(a=core[0], b=core[1], ratio=2),
                    PairwiseJudgement(a=core[1], b=core[2], ratio=1),
                ]
                + [PairwiseJudgement(a=c.id, b=a.criteria[3].id, ratio=1) for c in a.criteria[4:]],
            }
        )
        return a.model_copy(update={"weighting": weighting})

    _save(seeded, aid, ahp)
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    at.button(key="weights.accept").click().run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    assert [g.weight for g in a.criterion_groups] == [80.0, 20.0]  # group priorities 4:1
    weights = global_weights(a)
    assert sum(weights[:3]) == pytest.approx(0.8, abs=0.002)
    assert weights[0] == pytest.approx(0.8 * 0.5, abs=0.002)  # 2:1:1 within the core group


def test_a_moscow_proposal_accepted_with_groups_keeps_its_global_weights(seeded) -> None:
    from esg_workbench.scoring.weights import derive_weights

    aid = seeded.ids["manufacturer"]
    _save(
        seeded,
        aid,
        lambda a: _grouped(a).model_copy(
            update={"weighting": a.weighting.model_copy(update={"method": "moscow_rank"})}
        ),
    )
    proposed = derive_weights(stored(seeded.db, aid).assessment).weights
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    at.button(key="weights.accept").click().run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    accepted = dict(zip((c.id for c in a.criteria), global_weights(a), strict=True))
    assert accepted == pytest.approx(proposed, abs=0.002)  # one decimal of 100 on each level
