"""Variants in the workbook: their sheets come back on import unchanged, and the comparison sheet shows
the engine's side-by-side figures (``scoring.variants.compare``) in the workbook's language."""

from __future__ import annotations

import io

import openpyxl
import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.domain.assessment import OptionOverride, Variant, WeightOverride
from esg_workbench.scoring.variants import compare
from esg_workbench.workbook import export_workbook_bytes, import_workbook

SAMPLE = "sample_data/manufacturer.json"


def _with_variants():
    from pathlib import Path

    a = load_assessment(Path(__file__).resolve().parents[2] / SAMPLE)
    variants = [
        Variant(
            id="var-compliance",
            name="Compliance first",
            ambition="compliance",
            excluded_option_ids=["opt-hybrid"],
            weights=[WeightOverride(target_id="vendor_viability", weight=60)],
        ),
        Variant(
            id="var-auto",
            name="Automation",
            ambition="automation",
            options=[OptionOverride(option_id="opt-sap", cost_factor=0.6, automation_pct=90)],
            discount_rate=0.08,
            horizon_years=7,
            hourly_rate=600,
        ),
    ]
    return a.model_copy(update={"variants": variants})


def test_variants_come_back_on_import() -> None:
    a = _with_variants()
    assert import_workbook(export_workbook_bytes(a, samples=0)).variants == a.variants


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_comparison_sheet_shows_the_engines_figures(lang: str) -> None:
    a = _with_variants()
    data = export_workbook_bytes(a, lang, samples=300)
    expected = compare(a, samples=300)
    sheet = "Variants compared" if lang == "en" else "Varianter sammenlignet"
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    rows = list(ws.iter_rows(min_row=5, max_row=4 + len(expected.results), values_only=True))
    names = {o.id: o.name for o in a.options}
    for row, result in zip(rows, expected.results, strict=True):
        winner = result.recommended
        assert row[2] == names[winner]
        assert row[3] == pytest.approx(result.totals[winner])
        assert row[4] == pytest.approx(result.first_rank_probability[winner])
        assert row[5] == pytest.approx(result.tco[winner])
        assert row[7] == len(result.differences)
    assert rows[1][0] == "Compliance first" and rows[2][0] == "Automation"
    values = [c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert "left out" in values or "udeladt" in values  # opt-hybrid in the compliance variant
    assert "criteria[vendor_viability].weight: 4.0 -> 60.0" in values
