"""The ``variants`` command: the assessment and its variants side by side as text (English and Danish)
and as JSON, the engine's figures, and a variant that leaves nothing to score listed with its problem."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.domain.assessment import Variant, WeightOverride
from esg_workbench.formats import format_number
from esg_workbench.scoring.variants import compare

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json"


def _file(tmp_path: Path) -> Path:
    a = load_assessment(SAMPLE)
    variants = [
        Variant(
            id="var-vendor", name="Vendor first", weights=[WeightOverride(target_id="vendor_viability", weight=60)]
        ),
        Variant(id="var-none", name="Nothing left", excluded_option_ids=[o.id for o in a.options]),
    ]
    path = tmp_path / "with-variants.json"
    path.write_text(a.model_copy(update={"variants": variants}).model_dump_json(), encoding="utf-8")
    return path


def test_text_shows_the_engines_winners_and_the_differences(tmp_path: Path) -> None:
    path = _file(tmp_path)
    run = CliRunner().invoke(cli, ["variants", str(path), "--samples", "0"])
    assert run.exit_code == 0, run.output
    expected = compare(load_assessment(path), samples=0)
    vendor = expected.results[1]
    names = expected.option_names
    total = format_number(vendor.totals[vendor.recommended], "en", 1)
    assert f"Recommended: {names[vendor.recommended]} · Its total {total}" in run.output
    assert "criteria[vendor_viability].weight: 4.0 -> 60.0" in run.output
    assert "variants[1].excluded_option_ids: variant 'Nothing left' excludes every option" in run.output
    danish = CliRunner().invoke(cli, ["variants", str(path), "--samples", "0", "--lang", "da"])
    assert "Anbefalet:" in danish.output and "varianten 'Nothing left' udelukker alle løsninger" in danish.output


def test_json_is_the_comparison(tmp_path: Path) -> None:
    path = _file(tmp_path)
    run = CliRunner().invoke(cli, ["variants", str(path), "--samples", "0", "--json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    assert [r["name"] for r in data["results"]][1:] == ["Vendor first", "Nothing left"]
    assert data == json.loads(compare(load_assessment(path), samples=0).model_dump_json())
