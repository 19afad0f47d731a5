"""The import commands through the CLI: a dry run prints the plan and writes nothing, -o writes the result,
a bad file exits 1 with its problems and leaves every file as it was; the workbook import's --dry-run
prints the differences from the file it would replace."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "interchange"
SAMPLE = ROOT / "sample_data" / "municipality.json"


@pytest.fixture
def assessment(tmp_path: Path) -> Path:
    target = tmp_path / "fjordby.json"
    shutil.copy(SAMPLE, target)
    return target


def _run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_landscape_dry_run_prints_the_plan_and_writes_nothing(assessment: Path, tmp_path: Path) -> None:
    before = assessment.read_bytes()
    result = _run("landscape-import", assessment, FIXTURES / "archisurance.xml", "--format", "archimate", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "archisurance.xml: 20 added, 0 changed, 0 unchanged, 0 conflict(s)" in result.output
    assert "added systems[general-crm-system] 'General CRM System'" in result.output
    assert "dry run: nothing was written" in result.output
    assert assessment.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fjordby.json"]


def test_landscape_import_writes_and_a_second_run_changes_nothing(assessment: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    args = ("landscape-import", assessment, FIXTURES / "leanix_inventory.csv", "--format", "leanix")
    assert _run(*args, "-o", out).exit_code == 0
    written = load_assessment(out)
    assert sum(1 for s in written.systems if (s.external_id or "").startswith("leanix:")) == 4
    again = _run("landscape-import", out, *args[2:], "--dry-run")
    assert "0 added, 0 changed, 9 unchanged" in again.output
    refused = _run(*args, "-o", out)  # exists, no --force
    assert refused.exit_code == 2 and "--force" in refused.output


def test_landscape_import_needs_dry_run_or_output(assessment: Path) -> None:
    result = _run("landscape-import", assessment, FIXTURES / "archisurance.xml", "--format", "archimate")
    assert result.exit_code == 2 and "--dry-run or -o" in result.output


def test_a_bad_export_exits_1_with_where_and_writes_nothing(assessment: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,type,name\nx,Application,\n")
    out = tmp_path / "out.json"
    result = _run("landscape-import", assessment, bad, "--format", "leanix", "-o", out)
    assert result.exit_code == 1
    assert "bad.csv row 2: name is empty" in result.output
    assert not out.exists()


def test_column_mapping_option(assessment: Path, tmp_path: Path) -> None:
    export = tmp_path / "lx.csv"
    export.write_text("Fact Sheet ID;Kind;Label\na1;Application;ERP\n", encoding="utf-8")
    result = _run("landscape-import", assessment, export, "--format", "leanix", "--dry-run")
    assert result.exit_code == 1 and "no column for name" in result.output
    mapped = ("--map", "type=Kind", "--map", "name=Label")
    result = _run("landscape-import", assessment, export, "--format", "leanix", *mapped, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    result = _run("landscape-import", assessment, export, "--format", "leanix", "--map", "name", "--dry-run")
    assert result.exit_code == 2 and "FIELD=COLUMN" in result.output


def test_requirements_export_and_import(assessment: Path, tmp_path: Path) -> None:
    reqif = tmp_path / "reqs.reqif"
    result = _run("requirements-export", assessment, "-o", reqif)
    assert result.exit_code == 0 and "(reqif)" in result.output
    assert b"MoSCoW" in reqif.read_bytes()
    result = _run("requirements-import", assessment, reqif, "--dry-run")
    assert result.exit_code == 0 and " 0 added, 0 changed" in result.output
    listing = tmp_path / "new.csv"
    listing.write_text("id;text;priority\nR-9;Quarterly energy data per building;Should\n", encoding="cp1252")
    out = tmp_path / "out.json"
    result = _run("requirements-import", assessment, listing, "-o", out)
    assert result.exit_code == 0, result.output
    assert load_assessment(out).requirements[-1].id == "R-9"


def test_workbook_import_dry_run_shows_the_differences(assessment: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    assert _run("export", assessment, "-o", book).exit_code == 0
    data = json.loads(assessment.read_text(encoding="utf-8"))
    data["title"] = "Changed since the export"
    assessment.write_text(json.dumps(data), encoding="utf-8")
    before = assessment.read_bytes()
    result = _run("import", book, "-o", assessment, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "1 change(s) from book.xlsx" in result.output
    assert "title: 'Changed since the export' -> 'Fjordby Kommune - ESG-arkitektur 2026'" in result.output
    assert assessment.read_bytes() == before
    fresh = tmp_path / "fresh.json"
    result = _run("import", book, "-o", fresh, "--dry-run")
    assert "does not exist: it would be written" in result.output and not fresh.exists()
