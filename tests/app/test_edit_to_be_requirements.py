"""Steps 2 and 3: text fields, the maturity and survey grids, goals, requirements (from suggestions and
typed), criteria weights. Every edit reaches the store; invalid values show their message."""

from __future__ import annotations

from app_helpers import assert_clean, edit_table, field_key, run_app, stored, texts


def test_vision_and_automation_target_reach_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "vision"})
    at.text_area(key=field_key(at, "to_be.vision")).input("One audited ESG data foundation by 2028.").run()
    at.number_input(key=field_key(at, "to_be.automation_target_pct")).set_value(60.0).run()
    assert_clean(at)
    to_be = stored(seeded.db, aid).assessment.to_be
    assert (to_be.vision, to_be.automation_target_pct) == ("One audited ESG data foundation by 2028.", 60.0)


def test_maturity_grid_edit_and_invalid_level(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "maturity"})
    edit_table(at, "to_be.maturity", edited={"0": {"current": 2, "target_short": 3, "target_long": 5}})
    assert_clean(at)
    first = stored(seeded.db, aid).assessment.to_be.maturity[0]
    assert (first.current, first.target_short, first.target_long) == (2, 3, 5)
    revision = stored(seeded.db, aid).revision
    edit_table(at, "to_be.maturity", edited={"0": {"current": 7, "target_short": 3, "target_long": 5}})
    assert any("could not be saved" in message for message in texts(at))
    assert "must be at most 5" in at.dataframe[-1].value.iloc[0].tolist()
    assert stored(seeded.db, aid).revision == revision


def test_survey_answer_reaches_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "survey"})
    edit_table(at, "to_be.survey", edited={"0": {"answer": "partly"}})
    assert_clean(at)
    assert [(s.answer) for s in stored(seeded.db, aid).assessment.to_be.survey] == ["partly"]


def test_goal_row_is_added(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="to_be", state={"view.to_be": "vision"})
    edit_table(at, "to_be.goals", added=[{"text": "First ESRS report", "horizon": "short", "target_year": 2027}])
    goals = stored(seeded.db, aid).assessment.to_be.goals
    assert [(g.text, g.horizon, g.target_year) for g in goals] == [("First ESRS report", "short", 2027)]


def test_requirements_from_suggestions_are_linked_to_criteria(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "catalogue"})
    at.button(key="req.add_all").click().run()
    assert_clean(at)
    requirements = stored(seeded.db, aid).assessment.requirements
    assert requirements and all(r.criterion_ids for r in requirements)


def test_requirement_row_needs_a_priority(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "catalogue"})
    edit_table(at, "requirements.catalogue", added=[{"text": "Export to XBRL"}])
    assert any("could not be saved" in message for message in texts(at))
    assert not stored(seeded.db, aid).assessment.requirements
    edit_table(at, "requirements.catalogue", added=[{"text": "Export to XBRL", "priority": "must"}])
    assert [(r.text, r.priority) for r in stored(seeded.db, aid).assessment.requirements] == [
        ("Export to XBRL", "must")
    ]


def test_criterion_weight_edit_and_negative_weight(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="requirements", state={"view.requirements": "criteria"})
    edit_table(at, "requirements.criteria", edited={"0": {"weight": 9.0}})
    assert stored(seeded.db, aid).assessment.criteria[0].weight == 9.0
    edit_table(at, "requirements.criteria", edited={"0": {"weight": -1.0}})
    assert "must be at least 0" in at.dataframe[-1].value.iloc[0].tolist()
    assert stored(seeded.db, aid).assessment.criteria[0].weight == 9.0
