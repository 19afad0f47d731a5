"""The scoring sheets are live: recalculated by an independent engine, their totals, ranks, eligibility
and TCO equal ``score()`` to 1e-9, before and after weights, scores, costs, checks and settings are
edited in the workbook. The values stored with the formulas are the engine's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from recalc import named_cells, read_values, recalc_formulas
from workbook_helpers import edit, find_row, put

from esg_workbench.domain import Assessment
from esg_workbench.domain.assessment import Stakeholder, StakeholderWeight, Weighting
from esg_workbench.scoring import score
from esg_workbench.workbook import export_workbook_bytes, import_workbook

TOLERANCE = 1e-9


@pytest.fixture
def short_headroom(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same formulas over shorter ranges: the ``formulas`` package evaluates ranges cell by cell in
    Python, so the shipped 200 rows of headroom would cost it tens of seconds. LibreOffice checks the
    shipped ranges below."""
    monkeypatch.setattr("esg_workbench.workbook.book.HEADROOM_ROWS", 5)


def tiny() -> Assessment:
    """Four options built to hit every rule: a tie (A and B), clipping above the best anchor (C on co2),
    a missing score and a missing time to first report (D), a cost line past the horizon, an eligible
    option beaten by an ineligible one (C fails the must-have), an option never checked (D)."""
    quant = {"kind": "quantitative", "unit": ""}
    return Assessment.model_validate(
        {
            "id": "tiny",
            "title": "Tiny",
            "organisation": {"name": "Tiny A/S"},
            "criteria": [
                {"id": "fit", "name": "Fit", "weight": 3},
                {
                    "id": "co2",
                    "name": "CO2 tracked %",
                    "weight": 2,
                    **quant,
                    "direction": "higher_is_better",
                    "best": 100,
                    "worst": 0,
                },
                {
                    "id": "tco",
                    "name": "TCO",
                    "weight": 2,
                    **quant,
                    "unit": "DKK",
                    "direction": "lower_is_better",
                    "best": 1_000_000,
                    "worst": 10_000_000,
                    "value_source": "tco",
                },
                {
                    "id": "ttfr",
                    "name": "Months",
                    "weight": 1,
                    **quant,
                    "direction": "lower_is_better",
                    "best": 3,
                    "worst": 24,
                    "value_source": "time_to_first_report",
                },
            ],
            "options": [
                {
                    "id": "A",
                    "name": "Alpha",
                    "archetype": "bi_extension",
                    "time_to_first_report_months": 6,
                    "cost_lines": [
                        {"label": "Build", "kind": "one_off", "amount": 500_000},
                        {"label": "Run", "kind": "yearly", "amount": 200_000, "start_year": 1, "years": 3},
                    ],
                },
                {
                    "id": "B",
                    "name": "Beta",
                    "archetype": "erp_module",
                    "time_to_first_report_months": 6,
                    "cost_lines": [
                        {"label": "Build", "kind": "one_off", "amount": 500_000},
                        {"label": "Run", "kind": "yearly", "amount": 200_000, "start_year": 1, "years": 3},
                    ],
                },
                {
                    "id": "C",
                    "name": "Gamma",
                    "archetype": "dedicated_esg",
                    "time_to_first_report_months": 12,
                    "cost_lines": [
                        {"label": "Licence", "kind": "yearly", "amount": 1_500_000},
                        {"label": "Exit", "kind": "one_off", "amount": 9_000_000, "start_year": 7},
                    ],
                },
                {"id": "D", "name": "Delta", "archetype": "spreadsheet_interim"},
            ],
            "scores": [
                {"option_id": "A", "criterion_id": "fit", "value": 4},
                {"option_id": "A", "criterion_id": "co2", "value": 50},
                {"option_id": "B", "criterion_id": "fit", "value": 4},
                {"option_id": "B", "criterion_id": "co2", "value": 50},
                {"option_id": "C", "criterion_id": "fit", "value": 5},
                {"option_id": "C", "criterion_id": "co2", "value": 120},
                {"option_id": "D", "criterion_id": "fit", "value": 2.5},
            ],
            "requirements": [
                {"id": "r1", "text": "Audit trail", "priority": "must"},
                {"id": "r2", "text": "Dashboards", "priority": "should"},
            ],
            "must_have_checks": [
                {"option_id": "A", "requirement_id": "r1", "met": True},
                {"option_id": "B", "requirement_id": "r1", "met": True},
                {"option_id": "C", "requirement_id": "r1", "met": False},
            ],
            "settings": {"horizon_years": 5, "discount_rate": 0.04},
        }
    )


def _check_against_engine(data: bytes, values: dict, assessment: Assessment) -> None:
    result = score(assessment, samples=0)
    ids = [o.id for o in assessment.options]

    def named(name: str) -> list:
        return [values[(sheet.upper(), cell)] for sheet, cell in named_cells(data, name)]

    for option_id, total, rank, eligible, npv in zip(
        ids, named("totals"), named("ranks"), named("eligible"), named("tco_npv"), strict=True
    ):
        assert total == pytest.approx(result.totals[option_id], abs=TOLERANCE), option_id
        assert rank == result.ranks[option_id], option_id
        assert bool(eligible) is result.eligible[option_id], option_id
        if result.costs[option_id].npv is None:  # no cost entered: an empty cell, not 0
            assert npv in ("", None), option_id
        else:
            assert npv == pytest.approx(result.costs[option_id].npv, rel=TOLERANCE), option_id


@pytest.mark.usefixtures("short_headroom")
def test_the_formulas_engine_reproduces_score(tmp_path: Path) -> None:
    assessment = tiny()
    result = score(assessment, samples=0)
    assert result.ranking == ["A", "B", "C", "D"]  # the tie keeps the order; C outscores A but fails r1
    assert result.totals["C"] > result.totals["A"] == result.totals["B"]
    # D has no cost lines: missing, so 0 points on TCO (before: a TCO of 0 gave it full marks).
    assert result.costs["D"].npv is None and "tco" in result.explanations["D"].missing
    data = export_workbook_bytes(assessment, samples=0)
    _check_against_engine(data, recalc_formulas(data, tmp_path), assessment)


@pytest.mark.usefixtures("short_headroom")
def test_edits_in_the_workbook_flow_through_to_the_ranking(tmp_path: Path) -> None:
    data = export_workbook_bytes(tiny(), samples=0)

    def change(wb: openpyxl.Workbook) -> None:
        criteria, scores, cost, checks = wb["Criteria and weights"], wb["Scores"], wb["Cost"], wb["Must-have checks"]
        put(criteria, find_row(criteria, 1, "fit"), {"weight": 10})  # a weight
        put(scores, 7, {"value": 5})  # B's fit: breaks the tie
        put(cost, 6, {"amount": 50_000})  # A's yearly running cost
        put(checks, 7, {"met": True})  # C now passes the must-have
        settings = wb["Decision and settings"]
        settings.cell(find_row(settings, 1, "settings.discount_rate"), 3).value = 0.1

    edited = edit(data, change)
    assessment = import_workbook(edited)
    result = score(assessment, samples=0)
    assert result.eligible["C"] and result.ranking != ["A", "B", "C", "D"]  # the edits changed the outcome
    _check_against_engine(edited, recalc_formulas(edited, tmp_path), assessment)


def test_the_values_stored_with_the_formulas_are_the_engines(exported: Callable, municipality_result) -> None:
    data = exported("municipality", "en")
    stored = _read_bytes(data)
    result = municipality_result
    expected = {
        "totals": result.totals,
        "ranks": result.ranks,
        "eligible": result.eligible,
        "tco_npv": {o: cost.npv for o, cost in result.costs.items()},
    }
    ids = list(result.option_names)  # the options' order, as the named ranges run
    for name, by_option in expected.items():
        assert [stored[cell] for cell in named_cells(data, name)] == [by_option[o] for o in ids], name


def _read_bytes(data: bytes) -> dict:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wb.xlsx"
        path.write_bytes(data)
        return read_values(path)


@pytest.mark.usefixtures("short_headroom")
def test_with_the_group_weights_scored_the_formulas_reproduce_score(tmp_path: Path) -> None:
    """The scoring matrix holds the group's weights when they are the ones scored, so Excel's totals are
    the engine's; the criteria sheet keeps the typed weights."""
    base = tiny()
    ids = [c.id for c in base.criteria]
    assessment = base.model_copy(
        update={
            "stakeholders": [Stakeholder(id="sh-a", name="A"), Stakeholder(id="sh-b", name="B", voting_weight=3)],
            "stakeholder_weights": [
                StakeholderWeight(stakeholder_id=s, criterion_id=c, value=v)
                for s, values in (("sh-a", (1, 5, 2)), ("sh-b", (4, 1, 1)))
                for c, v in zip(ids, values, strict=False)
            ],
            "weighting": Weighting(use_group=True, aggregation="priorities_arithmetic"),
        }
    )
    result = score(assessment, samples=0)
    assert result.group.used and result.totals != score(base, samples=0).totals
    data = export_workbook_bytes(assessment, samples=0)
    _check_against_engine(data, recalc_formulas(data, tmp_path), assessment)
    assert import_workbook(data) == assessment
