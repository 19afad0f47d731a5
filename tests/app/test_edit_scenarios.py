"""Step 4 page: scores with rationale, must-have checks, options from archetypes, cost lines and the
decision reach the store; out-of-range scores and inconsistent ranges show their message."""

from __future__ import annotations

from app_helpers import assert_clean, edit_table, field_key, run_app, stored, texts

VIEW = "view.scenarios"


def _problems(at) -> list:  # noqa: ANN001
    return at.dataframe[-1].value.iloc[:, 2].tolist()


def test_score_and_rationale_reach_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    option = stored(seeded.db, aid).assessment.options[0].id
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "scores"})
    edit_table(at, f"scenarios.scores.{option}", edited={"0": {"value": 4.5, "rationale": "Covers every DR"}})
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    score = a.score_of(option, a.criteria[0].id)
    assert (score.value, score.rationale) == (4.5, "Covers every DR")


def test_out_of_scale_score_and_inconsistent_range_show_their_messages(seeded) -> None:
    aid = seeded.ids["municipality"]
    a = stored(seeded.db, aid).assessment
    option = a.options[0].id
    before = stored(seeded.db, aid).revision
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "scores"})
    edit_table(at, f"scenarios.scores.{option}", edited={"1": {"value": 7.0}})
    assert any("could not be saved" in message for message in texts(at))
    assert _problems(at) == ["score 7 is outside the scale 0-5"]
    edit_table(at, f"scenarios.scores.{option}", edited={"0": {"value": 4.5}})  # the sample's high is 3.5
    assert _problems(at) == ["high 3.5 is below the value 4.5"]
    assert stored(seeded.db, aid).revision == before


def test_must_have_check_reaches_the_store(seeded) -> None:
    aid = seeded.ids["municipality"]
    a = stored(seeded.db, aid).assessment
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "musts"})
    first_option = a.options[0].id
    edit_table(at, "scenarios.musts", edited={"0": {f"o:{first_option}": "not_met"}})
    assert_clean(at)
    must = next(r.id for r in a.requirements if r.priority == "must")
    check = next(
        m
        for m in stored(seeded.db, aid).assessment.must_have_checks
        if (m.option_id, m.requirement_id) == (first_option, must)
    )
    assert check.met is False


def test_option_from_archetype_gets_prior_scores(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "options"})
    at.selectbox(key="scenarios.add.archetype").set_value("dedicated_esg")
    at.button(key="scenarios.add.go").click().run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    added = a.options[-1]
    assert added.archetype == "dedicated_esg"
    assert [s for s in a.scores if s.option_id == added.id]


def test_cost_line_and_horizon_reach_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    option = stored(seeded.db, aid).assessment.options[0].id
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "costs"})
    edit_table(at, f"scenarios.costs.{option}", added=[{"label": "Licences", "kind": "yearly", "amount": 120000.0}])
    at.number_input(key=field_key(at, "settings.horizon_years")).set_value(7).run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    assert [(c.label, c.kind, c.amount) for c in a.options[0].cost_lines] == [("Licences", "yearly", 120000.0)]
    assert a.settings.horizon_years == 7


def test_decision_reaches_the_store_and_interim_must_differ(seeded) -> None:
    aid = seeded.ids["empty"]
    options = [o.id for o in stored(seeded.db, aid).assessment.options]
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "decision"})
    at.selectbox(key=field_key(at, "x").replace("field.x", "decision.option_id")).set_value(options[0]).run()
    assert_clean(at)
    assert stored(seeded.db, aid).assessment.decision.option_id == options[0]
    at.selectbox(key=field_key(at, "x").replace("field.x", "decision.interim_option_id")).set_value(options[0]).run()
    assert any("interim option must differ" in message for message in texts(at)), texts(at)
    assert stored(seeded.db, aid).assessment.decision.interim_option_id is None


def test_roadmap_end_before_start_is_refused(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "decision"})
    edit_table(
        at,
        "scenarios.roadmap",
        added=[{"title": "Interim spreadsheet", "phase": "interim", "start": "2026-09-01", "end": "2026-06-01"}],
    )
    assert _problems(at) == ["end 2026-06-01 is before start 2026-09-01"]
    assert not stored(seeded.db, aid).assessment.roadmap
    edit_table(
        at,
        "scenarios.roadmap",
        added=[{"title": "Interim spreadsheet", "phase": "interim", "start": "2026-03-01", "end": "2026-06-01"}],
    )
    assert [r.title for r in stored(seeded.db, aid).assessment.roadmap] == ["Interim spreadsheet"]
