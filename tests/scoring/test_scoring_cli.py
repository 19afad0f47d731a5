"""The ``score`` command: text and JSON output, options, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from esg_workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITY = str(ROOT / "sample_data" / "municipality.json")
CORRUPTED = str(ROOT / "tests" / "fixtures" / "assessments" / "corrupted.json")


def run(*args: str):
    return CliRunner().invoke(cli, ["score", *args], catch_exceptions=False)


def test_text_output() -> None:
    result = run(MUNICIPALITY, "--samples", "300")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "fjordby-kommune-2026: weighted-sum, 5 options, 16 criteria"
    assert lines[2].split()[:4] == ["rank", "option", "total", "eligible"]
    assert lines[3].split()[:4] == ["1", "opt-hybrid", "77.8", "yes"]
    assert "krav-06, krav-16, krav-18" in lines[7]
    assert "Tipping points" in result.output and "esrs_coverage" in result.output
    assert "Recommended: ESG-datamart" in result.output and "(Hybrid data platform)" in result.output


def test_json_output_holds_the_whole_result_and_is_reproducible() -> None:
    first = run(MUNICIPALITY, "--json", "--samples", "400", "--seed", "9", "--method", "topsis")
    again = run(MUNICIPALITY, "--json", "--samples", "400", "--seed", "9", "--method", "topsis")
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert first.output == again.output
    assert {"totals", "ranking", "eligible", "sensitivity", "recommendation"} <= set(data)
    assert data["method"] == "topsis" and data["sensitivity"]["samples"] == 400 and data["sensitivity"]["seed"] == 9
    assert data["ranking"][0] == data["recommendation"]["option_id"] == "opt-hybrid"
    assert all(0 <= v <= 1 for v in data["totals"].values())
    assert set(data["recommendation"]["texts"]) == {"en", "da"}


def test_danish_text_and_no_samples() -> None:
    result = run(MUNICIPALITY, "--lang", "da", "--samples", "0")
    assert result.exit_code == 0, result.output
    assert "Anbefalet løsning:" in result.output and "Robustheden er ikke vurderet" in result.output
    assert "Rank acceptability" not in result.output


def test_invalid_assessment_exits_1_and_bad_usage_exits_2() -> None:
    invalid = run(CORRUPTED)
    assert invalid.exit_code == 1 and "invalid" in invalid.stderr
    assert run(MUNICIPALITY, "--method", "wsm").exit_code == 2
    assert run(MUNICIPALITY, "--samples", "-5").exit_code == 2
    assert run(str(ROOT / "no-such-file.json")).exit_code == 2


def test_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "Example:" in result.output and "--samples N" in result.output


def test_a_missing_cost_and_danish_numbers_in_the_text_output(tmp_path: Path) -> None:
    """An option without cost lines shows a dash for its TCO (before: 0, and full marks on cost) and is
    named in the missing-values sentence; Danish output uses Danish number formats and gate wording."""
    data = json.loads(Path(MUNICIPALITY).read_text(encoding="utf-8"))
    data["options"][0]["cost_lines"] = []
    name = data["options"][0]["name"]
    path = tmp_path / "uncosted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(str(path), "--samples", "0", "--lang", "da")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if f"  {data['options'][0]['id']}  " in line)
    assert row.split()[5] == "–"  # the TCO column
    assert lines[3].split()[:3] == ["1", "opt-hybrid", "77,8"]
    assert "5.640.927" in lines[3]
    assert f"Ingen omkostninger indtastet for {name}, så den får 0 point" in result.output
    assert "3 af 5 løsninger er ikke valgbare." in result.output
