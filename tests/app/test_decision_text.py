"""Step 4 says one truth: the must-have view and the ranking read the same gate (all ineligible options
named, unchecked shown as unchecked), a missing cost is said as missing, and Danish screens show Danish
number formats."""

from __future__ import annotations

import re

from app_helpers import assert_clean, run_app, stored

from esg_workbench.store import Store

VIEW = "view.scenarios"


def _edit(seeded, name: str, change) -> str:  # noqa: ANN001
    aid = seeded.ids[name]
    current = stored(seeded.db, aid)
    a = current.assessment.model_copy(deep=True)
    change(a)
    with Store(str(seeded.db)) as store:
        store.save(a, base_revision=current.revision, author="test")
    return aid


def _warnings(at) -> list[str]:  # noqa: ANN001
    """The warnings' text as read (the markdown escapes that keep user text literal removed)."""
    return [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]


def test_with_every_check_open_the_must_have_view_names_every_option_as_not_eligible(seeded) -> None:
    """Before: 'every option meets every must-have checked so far' while the ranking showed all five
    ineligible."""
    aid = _edit(seeded, "manufacturer", lambda a: setattr(a, "must_have_checks", []))
    names = [o.name for o in stored(seeded.db, aid).assessment.options]
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "musts"})
    assert_clean(at)
    assert not at.success
    [warning] = [w for w in _warnings(at) if "not eligible" in w]
    assert "5 of 5 options are not eligible" in warning
    assert all(name in warning for name in names)
    assert "not yet checked against" in warning
    ranking = run_app(assessment_id=aid, page="scenarios", state={VIEW: "ranking"})
    assert_clean(ranking)
    [gates] = [w for w in _warnings(ranking) if "not eligible" in w]
    assert gates == warning  # the same words on both screens
    statuses = set(ranking.dataframe[0].value["Eligible"])
    assert statuses == {"Must-have not checked"}


def test_every_ineligible_option_is_named_in_the_must_have_view(seeded) -> None:
    """Before: only options with a 'not met' check were named; the unchecked ones were left out."""
    aid = seeded.ids["municipality"]
    a = stored(seeded.db, aid).assessment
    at = run_app(assessment_id=aid, page="scenarios", state={VIEW: "musts"})
    assert_clean(at)
    from esg_workbench.scoring.gates import option_gates

    ineligible = [o.name for o in a.options if not option_gates(a)[o.id].eligible]
    [warning] = [w for w in _warnings(at) if "not eligible" in w]
    assert f"{len(ineligible)} of {len(a.options)} options are not eligible" in warning
    assert warning.count("is not eligible:") == len(ineligible)


def test_a_missing_cost_is_said_on_the_ranking_and_the_costs(seeded) -> None:
    def drop_costs(a) -> None:  # noqa: ANN001
        a.options[0].cost_lines = []

    aid = _edit(seeded, "manufacturer", drop_costs)
    name = stored(seeded.db, aid).assessment.options[0].name
    ranking = run_app(assessment_id=aid, page="scenarios", state={VIEW: "ranking"})
    assert_clean(ranking)
    assert any("No cost entered for" in w and "0 points" in w for w in _warnings(ranking))
    costs = run_app(assessment_id=aid, page="scenarios", state={VIEW: "costs"})
    assert_clean(costs)
    assert any("No cost entered yet for" in w for w in _warnings(costs))
    frame = costs.dataframe[0].value
    row = frame[frame["Option"] == name].iloc[0]
    assert row.isna().iloc[1:4].all()  # empty (the dash), not 0


def test_danish_screens_show_danish_numbers(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, lang="da", page="scenarios", state={VIEW: "costs"})
    assert_clean(at)
    npv = at.dataframe[0].value.iloc[:, 3].tolist()
    assert all("." in v and "," not in v for v in npv if v and len(v) > 3)  # 1.250.000, never 1,250,000
    ranking = run_app(assessment_id=aid, lang="da", page="scenarios", state={VIEW: "ranking"})
    assert_clean(ranking)
    totals = ranking.dataframe[0].value.iloc[:, 2].tolist()
    assert "77,8" in totals
    decision = run_app(assessment_id=aid, lang="da", page="scenarios", state={VIEW: "decision"})
    assert_clean(decision)
    text = "\n".join(m.value for m in decision.markdown)
    assert "77,8 af 100" in text and "seed" not in text
