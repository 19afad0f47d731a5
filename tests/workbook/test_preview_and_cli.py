"""The upload preview shows what a workbook would change before anything is applied, and the CLI's
export and import commands work end to end with clear exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from workbook_helpers import edit, find_row, put

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.workbook import preview_import

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "manufacturer.json"


def test_an_unchanged_workbook_previews_no_changes(exported: Callable, sample: Callable) -> None:
    preview = preview_import(exported("manufacturer", "da"), sample("manufacturer"))
    assert preview.ok and preview.changes == [] and preview.assessment == sample("manufacturer")


def test_the_preview_lists_each_change(exported: Callable, sample: Callable) -> None:
    current = sample("municipality")
    role, goal = current.roles[0], current.to_be.goals[0]

    def change(wb: openpyxl.Workbook) -> None:
        roles = wb["Roles"]
        put(roles, find_row(roles, 1, role.id), {"name": "Klimachef"})
        goals = wb["Goals"]
        goals.delete_rows(find_row(goals, 1, goal.id))

    preview = preview_import(edit(exported("municipality", "en"), change), current)
    assert preview.ok
    lines = preview.describe()
    assert lines[0] == f"roles[{role.id}].name: {role.name!r} -> 'Klimachef'"
    assert lines[1].startswith(f"removed to_be.goals[{goal.id}] '{goal.text[:40]}")
    assert len(lines) == 2


def test_a_workbook_of_another_assessment_is_not_applied(exported: Callable, sample: Callable) -> None:
    preview = preview_import(exported("manufacturer", "en"), sample("municipality"))
    assert not preview.ok and preview.assessment is None
    assert "the workbook is for assessment" in preview.describe()[0]


def test_an_unsafe_upload_is_flagged(sample: Callable) -> None:
    preview = preview_import(b"PK\x03\x04 not really a zip", sample("municipality"))
    assert preview.unsafe and not preview.ok and "damaged zip archive" in preview.describe()[0]


def test_cli_export_and_import_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    workbook, back = tmp_path / "m.xlsx", tmp_path / "m.json"
    result = runner.invoke(cli, ["export", str(SAMPLE), "-o", str(workbook), "--lang", "da"])
    assert result.exit_code == 0, result.output
    assert result.output == f"{workbook}: exported {load_assessment(SAMPLE).id} (da)\n"
    result = runner.invoke(cli, ["import", str(workbook), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert load_assessment(back) == load_assessment(SAMPLE)
    assert json.loads(back.read_text(encoding="utf-8"))["id"] == load_assessment(SAMPLE).id


def test_cli_refuses_to_overwrite_and_reports_problems_with_cells(tmp_path: Path, exported: Callable) -> None:
    runner = CliRunner()
    existing = tmp_path / "exists.xlsx"
    existing.write_bytes(b"")
    result = runner.invoke(cli, ["export", str(SAMPLE), "-o", str(existing)])
    assert result.exit_code == 2 and "exists; use --force to overwrite" in result.output

    def break_it(wb: openpyxl.Workbook) -> None:
        put(wb["Scores"], 5, {"value": "lots"})

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(edit(exported("municipality", "en"), break_it))
    result = runner.invoke(cli, ["import", str(bad), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    assert "bad.xlsx: invalid: 1 problem(s)" in result.output
    assert "sheet 'Scores', cell E5 (Value): expected a number, found the text 'lots'" in result.output
    assert not (tmp_path / "out.json").exists()


def test_cli_refuses_an_unsafe_upload_with_exit_code_1(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    result = CliRunner().invoke(cli, ["import", str(fake), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "not an Excel .xlsx workbook" in result.output


def test_the_commands_have_help_with_an_example() -> None:
    for command in ("export", "import"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
