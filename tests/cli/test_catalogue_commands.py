"""The catalogue and scope commands: list the versions, move a file (dry run writes nothing, -o writes the
moved assessment), refusals with exit code 2, and db move as a new revision or a copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from esg_workbench.cli import cli
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.store import Store

SET1 = PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "manufacturer_set1.json"
MUNICIPALITY = PROJECT_ROOT / "sample_data" / "municipality.json"


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, list(args))


def test_catalogue_list_names_every_version_with_its_dates() -> None:
    result = run("catalogue", "list")
    assert result.exit_code == 0, result.output
    assert "esrs-amended@2026  ESRS 2026 (default for a new assessment)" in result.output
    assert "esrs-set1@2023" in result.output and "vsme@2025" in result.output
    assert "financial years from 2027-01-01" in result.output


def test_a_dry_run_lists_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    before = SET1.read_bytes()
    result = run("catalogue", "move", str(SET1), "--to", "esrs-amended@2026")
    assert result.exit_code == 0, result.output
    assert "29 coverage item(s) map, 2 need review, 0 dropped" in result.output
    assert "cov-e1-5: E1-5 -> E1-7 (renamed)" in result.output
    assert "needs_review  cov-g1-2: G1-2 (split; candidates G1-1, G1-2)" in result.output
    assert SET1.read_bytes() == before and list(tmp_path.iterdir()) == []


def test_move_with_output_writes_a_valid_assessment_on_the_new_version(tmp_path: Path) -> None:
    out = tmp_path / "moved.json"
    result = run("catalogue", "move", str(SET1), "--to", "esrs-amended@2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["catalogue"] == {"id": "esrs-amended", "version": "2026"}
    assert len(data["coverage"]) == len(json.loads(SET1.read_text(encoding="utf-8"))["coverage"])
    assert run("validate", str(out)).exit_code == 0
    dry = json.loads(run("catalogue", "move", str(SET1), "--to", "esrs-amended@2026", "--json").output)
    assert dry["counts"] == {"maps": 29, "needs_review": 2, "dropped": 0, "unchanged": 0}


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("vsme@2025", "no mapping from esrs-set1 2023 to vsme 2025"),
        ("esrs-amended", "write it as ID@VERSION"),
        ("esrs-amended@1999", "unknown catalogue 'esrs-amended 1999'"),
    ],
)
def test_a_move_that_cannot_be_made_says_why_and_exits_2(tmp_path: Path, target: str, message: str) -> None:
    out = tmp_path / "moved.json"
    result = run("catalogue", "move", str(SET1), "--to", target, "-o", str(out))
    assert result.exit_code == 2 and message in result.output
    assert not out.exists()


def test_a_broken_mapping_file_is_named_with_its_row(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (PROJECT_ROOT / "frameworks" / "esrs" / "mappings" / "esrs-set1-2023--esrs-amended-2026.yaml").read_text()
    )
    data["rows"][5]["to"] = ["NOPE-1"]
    mapping = tmp_path / "mine.yaml"
    mapping.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("catalogue", "move", str(SET1), "--to", "esrs-amended@2026", "--mapping", str(mapping))
    assert result.exit_code == 2
    assert "mine.yaml: rows[5].to[0]: 'NOPE-1' is not a disclosure requirement of esrs-amended 2026" in result.output


def test_scope_of_the_municipality_in_both_languages() -> None:
    en = run("scope", str(MUNICIPALITY))
    assert en.exit_code == 0, en.output
    assert en.output.startswith("Not in CSRD scope; voluntary reporting (VSME, or the ESRS used voluntarily).")
    assert "Rules as of 2026-03-18" in en.output and "Directive (EU) 2026/470" in en.output
    da = run("scope", str(MUNICIPALITY), "--lang", "da")
    assert da.output.startswith("Ikke omfattet af CSRD; frivillig rapportering")


def test_scope_from_options_and_as_json() -> None:
    result = run("scope", "--employees", "1500", "--turnover-mdkk", "4000", "--listed", "--json")
    data = json.loads(result.output)
    assert (data["outcome"], data["first_financial_year"]) == ("in_scope", 2024)
    assert data["headline"] == "In CSRD scope: mandatory reporting against the ESRS from financial year 2024."


def test_db_move_makes_a_new_revision_or_a_copy(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    assert CliRunner().invoke(cli, ["--db", db, "db", "save", str(SET1)]).exit_code == 0
    dry = CliRunner().invoke(
        cli, ["--db", db, "db", "move", "nordhavn-components-2026", "--to", "esrs-amended@2026", "--dry-run"]
    )
    assert dry.exit_code == 0 and "2 need review" in dry.output
    with Store(db) as store:
        assert store.load("nordhavn-components-2026").revision == 1
    copy = CliRunner().invoke(
        cli, ["--db", db, "db", "move", "nordhavn-components-2026", "--to", "esrs-amended@2026", "--copy"]
    )
    assert copy.exit_code == 0, copy.output
    moved = CliRunner().invoke(cli, ["--db", db, "db", "move", "nordhavn-components-2026", "--to", "esrs-amended@2026"])
    assert moved.exit_code == 0 and "revision 2" in moved.output
    with Store(db) as store:
        stored = store.load("nordhavn-components-2026")
        assert (stored.assessment.catalogue.id, stored.revision) == ("esrs-amended", 2)
        assert store.load("nordhavn-components-2026", revision=1).assessment.catalogue.id == "esrs-set1"
        assert len(store.list_assessments()) == 2


def test_new_works_against_the_amended_esrs_unless_told_otherwise(tmp_path: Path) -> None:
    default = run("new", str(tmp_path / "a.json"), "--name", "Acme")
    assert default.exit_code == 0 and "working against esrs-amended 2026" in default.output
    assert json.loads((tmp_path / "a.json").read_text())["catalogue"] == {"id": "esrs-amended", "version": "2026"}
    vsme = run("new", str(tmp_path / "b.json"), "--name", "Acme", "--catalogue", "vsme@2025")
    assert vsme.exit_code == 0 and json.loads((tmp_path / "b.json").read_text())["catalogue"]["id"] == "vsme"
    bad = run("new", str(tmp_path / "c.json"), "--name", "Acme", "--catalogue", "esrs@1")
    assert bad.exit_code == 2 and "unknown catalogue 'esrs@1'" in bad.output and not (tmp_path / "c.json").exists()
