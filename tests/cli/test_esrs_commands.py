"""The esrs commands: import (exit 1 for an invalid or unsafe workbook, 2 for I/O), list and show, on a
SQLite store with the generated IG 3 fixture."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from esg_workbench.cli import cli
from esg_workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_ig3", ROOT / "tests" / "fixtures" / "ig3" / "make_ig3.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_ig3 = _load_generator()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "ig3.xlsx"
    path.write_bytes(make_ig3.build_ig3_workbook())
    return path


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, "esrs", *args], catch_exceptions=False)


def test_import_stores_the_catalogue_and_reports_corrections(db: str, workbook: Path) -> None:
    result = run(db, "import", str(workbook))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "ig3.xlsx: imported efrag-ig3 version 2024-06-05 for esrs-set1@2023: 21 datapoints, "
        "15 disclosure requirements, 12 sheets"
    )
    assert lines[1].startswith("  corrected: S2-1_02 (sheet 'ESRS S2' row 4 column B (ESRS)): source says ESRS 'S1'")
    assert lines[2] == "  filled: 1 blank value(s) taken from sibling rows (--verbose lists them)"
    with Store(db) as store:
        stored = store.load_datapoint_catalogue("efrag-ig3")
    assert (stored.version, len(stored.datapoints), stored.source_filename) == ("2024-06-05", 21, "ig3.xlsx")


def test_import_verbose_lists_filled_values(db: str, workbook: Path) -> None:
    result = run(db, "import", str(workbook), "--verbose", "--id", "mine", "--version", "v1")
    assert result.exit_code == 0, result.output
    assert "imported mine version v1" in result.stdout
    assert "  filled: E1.MDR-P_07-08 (sheet 'ESRS E1' row 6 column C (DR)): DR blank in source" in result.stdout


def test_import_twice_needs_replace(db: str, workbook: Path) -> None:
    assert run(db, "import", str(workbook)).exit_code == 0
    again = run(db, "import", str(workbook))
    assert again.exit_code == 1
    assert "already stored" in again.stderr and "use --replace" in again.stderr
    assert run(db, "import", str(workbook), "--replace").exit_code == 0


def test_invalid_workbook_lists_problems_exits_1_and_stores_nothing(db: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(make_ig3.build_ig3_workbook("missing_name_column"))
    result = run(db, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "broken.xlsx: not a valid IG 3 datapoint list: 1 problem(s)",
        "  sheet 'ESRS E1': no column 'Name' in header row 2",
    ]
    assert "no datapoint catalogues stored" in run(db, "list").stdout


def test_unsafe_workbook_exits_1(db: str, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    result = run(db, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: old.xls: this is an old Excel 97-2003 .xls file")


def test_unreadable_file_exits_2(db: str, tmp_path: Path) -> None:
    result = run(db, "import", str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 2
    assert "missing.xlsx: No such file or directory" in result.stderr


def test_bad_catalogue_id_is_a_usage_error(db: str, workbook: Path) -> None:
    result = run(db, "import", str(workbook), "--id", "my list")
    assert result.exit_code == 2
    assert "Invalid value for '--id': catalogue id 'my list': use 1-64 letters" in result.stderr


def test_list_and_show(db: str, workbook: Path) -> None:
    run(db, "import", str(workbook))
    listed = run(db, "list")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].split() == [
        "ID",
        "VERSION",
        "FOR",
        "IMPORTED",
        "DATAPOINTS",
        "SOURCE",
        "TITLE",
    ]
    assert listed.stdout.splitlines()[1].split()[:2] == ["efrag-ig3", "2024-06-05"]

    shown = run(db, "show", "e1-6")  # any case
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0] == "efrag-ig3 2024-06-05: E1-6, 2 datapoint(s)"
    assert lines[2].split()[:3] == ["E1-6_01", "44", "a"]
    assert lines[3].split()[:5] == ["E1-6_02", "AR", "39", "Table", "3/Decimal"]
    assert lines[3].split()[5:] == ["VA", "Fixture", "optional", "breakdown"]


def test_show_unknown_dr_suggests_close_codes(db: str, workbook: Path) -> None:
    run(db, "import", str(workbook))
    result = run(db, "show", "E1-7")
    assert result.exit_code == 2
    assert "no datapoints for DR 'E1-7' in catalogue efrag-ig3 2024-06-05; did you mean E1-6" in result.stderr


def test_show_without_a_catalogue_exits_2(db: str) -> None:
    result = run(db, "show", "E1-6", "--catalogue", "nope")
    assert result.exit_code == 2
    assert "no datapoint catalogue 'nope' in the store" in result.stderr


@pytest.mark.parametrize("command", ["import", "list", "show"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, ["esrs", command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_a_list_is_tied_to_the_catalogue_version_it_is_imported_for(db: str, workbook: Path) -> None:
    """IG 3 is the list of ESRS Set 1: imported for the amended ESRS its old codes are refused, by row."""
    wrong = CliRunner().invoke(cli, ["--db", db, "esrs", "import", str(workbook), "--for", "esrs-amended@2026"])
    assert wrong.exit_code == 1
    assert "disclosure requirement 'MDR-P' is not in esrs-amended 2026" in wrong.output
    with Store(db) as store:
        assert store.list_datapoint_catalogues() == []  # nothing stored
    assert run(db, "import", str(workbook)).exit_code == 0
    listed = run(db, "list")
    assert "esrs-set1@2023" in listed.output
    with Store(db) as store:
        assert store.datapoint_catalogue_for("esrs-set1", "2023").id == "efrag-ig3"
        assert store.datapoint_catalogue_for("esrs-amended", "2026") is None


def test_validate_checks_datapoint_ids_against_the_list_of_the_files_catalogue(
    db: str, workbook: Path, tmp_path: Path
) -> None:
    import json

    data = json.loads((ROOT / "tests" / "fixtures" / "assessments" / "manufacturer_set1.json").read_text())
    data["coverage"].append(
        {"id": "dp-x", "disclosure_requirement": "E1-6", "datapoint_id": "E1-6_99", "status": "gap"}
    )
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    none = CliRunner().invoke(cli, ["--db", db, "validate", str(path), "--datapoints"])
    assert none.exit_code == 2 and "no datapoint list is imported for esrs-set1 2023" in none.output
    assert run(db, "import", str(workbook)).exit_code == 0
    checked = CliRunner().invoke(cli, ["--db", db, "validate", str(path), "--datapoints"])
    assert checked.exit_code == 1
    n = len(data["coverage"]) - 1
    assert f"coverage[{n}].datapoint_id: datapoint 'E1-6_99' is not in the datapoint list efrag-ig3" in checked.output
    assert CliRunner().invoke(cli, ["--db", db, "validate", str(path)]).exit_code == 0  # without the flag: as before
