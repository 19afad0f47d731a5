"""Validation reports every problem at once, each with the path of the value it concerns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esg_workbench.domain import Assessment, Problem, validate_assessment, validate_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def _data(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_minimal_fixture_is_valid() -> None:
    assert validate_data(_data("minimal.json")) == []


def test_corrupted_file_reports_one_message_per_problem_with_its_path() -> None:
    messages = _messages(validate_data(_data("corrupted.json")))
    assert messages == [
        "criteria[0].weight: Input should be greater than or equal to 0 (got -1)",
        "data_sources[0].system_id: unknown system 'sys-9'",
        "requirements[0].priority: Input should be 'must', 'should', 'could' or 'wont' (got 'mandatory')",
        "scores[0].value: score 7 is outside the scale 0-5",
        "systems[1].id: duplicate id 'erp' (also at systems[0].id)",
    ]


def test_ids_are_unique_across_collections_so_flow_end_points_are_unambiguous() -> None:
    data = _data("minimal.json")
    data["roles"][0]["id"] = "erp"
    data["systems"][0]["owner_role_id"] = "erp"
    assert _messages(validate_data(data)) == ["systems[0].id: duplicate id 'erp' (also at roles[0].id)"]


def test_flow_may_end_in_the_report_but_not_in_an_unknown_node() -> None:
    data = _data("minimal.json")
    data["data_flows"].append({"id": "f2", "from_id": "erp", "to_id": "nowhere", "method": "api"})
    assert _messages(validate_data(data)) == ["data_flows[1].to_id: unknown data source or system 'nowhere'"]


def test_references_inside_lists_and_nested_models_are_checked() -> None:
    data = _data("minimal.json")
    data["requirements"][0]["criterion_ids"] = ["coverage", "ghost"]
    data["weighting"] = {"method": "ahp", "pairwise": [{"a": "coverage", "b": "ghost2", "ratio": 3}]}
    assert _messages(validate_data(data)) == [
        "requirements[0].criterion_ids[1]: unknown criterion 'ghost'",
        "weighting.pairwise[0].b: unknown criterion 'ghost2'",
    ]


def test_all_zero_weights_are_refused_but_some_zero_weights_are_fine() -> None:
    data = _data("minimal.json")
    data["criteria"][0]["weight"] = 0
    assert validate_data(data) == []
    data["criteria"][1]["weight"] = 0
    assert _messages(validate_data(data)) == ["criteria: all criterion weights are zero; at least one must be positive"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"low": 4, "high": 5, "value": 3}, "scores[0].low: low 4 is above the value 3"),
        ({"low": 1, "high": 2, "value": 3}, "scores[0].high: high 2 is below the value 3"),
        ({"value": -0.5}, "scores[0].value: score -0.5 is outside the scale 0-5"),
    ],
)
def test_score_ranges(change: dict, expected: str) -> None:
    data = _data("minimal.json")
    data["scores"][0].update(change)
    assert expected in _messages(validate_data(data))


def test_quantitative_criteria_need_consistent_anchors() -> None:
    data = _data("minimal.json")
    cost = data["criteria"][1]
    cost["best"], cost["worst"] = 2_000_000, 1_000
    assert _messages(validate_data(data)) == [
        "criteria[1].direction: direction does not match best 2e+06 and worst 1000"
    ]
    del cost["best"]
    assert _messages(validate_data(data)) == ["criteria[1].best: a quantitative criterion needs best and worst values"]


def test_derived_values_need_a_quantitative_criterion() -> None:
    data = _data("minimal.json")
    data["criteria"][0]["value_source"] = "tco"
    assert _messages(validate_data(data)) == ["criteria[0].value_source: 'tco' needs a quantitative criterion"]


def test_duplicate_pairs_and_keys() -> None:
    data = _data("minimal.json")
    data["scores"].append(dict(data["scores"][0]))
    data["material_topics"] = [{"esrs": "E1", "material": True}, {"esrs": "E1", "material": False}]
    assert _messages(validate_data(data)) == [
        "material_topics[1]: duplicate ESRS standard 'E1' (also at material_topics[0])",
        "scores[1]: duplicate score for option / criterion 'bi / coverage' (also at scores[0])",
    ]


def test_a_reference_listed_twice_in_one_list_is_a_problem_where_it_repeats() -> None:
    """Every list of references is a set: a criterion linked twice to a requirement (it would count
    twice wherever the links are counted, as a data source twice in a coverage item makes two chain
    rows) is named at its second place, with the first; an unknown one listed twice is said twice."""
    data = _data("minimal.json")
    data["requirements"][0]["criterion_ids"] = ["coverage", "ghost", "coverage", "ghost"]
    assert _messages(validate_data(data)) == [
        "requirements[0].criterion_ids[1]: unknown criterion 'ghost'",
        "requirements[0].criterion_ids[2]: 'coverage' is listed twice (also at requirements[0].criterion_ids[0])",
        "requirements[0].criterion_ids[3]: 'ghost' is listed twice (also at requirements[0].criterion_ids[1])",
        "requirements[0].criterion_ids[3]: unknown criterion 'ghost'",
    ]
    (twice,) = [p for p in validate_data(data) if p.path.endswith("criterion_ids[2]")]
    assert twice.text("da") == "'coverage' står der to gange (også ved requirements[0].criterion_ids[0])"


def test_roadmap_dates_and_decision() -> None:
    data = _data("minimal.json")
    data["roadmap"] = [{"id": "rm1", "title": "Pilot", "phase": "interim", "start": "2026-06-01", "end": "2026-01-01"}]
    data["decision"] = {"option_id": "bi", "interim_option_id": "bi"}
    assert _messages(validate_data(data)) == [
        "decision.interim_option_id: the interim option must differ from the chosen option",
        "roadmap[0].end: end 2026-01-01 is before start 2026-06-01",
    ]


def test_unknown_fields_are_refused_not_dropped() -> None:
    data = _data("minimal.json")
    data["systems"][0]["colour"] = "green"
    assert _messages(validate_data(data)) == ["systems[0].colour: unknown field"]


def test_paths_sort_numerically() -> None:
    data = _data("minimal.json")
    data["data_sources"] = [dict(data["data_sources"][0], id=f"ds{i}", system_id="x") for i in range(12)]
    paths = [p.path for p in validate_data(data) if p.path.startswith("data_sources")]
    assert paths == [f"data_sources[{i}].system_id" for i in range(12)]


def test_not_an_object() -> None:
    assert _messages(validate_data([1, 2])) == ["an assessment must be a JSON object, not list"]


def test_validate_assessment_on_a_parsed_model_matches_plain_data() -> None:
    data = _data("minimal.json")
    assessment = Assessment.model_validate(data)
    assert validate_assessment(assessment) == []
    assessment.data_sources[0].system_id = "gone"
    assert _messages(validate_assessment(assessment)) == ["data_sources[0].system_id: unknown system 'gone'"]


def test_json_schema_carries_reference_and_vocabulary_markers() -> None:
    schema = json.dumps(Assessment.model_json_schema())
    assert '"x-ref": ["systems"]' in schema
    assert '"x-vocabulary": "system_category"' in schema
    assert '"x-esrs": "dr"' in schema
