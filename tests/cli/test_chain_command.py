"""``esg-workbench chain``: the chain as a text table or CSV, filtered by flag, standard and status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from esg_workbench.cli import cli

MUNICIPALITY = "sample_data/municipality.json"


def _run(*args: str):
    return CliRunner().invoke(cli, ["chain", *args], catch_exceptions=False)


def test_text_table_with_a_flag_filter() -> None:
    """The municipality's G1 has 3 rows with a source in a retiring system (checked by hand in
    tests/domain/test_chain.py): G1-2's payment times, G1-6's payment times and ledger, all in Opus."""
    result = _run(MUNICIPALITY, "--flag", "retiring_system", "--standard", "G1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "fjordby-kommune-2026: the chain in ESRS 2023, 3 of 283 rows"
    assert lines[1].split()[:2] == ["Disclosure", "requirement"]
    body = lines[2:-1]
    assert [line.split(" ·")[0] for line in body] == ["G1-2", "G1-6", "G1-6"]
    assert all("System to eliminate or migrate" in line for line in body)
    assert "Økonomisystem (Opus)" in body[0] and "Migrate" in body[0]
    assert lines[-1].startswith("Chain: 5 data sources live in systems to eliminate or migrate; 60 material")


def test_csv_to_stdout_in_danish_with_standard_and_status_filters() -> None:
    result = _run(MUNICIPALITY, "--csv", "--lang", "da", "--standard", "G1", "--status", "automated")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert table and all(r["Standard"] == "G1" and r["Status"] == "Automatiseret" for r in table)
    assert [r["Datakilde-id"] for r in table if r["Oplysningskrav"] == "G1-6"] == ["ds-betaling", "ds-kreditor"]


def test_csv_file_with_bom_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "chain.csv"
    result = _run("sample_data/manufacturer.json", "-o", str(out), "--flag", "under_review")
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Coverage item"], r["Flags"]) for r in rows] == [("cov-g1-2", "Under review")] * 2
    again = _run("sample_data/manufacturer.json", "-o", str(out))
    assert again.exit_code == 2 and "exists" in again.output
    assert out.read_bytes() == data


def test_unknown_flag_is_a_usage_error() -> None:
    result = _run(MUNICIPALITY, "--flag", "orphan")
    assert result.exit_code == 2
    assert "retiring_system" in result.output


def test_a_coverage_item_pointing_at_a_deleted_source_is_refused_with_its_path(tmp_path: Path) -> None:
    data = json.loads(Path(MUNICIPALITY).read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(data["coverage"]) if c["id"] == "cov-g1-6")
    data["coverage"][index]["data_source_ids"] = ["ds-gone"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["chain", str(broken)])
    assert result.exit_code == 1
    assert f"coverage[{index}].data_source_ids[0]" in result.output and "ds-gone" in result.output
