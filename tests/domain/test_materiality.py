"""The double materiality rule: material when impact OR financially material; the flags decide, a
recorded outcome only fills in where they leave it open, and a contradiction is a problem with its path."""

from __future__ import annotations

import json

import pytest

from esg_workbench.assessment_files import parse_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain import validate_data
from esg_workbench.domain.assessment import MaterialTopic
from esg_workbench.domain.materiality import outcome, topic_outcome
from esg_workbench.frameworks import load_framework


@pytest.mark.parametrize(
    ("material", "impact", "financial", "expected"),
    [
        (None, True, None, "material"),
        (None, None, True, "material"),
        (None, False, True, "material"),
        (None, False, False, "not_material"),
        (None, False, None, "not_assessed"),
        (None, None, None, "not_assessed"),
        (True, None, None, "material"),  # a file written before the flags
        (False, None, None, "not_material"),
        (True, False, None, "material"),  # the flags leave it open: the recorded outcome stands
    ],
)
def test_outcome(material, impact, financial, expected) -> None:
    assert outcome(material, impact, financial) == expected


def _sample() -> dict:
    return json.loads((PROJECT_ROOT / "sample_data" / "municipality.json").read_text(encoding="utf-8"))


def test_ticking_a_flag_makes_the_topic_material_for_coverage() -> None:
    """Before: only ``material`` counted, so a topic ticked impact-material stayed out of the coverage."""
    fw = load_framework()
    data = _sample()
    e3 = next(t for t in data["material_topics"] if t["esrs"] == "E3")
    e3.update(impact_material=True)
    del e3["material"]
    a = parse_assessment(data, fw)
    assert topic_outcome(next(t for t in a.material_topics if t.esrs == "E3")) == "material"
    assert "E3" in coverage_summary(a, fw).material_standards


def test_a_recorded_outcome_that_contradicts_the_flags_is_a_problem_with_its_path() -> None:
    data = _sample()
    index = next(i for i, t in enumerate(data["material_topics"]) if t["esrs"] == "E4")
    data["material_topics"][index]["material"] = False  # E4 is impact-material in the sample
    problems = [str(p) for p in validate_data(data)]
    assert problems == [
        f"material_topics[{index}].material: recorded as not material, but impact_material is true; a topic is "
        "material when it is impact or financially material: correct the flags or the outcome"
    ]
    data["material_topics"][index].update(material=True, impact_material=False, financial_material=False)
    [problem] = validate_data(data)
    assert problem.path == f"material_topics[{index}].material" and "both false" in problem.message


def test_a_topic_without_any_answer_is_not_assessed() -> None:
    assert topic_outcome(MaterialTopic(esrs="E1")) == "not_assessed"
