"""The workshop view on the weights page: stakeholders and their weights reach the store, the group's
weights, consensus and each stakeholder's first option are shown from the engine's result, choosing the
group's weights leaves the criteria's typed weights alone, and an inconsistent stakeholder is named."""

from __future__ import annotations

import itertools
import re

from app_helpers import assert_clean, edit_table, field_key, run_app, stored

from esg_workbench.store import Store

VIEW = "view.requirements"


def _plain(*elements) -> str:  # noqa: ANN002
    """The elements' text as the user reads it (user text reaches markdown escaped, app/literal.py)."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def _with_workshop(seeded, use_group: bool = False, cfo_ratio: float = 1) -> str:  # noqa: ANN001
    aid = seeded.ids["municipality"]
    a = stored(seeded.db, aid).assessment
    ids = [c.id for c in a.criteria]
    data = a.model_dump()
    data["stakeholders"] = [
        {"id": "sh-cfo", "name": "CFO", "role": "Finance", "voting_weight": 2, "method": "ahp"},
        {"id": "sh-cio", "name": "CIO", "role": "IT", "method": "rank"},
    ]
    data["stakeholder_weights"] = [
        {"stakeholder_id": "sh-cio", "criterion_id": c, "rank": i + 1} for i, c in enumerate(ids)
    ]
    data["stakeholder_judgements"] = [
        {"stakeholder_id": "sh-cfo", "a": x, "b": y, "ratio": 9 if x == "tco" else 1 / 9 if y == "tco" else cfo_ratio}
        for x, y in itertools.combinations(ids, 2)
    ]
    data["weighting"] = {**data["weighting"], "use_group": use_group}
    with Store(str(seeded.db)) as store:
        store.save(type(a).model_validate(data), base_revision=stored(seeded.db, aid).revision, author="test")
    return aid


def test_a_stakeholder_added_in_the_table_reaches_the_store(seeded) -> None:  # noqa: ANN001
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="requirements", state={VIEW: "workshop"})
    assert_clean(at)
    edit_table(at, "workshop.stakeholders", added=[{"name": "CFO", "role": "Finance", "voting_weight": 2.0}])
    assert_clean(at)
    [stakeholder] = stored(seeded.db, aid).assessment.stakeholders
    assert (stakeholder.name, stakeholder.role, stakeholder.voting_weight, stakeholder.method) == (
        "CFO",
        "Finance",
        2.0,
        "direct",
    )


def test_the_group_consensus_and_each_stakeholders_first_option_are_shown(seeded) -> None:  # noqa: ANN001
    aid = _with_workshop(seeded)
    at = run_app(assessment_id=aid, page="requirements", state={VIEW: "workshop"})
    assert_clean(at)
    shown = _plain(*at.info, *at.success, *at.warning, *at.caption)
    assert "Group weighting: 2 stakeholders" in shown and "criteria's own weights, which are the ones scored" in shown
    [consensus] = [m for m in at.metric if m.label == "Consensus"]
    assert consensus.value.endswith("%")
    tables = {str(d.value.columns[0]): d.value for d in at.dataframe}
    people = tables["stakeholder"]
    assert list(people.iloc[:, 0]) == ["CFO", "CIO"] and list(people.iloc[:, 2]) == ["67%", "33%"]
    ranks = tables["option"]  # each option's rank under the group's and each stakeholder's weights
    assert list(ranks.columns) == ["option", "group", "CFO", "CIO"] and list(ranks["group"]) == [1, 2, 3, 4, 5]
    weights = tables["criterion"]
    assert {"group", "CFO", "CIO"} <= set(weights.columns)


def test_choosing_the_group_weights_keeps_the_typed_weights(seeded) -> None:  # noqa: ANN001
    aid = _with_workshop(seeded)
    typed = [c.weight for c in stored(seeded.db, aid).assessment.criteria]
    at = run_app(assessment_id=aid, page="requirements", state={VIEW: "workshop"})
    at.selectbox(key=field_key(at, "weighting.use_group")).set_value(True).run()
    assert_clean(at)
    a = stored(seeded.db, aid).assessment
    assert a.weighting.use_group is True and [c.weight for c in a.criteria] == typed
    assert "scored with the group's weights" in _plain(*at.success)


def test_an_inconsistent_stakeholder_is_named_with_the_ratio(seeded) -> None:  # noqa: ANN001
    aid = _with_workshop(seeded, use_group=True, cfo_ratio=9)
    at = run_app(assessment_id=aid, page="requirements", state={VIEW: "workshop"})
    assert_clean(at)
    warnings = _plain(*at.warning)
    assert "stakeholders[0]" in warnings and "'CFO'" in warnings and "consistency ratio" in warnings


def test_the_workshop_in_danish(seeded) -> None:  # noqa: ANN001
    aid = _with_workshop(seeded, use_group=True)
    at = run_app(assessment_id=aid, lang="da", page="requirements", state={VIEW: "workshop"})
    assert_clean(at)
    assert [m.label for m in at.metric] == ["Konsensus"]
    assert "scores med gruppens vægte" in _plain(*at.success)
    assert "Goepels AHP-konsensusindikator" in str(at.metric[0].help).replace("\\", "")
    assert re.fullmatch(r"\d+,\d %", at.metric[0].value)  # written the Danish way
