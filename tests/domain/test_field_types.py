"""Every text and number field of the assessment refuses what it cannot hold, with the field's path:
control characters (and line breaks in one-line fields), text of only spaces, NaN, infinities and
numbers beyond the bounds in domain.fields. Found by walking the model, so a new field is covered."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from esg_workbench.domain import Assessment, validate_data
from esg_workbench.domain.fields import MAX_AMOUNT, MAX_WEIGHT, character_problem
from esg_workbench.domain.validation import unwrap_annotation
from esg_workbench.frameworks import load_framework

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json"


def _sample() -> dict:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    # The sample weights directly; one AHP judgement so the pairwise fields are walked too.
    first, second = data["criteria"][0]["id"], data["criteria"][1]["id"]
    data["weighting"]["pairwise"] = [{"a": first, "b": second, "ratio": 3}]
    # One criterion group (and a judgement between groups) so the group fields are walked too.
    data["criterion_groups"] = [{"id": "grp-all", "name": "All", "weight": 1}]
    data["criteria"][0]["group_id"] = "grp-all"
    data["weighting"]["group_pairwise"] = [{"a": "grp-all", "b": "grp-all", "ratio": 1}]
    # One variant with a weight and an option assumption, so the variant fields are walked too.
    data["variants"] = [
        {
            "id": "var-1",
            "name": "Variant",
            "excluded_option_ids": [data["options"][0]["id"]],
            "weights": [{"target_id": first, "weight": 2}],
            "options": [{"option_id": data["options"][1]["id"], "cost_factor": 1.2, "automation_pct": 50}],
            "horizon_years": 6,
            "discount_rate": 0.05,
            "hourly_rate": 500,
        }
    ]

    # One stakeholder with a weight and a judgement, so the group-weighting fields are walked too.
    data["stakeholders"] = [{"id": "sh-cfo", "name": "CFO", "role": "Finance", "voting_weight": 2, "method": "ahp"}]
    data["stakeholder_weights"] = [{"stakeholder_id": "sh-cfo", "criterion_id": first, "value": 3, "rank": 1}]
    data["stakeholder_judgements"] = [{"stakeholder_id": "sh-cfo", "a": first, "b": second, "ratio": 3}]
    return data


def _leaves(model: type[BaseModel], data: dict, path: str = "") -> Iterator[tuple[str, type, bool, dict, str]]:
    """(path, base type, is a list, the dict holding it, its key) of every str/int/float field reached
    through ``data`` (the first item of each list of items)."""
    for name, info in model.model_fields.items():
        base, _, is_list, _ = unwrap_annotation(info.annotation)
        where = f"{path}{name}"
        if isinstance(base, type) and issubclass(base, BaseModel):
            value = data.get(name)
            if is_list and value:
                yield from _leaves(base, value[0], f"{where}[0].")
            elif isinstance(value, dict):
                yield from _leaves(base, value, f"{where}.")
        elif base in (str, int, float):
            yield where, base, is_list, data, name


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for info in model.model_fields.values():
        base = unwrap_annotation(info.annotation).base
        if isinstance(base, type) and issubclass(base, BaseModel) and base not in found:
            found |= _models(base)
    return found


LEAVES = list(_leaves(Assessment, _sample()))
FRAMEWORK = load_framework("esg-architecture")


def _problems_with(path: str, value: Any) -> list[str]:
    data = _sample()
    target_path = path
    for leaf_path, _, is_list, holder, key in _leaves(Assessment, data):
        if leaf_path == path:
            holder[key] = [value] if is_list else value
            target_path = f"{path}[0]" if is_list else path
            break
    return [p.message for p in validate_data(data, FRAMEWORK) if p.path == target_path]


def test_the_walk_reaches_every_model_of_the_assessment() -> None:
    reached = {path.rsplit(".", 1)[0] for path, *_ in LEAVES}
    assert len(reached) >= len(_models(Assessment)) - 1  # FrameworkRef, Organisation, ... (ToBe via goals)
    assert validate_data(_sample(), FRAMEWORK) == []


TEXT_LEAVES = [path for path, base, *_ in LEAVES if base is str]
NUMBER_LEAVES = [path for path, base, *_ in LEAVES if base in (int, float)]


@pytest.mark.parametrize("path", TEXT_LEAVES)
@pytest.mark.parametrize("bad", ["Evil\x00Org", "bell\x07", "esc\x1b[0m", "del\x7f", "c1\x85", "cr\ralone", "\ufffe"])
def test_every_text_field_refuses_control_characters_with_its_path(path: str, bad: str) -> None:
    messages = _problems_with(path, bad)
    assert messages, f"{path} accepted {bad!r}"
    code = character_problem(bad, multiline=True)[2]
    # Ids and ISO codes have a pattern of their own, which says the same thing in its words.
    assert any(code in m or m.startswith("String should match pattern") for m in messages), messages


@pytest.mark.parametrize("path", NUMBER_LEAVES)
@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 1e308, -1e308])
def test_every_number_field_refuses_non_finite_and_huge_values_with_its_path(path: str, bad: float) -> None:
    assert _problems_with(path, bad), f"{path} accepted {bad}"


def test_non_finite_numbers_say_so() -> None:
    assert _problems_with("criteria[0].weight", math.nan) == ["Input should be a finite number (got nan)"]
    assert _problems_with("options[0].cost_lines[0].amount", math.inf) == ["Input should be a finite number (got inf)"]
    assert _problems_with("criteria[0].weight", 1e308) == [
        f"Input should be less than or equal to {MAX_WEIGHT:.0f} (got 1e+308)"
    ]
    assert _problems_with("options[0].cost_lines[0].amount", MAX_AMOUNT) == []


@pytest.mark.parametrize("path", ["title", "organisation.name", "roles[0].name", "requirements[0].text", "risks"])
def test_names_and_required_texts_of_only_spaces_are_refused(path: str) -> None:
    path = "options[0].risks[0].text" if path == "risks" else path
    assert _problems_with(path, " \t ") or _problems_with(path, "   ")
    assert "must not be only spaces (got '   ')" in _problems_with(path, "   ")


@pytest.mark.parametrize("path", ["title", "organisation.name", "roles[0].name", "options[0].cost_lines[0].label"])
def test_one_line_fields_refuse_line_breaks_and_tabs(path: str) -> None:
    assert _problems_with(path, "two\nlines") == ["line break not allowed: U+000A (got 'two\\nlines')"]
    assert _problems_with(path, "a\r\nb")[0].startswith("line break not allowed: U+000D")
    assert _problems_with(path, "tab\there")[0].startswith("control character not allowed: U+0009")


def test_free_text_keeps_tabs_line_breaks_and_crlf_exactly() -> None:
    data = _sample()
    text = "first\tcolumn\nsecond line\r\nwindows line\n"
    data["organisation"]["description"] = text
    data["requirements"][0]["text"] = text
    assessment = Assessment.model_validate(data)
    assert assessment.organisation.description == text and assessment.requirements[0].text == text
    assert _problems_with("organisation.description", "only a CR\r") == [
        "control character not allowed: U+000D (got 'only a CR\\r')"
    ]


def test_edits_are_checked_too() -> None:
    assessment = Assessment.model_validate(_sample())
    with pytest.raises(ValueError, match="control character not allowed: U\\+0000"):
        assessment.organisation.name = "Evil\x00Org"
    with pytest.raises(ValueError, match="finite number"):
        assessment.criteria[0].weight = math.inf
    assert assessment == Assessment.model_validate(_sample())


def test_text_that_only_looks_odd_is_accepted() -> None:
    data = copy.deepcopy(_sample())
    data["organisation"]["name"] = "Ærø Kommune\u00a0– æøå 😀 _x0000_"
    assert validate_data(data, FRAMEWORK) == []
