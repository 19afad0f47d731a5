"""The file commands: validate, schema, new — exit codes, messages, nothing written on failure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.config import settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.json"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_validate_valid_file() -> None:
    result = run("validate", str(FIXTURES / "minimal.json"))
    assert result.exit_code == 0, result.output
    assert "minimal.json: valid" in result.output


def test_validate_corrupted_file_lists_each_problem_and_exits_1() -> None:
    result = run("validate", str(FIXTURES / "corrupted.json"))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines[0].endswith("corrupted.json: invalid: 5 problem(s)")
    assert "data_sources[0].system_id: unknown system 'sys-9'" in lines
    assert "systems[1].id: duplicate id 'erp' (also at systems[0].id)" in lines
    assert "criteria[0].weight: Input should be greater than or equal to 0 (got -1)" in lines
    assert "scores[0].value: score 7 is outside the scale 0-5" in lines
    assert any(line.startswith("requirements[0].priority:") for line in lines)
    assert "Traceback" not in result.output


def test_validate_checks_vocabularies_and_esrs_codes_against_the_framework(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "minimal.json").read_text())
    data["systems"][0]["category"] = "mainframe"
    data["schema_version"] = 1  # a file of the first schema, which linked sources to DRs on the source
    data["data_sources"][0]["disclosure_requirements"] = ["E1-99"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "systems[0].category: unknown system category 'mainframe' (allowed: " in result.stderr
    assert "data_sources[0].disclosure_requirements[0]: unknown ESRS disclosure requirement 'E1-99'" in result.stderr


def test_validate_unknown_framework(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "minimal.json").read_text())
    data["framework"] = {"id": "no-such-framework", "version": "9"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "framework:" in result.stderr and "no-such-framework" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
        ("[1, 2]", "an assessment must be a JSON object, not list"),
    ],
)
def test_validate_unparsable_files(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert expected in result.stderr


def test_validate_missing_file_is_an_io_error() -> None:
    result = run("validate", "/nonexistent/file.json")
    assert result.exit_code == 2
    assert "/nonexistent/file.json" in result.stderr
    assert "Traceback" not in result.output


def test_validate_reports_every_file_and_fails_if_any_fails() -> None:
    result = run("validate", str(FIXTURES / "minimal.json"), str(FIXTURES / "corrupted.json"))
    assert result.exit_code == 1
    assert "minimal.json: valid" in result.output


def test_schema_validates_the_samples_and_the_minimal_fixture(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert run("schema", "-o", str(out)).exit_code == 0
    schema = json.loads(out.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in [FIXTURES / "minimal.json", *SAMPLES]:
        jsonschema.validate(json.loads(path.read_text()), schema)


def test_schema_to_stdout() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Assessment"


def test_new_creates_a_valid_assessment_from_the_framework(tmp_path: Path) -> None:
    out = tmp_path / "acme.json"
    result = run("new", str(out), "--name", "Acme A/S", "--lang", "da")
    assert result.exit_code == 0, result.output
    assessment = load_assessment(out)
    assert assessment.organisation.name == "Acme A/S"
    assert {o.archetype for o in assessment.options} == {
        "bi_extension",
        "erp_module",
        "dedicated_esg",
        "hybrid_platform",
        "spreadsheet_interim",
    }
    assert len(assessment.criteria) >= 12
    assert assessment.to_be.maturity == []  # unrated: no maturity levels the user never entered


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "acme.json"
    shutil.copy(FIXTURES / "minimal.json", out)
    before = out.read_bytes()
    result = run("new", str(out), "--name", "Acme")
    assert result.exit_code == 2
    assert "exists; use --force" in result.stderr
    assert out.read_bytes() == before


def test_new_with_unknown_sector_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "acme.json"
    result = run("new", str(out), "--name", "Acme", "--sector", "spaceship")
    assert result.exit_code == 1
    assert "organisation.sector: unknown sector 'spaceship'" in result.stderr
    assert not out.exists()


def test_every_command_has_help_with_an_example() -> None:
    def walk(group, prefix=()):
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))

    for path, command in walk(cli):
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        if not hasattr(command, "commands"):
            assert "Example:" in result.output, f"{' '.join(path)} has no Example in its help"


def test_samples_writes_the_bundled_sample_assessments(tmp_path: Path) -> None:
    folder = tmp_path / "try" / "here"  # made when missing
    result = run("samples", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == [path.name for path in SAMPLES]
    for sample in SAMPLES:
        assert (folder / sample.name).read_bytes() == sample.read_bytes()
        assert f"{folder / sample.name}: written" in result.output
    assert run("validate", *(str(path) for path in sorted(folder.iterdir()))).exit_code == 0


def test_samples_refuses_to_overwrite_and_writes_none_without_force(tmp_path: Path) -> None:
    kept = tmp_path / SAMPLES[-1].name
    kept.write_text("mine", encoding="utf-8")
    result = run("samples", str(tmp_path))
    assert result.exit_code == 2
    assert f"{kept} exists; use --force to overwrite" in result.stderr
    assert sorted(tmp_path.iterdir()) == [kept] and kept.read_text(encoding="utf-8") == "mine"
    assert run("samples", str(tmp_path), "--force").exit_code == 0
    assert kept.read_bytes() == SAMPLES[-1].read_bytes()


def test_samples_says_when_there_are_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESG_WORKBENCH_SAMPLE_DIR", str(tmp_path / "empty"))
    settings.cache_clear()
    try:
        result = run("samples", str(tmp_path / "out"))
    finally:
        settings.cache_clear()
    assert result.exit_code == 2
    assert f"{tmp_path / 'empty'}: no sample assessments found" in result.stderr
    assert not (tmp_path / "out").exists()
