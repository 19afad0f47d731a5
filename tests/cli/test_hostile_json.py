"""JSON files that overflow, hide control characters or give a key twice are refused by ``validate``
(exit 1, every problem with its path) and by the Python API; every JSON the CLI prints is strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.domain import AssessmentInvalid

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _strict(text: str):
    """Parse as a strict JSON parser would: NaN and Infinity are not JSON."""

    def refuse(constant: str):
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return path


def _with(tmp_path: Path, old: str, new: str) -> Path:
    """The sample with the first ``old`` in its text replaced by ``new`` (raw JSON, so NaN can be written)."""
    text = _sample_text()
    assert old in text
    return _write(tmp_path, text.replace(old, new, 1))


def _first_weight() -> str:
    weight = json.loads(_sample_text())["criteria"][0]["weight"]
    return f'"weight": {json.dumps(weight)}'


def _first_amount() -> str:
    amount = json.loads(_sample_text())["options"][0]["cost_lines"][0]["amount"]
    return f'"amount": {json.dumps(amount)}'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1e308", "criteria[0].weight: Input should be less than or equal to 1000000 (got 1e+308)"),
        ("1e400", "criteria[0].weight: Input should be a finite number (got inf)"),
        ("Infinity", "criteria[0].weight: Input should be a finite number (got inf)"),
        ("-Infinity", "criteria[0].weight: Input should be a finite number (got -inf)"),
        ("NaN", "criteria[0].weight: Input should be a finite number (got nan)"),
    ],
)
def test_a_weight_that_overflows_is_refused_with_its_path(tmp_path: Path, raw: str, expected: str) -> None:
    path = _with(tmp_path, _first_weight(), f'"weight": {raw}')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert expected in result.stderr
    with pytest.raises(AssessmentInvalid) as caught:
        load_assessment(path)
    assert expected in [str(p) for p in caught.value.problems]


def test_a_cost_of_infinity_is_refused_with_its_path(tmp_path: Path) -> None:
    path = _with(tmp_path, _first_amount(), '"amount": Infinity')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "options[0].cost_lines[0].amount: Input should be a finite number (got inf)" in result.stderr
    with pytest.raises(AssessmentInvalid, match=r"options\[0\]\.cost_lines\[0\]\.amount"):
        load_assessment(path)
    score = run("score", str(path), "--json")
    assert score.exit_code == 1 and score.stdout == ""  # no ranking of an invalid file, no TCO of inf


def test_a_number_too_long_to_read_is_refused(tmp_path: Path) -> None:
    path = _with(tmp_path, _first_weight(), '"weight": ' + "9" * 5000)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "a number has more than 4,300 digits" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "Evil\x00", "title: control character not allowed: U+0000"),
        ("organisation", "Evil_Org\x07", "organisation.name: control character not allowed: U+0007"),
        ("title", "two\nlines", "title: line break not allowed: U+000A"),
        ("title", "   ", "title: must not be only spaces"),
        ("organisation", " ", "organisation.name: must not be only spaces"),
    ],
)
def test_control_characters_and_blank_names_are_refused_with_their_path(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    data = json.loads(_sample_text())
    if field == "organisation":
        data["organisation"]["name"] = value
    else:
        data[field] = value
    path = _write(tmp_path, json.dumps(data))  # written as \u0000 escapes, as JSON must
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert expected in result.stderr
    with pytest.raises(AssessmentInvalid, match=expected.split(":")[0].replace(".", r"\.")):
        load_assessment(path)


def test_a_key_given_twice_is_refused_with_its_path(tmp_path: Path) -> None:
    data = json.loads(_sample_text())
    option_id = data["options"][2]["id"]
    text = json.dumps(data, indent=2).replace(f'"id": "{option_id}"', f'"id": "{option_id}", "id": "shadow"', 1)
    path = _write(tmp_path, text.replace('"id": "' + data["id"] + '"', '"id": "a", "id": "b"', 1))
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert "id: key given twice" in lines
    assert "options[2].id: key given twice" in lines
    with pytest.raises(AssessmentInvalid) as caught:
        load_assessment(path)
    assert {str(p) for p in caught.value.problems} == {"id: key given twice", "options[2].id: key given twice"}


def test_the_json_the_cli_prints_is_strict(tmp_path: Path) -> None:
    scored = run("score", str(SAMPLE), "--json", "--samples", "200", "--seed", "1")
    assert scored.exit_code == 0
    _strict(scored.output)
    schema = run("schema")
    assert schema.exit_code == 0
    _strict(schema.output)
