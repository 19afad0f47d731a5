"""diff_assessments: field-level changes keyed by item id or natural key, in readable words."""

from __future__ import annotations

from typing import Any

from esg_workbench.domain import Assessment
from esg_workbench.domain.diff import Change, diff_assessments, summarise


def _assessment(**fields: Any) -> Assessment:
    return Assessment.model_validate({"id": "acme", "title": "Acme", "organisation": {"name": "Acme A/S"}, **fields})


def _system(system_id: str, name: str, **extra: Any) -> dict:
    return {"id": system_id, "name": name, "category": "erp", **extra}


def _described(old: Assessment, new: Assessment) -> list[str]:
    return [c.describe() for c in diff_assessments(old, new)]


def test_identical_assessments_have_no_changes_and_timestamps_are_ignored() -> None:
    created = "2025-01-01T00:00:00Z"
    a = _assessment(systems=[_system("s1", "SAP")], created_at=created, updated_at=created)
    b = _assessment(systems=[_system("s1", "SAP")], created_at=created, updated_at="2031-05-05T00:00:00Z")
    assert diff_assessments(a, b) == []
    assert [c.path for c in diff_assessments(a, b, ignore=())] == ["updated_at"]
    assert diff_assessments(a, _assessment(systems=[_system("s1", "SAP")], created_at="2024-02-02T00:00:00Z")) == []


def test_items_are_matched_by_id_not_position() -> None:
    old = _assessment(systems=[_system("s1", "SAP"), _system("s2", "Excel")])
    new = _assessment(systems=[_system("s2", "Excel 365"), _system("s3", "Power BI")])
    changes = diff_assessments(old, new)
    assert [(c.kind, c.path) for c in changes] == [
        ("removed", "systems[s1]"),
        ("changed", "systems[s2].name"),
        ("added", "systems[s3]"),
    ]
    assert changes[1] == Change("systems[s2].name", "changed", "Excel", "Excel 365")
    assert changes[2].new["name"] == "Power BI"
    assert _described(old, new) == [
        "removed systems[s1] 'SAP'",
        "systems[s2].name: 'Excel' -> 'Excel 365'",
        "added systems[s3] 'Power BI'",
    ]


def test_reordering_items_is_one_change_on_the_list() -> None:
    old = _assessment(systems=[_system("s1", "A"), _system("s2", "B")])
    new = _assessment(systems=[_system("s2", "B"), _system("s1", "A")])
    assert diff_assessments(old, new) == [Change("systems", "changed", ["s1", "s2"], ["s2", "s1"])]


def test_items_without_id_use_their_natural_key() -> None:
    base = {
        "criteria": [{"id": "cov", "name": "Coverage", "weight": 1}],
        "options": [{"id": "bi", "name": "BI", "archetype": "bi_extension"}],
    }
    old = _assessment(**base, scores=[{"option_id": "bi", "criterion_id": "cov", "value": 2}],
                      material_topics=[{"esrs": "E1", "material": True}])  # fmt: skip
    new = _assessment(**base, scores=[{"option_id": "bi", "criterion_id": "cov", "value": 4}],
                      material_topics=[{"esrs": "E1", "material": False}])  # fmt: skip
    assert _described(old, new) == [
        "material_topics[E1].material: True -> False",
        "scores[bi/cov].value: 2.0 -> 4.0",
    ]


def test_nested_objects_plain_lists_and_positional_lists() -> None:
    old = _assessment(
        systems=[_system("s1", "SAP", integration_options=["api"])],
        options=[{"id": "o1", "name": "O", "archetype": "erp_module", "cost_lines": [
            {"label": "Licence", "kind": "yearly", "amount": 100}]}],
    )  # fmt: skip
    new = _assessment(
        systems=[_system("s1", "SAP", integration_options=["api", "file_export"])],
        options=[{"id": "o1", "name": "O", "archetype": "erp_module", "cost_lines": [
            {"label": "Licence", "kind": "yearly", "amount": 120},
            {"label": "Setup", "kind": "one_off", "amount": 5}]}],
        to_be={"vision": "Automated"},
    )  # fmt: skip
    assert _described(old, new) == [
        "systems[s1].integration_options: ['api'] -> ['api', 'file_export']",
        "to_be.vision: '' -> 'Automated'",
        "options[o1].cost_lines[0].amount: 100.0 -> 120.0",
        "added options[o1].cost_lines[1] 'Setup'",
    ]


def test_optional_object_added_and_removed() -> None:
    options = [{"id": "o1", "name": "O", "archetype": "erp_module"}]
    without = _assessment(options=options)
    with_decision = _assessment(options=options, decision={"option_id": "o1"})
    assert _described(without, with_decision) == ["added decision"]
    assert _described(with_decision, without) == ["removed decision"]


def test_long_values_are_shortened_and_none_is_shown() -> None:
    old = _assessment(systems=[_system("s1", "SAP")])
    new = _assessment(systems=[_system("s1", "SAP", hosting="saas", notes="x" * 200)])
    described = _described(old, new)
    assert described[0] == "systems[s1].hosting: (none) -> 'saas'"
    assert described[1].startswith("systems[s1].notes: '' -> 'xxx") and described[1].endswith("...")
    assert len(described[1]) < 100


def test_summary_is_short() -> None:
    assert summarise([]) == "no changes"
    changes = [Change(f"systems[s{i}].name", "changed", "a", "b") for i in range(40)]
    text = summarise(changes, max_length=120)
    assert text.startswith("40 changes: systems[s0].name; systems[s1].name") and len(text) == 120
    assert summarise([Change("systems[s1]", "added", None, {})]) == "1 change: added systems[s1]"
