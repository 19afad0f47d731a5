"""The business case sheet is live: recalculated by LibreOffice and by the ``formulas`` package, its
hours removed, benefit and net present values, payback year, cost per point and dominance equal the
engine's ``score().business_case``, before and after the inputs are edited in the workbook; unknown
figures stay empty cells. The new input columns (automation share, start year, benefit lines, hourly
rate) come back on import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from recalc import libreoffice_convert, named_cells, read_values, recalc_formulas, soffice
from test_live_formulas import tiny
from workbook_helpers import edit, find_row, put

from esg_workbench.domain import Assessment
from esg_workbench.scoring import score
from esg_workbench.workbook import export_workbook_bytes, import_workbook

TOLERANCE = 1e-9


def business_case_tiny() -> Assessment:
    """The live-formula test's four options with business case inputs: A automates 50 % from year 1 with a
    benefit line, B automates 100 % from year 2 (so it pays back), C no share entered (unknown benefit),
    D 0 % (benefit known 0, no cost: net unknown)."""
    data = tiny().model_dump(mode="json")
    data["settings"]["hourly_rate"] = 600
    data["data_sources"] = [
        {
            "id": f"ds-{k}",
            "name": f"Source {k}",
            "source_type": "manual_spreadsheet",
            "availability": "on_request",
            "quality": "medium",
            "aggregation": "sum",
            "collection_frequency": "annual",
            "manual_effort_hours_per_year": hours,
        }
        for k, hours in enumerate((400, None, 250))
    ]
    extra = {
        "A": {
            "automation_pct": 50,
            "benefit_lines": [{"label": "Licence retired", "kind": "yearly", "amount": 40_000, "start_year": 2}],
        },
        "B": {"automation_pct": 100, "automation_from_year": 2},
        "D": {"automation_pct": 0},
    }
    for option in data["options"]:
        option.update(extra.get(option["id"], {}))
    # B runs dearer than A for the same scores, so A dominates it; B earns more than it costs from year 2 on.
    data["options"][1]["cost_lines"][1]["amount"] = 210_000
    data["options"][1]["benefit_lines"] = [{"label": "Fees", "kind": "yearly", "amount": 600_000, "start_year": 1}]
    return Assessment.model_validate(data)


def check_business_case(data: bytes, values: dict, assessment: Assessment) -> None:
    result = score(assessment, samples=0)
    ids = [o.id for o in assessment.options]

    def named(name: str) -> list:
        return [values.get((sheet.upper(), cell)) for sheet, cell in named_cells(data, name)]

    columns = zip(
        ids,
        named("bc_hours"),
        named("bc_benefit_npv"),
        named("bc_net_npv"),
        named("bc_payback"),
        named("bc_cost_per_point"),
        named("bc_dominated"),
        strict=True,
    )
    for option_id, hours, benefit, net, payback, per_point, dominated in columns:
        case = result.business_case[option_id]
        for got, want in ((hours, case.hours_removed_per_year), (benefit, case.benefit_npv), (net, case.net_npv)):
            if want is None:
                assert got in ("", None), option_id  # not known: an empty cell, never 0
            else:
                assert got == pytest.approx(want, rel=TOLERANCE, abs=TOLERANCE), option_id
        if case.payback_year is not None:
            assert payback == case.payback_year, option_id
        elif case.known:
            assert isinstance(payback, str) and payback, option_id  # "not within the horizon"
        else:
            assert payback in ("", None), option_id
        if case.cost_per_point is None:
            assert per_point in ("", None), option_id
        else:
            assert per_point == pytest.approx(case.cost_per_point, rel=1e-8), option_id
        if case.cost_npv is None:
            assert dominated in ("", None), option_id
        else:
            assert dominated == len(case.dominated_by), option_id


def test_the_tiny_case_exercises_every_rule() -> None:
    result = score(business_case_tiny(), samples=0)
    cases = result.business_case
    assert cases["A"].missing == [] and cases["A"].payback_year is None
    assert cases["B"].payback_year is not None
    assert cases["C"].missing == ["automation_share"]
    assert cases["D"].benefit_npv == 0 and cases["D"].missing == ["cost"]
    assert result.sources_without_hours == ["ds-1"]
    assert any(c.dominated_by for c in cases.values())


@pytest.fixture
def short_headroom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("esg_workbench.workbook.book.HEADROOM_ROWS", 5)


@pytest.mark.usefixtures("short_headroom")
def test_the_formulas_engine_reproduces_the_business_case(tmp_path: Path) -> None:
    assessment = business_case_tiny()
    data = export_workbook_bytes(assessment, samples=0)
    check_business_case(data, recalc_formulas(data, tmp_path), assessment)


@pytest.mark.usefixtures("short_headroom")
def test_edited_business_case_inputs_flow_through(tmp_path: Path) -> None:
    data = export_workbook_bytes(business_case_tiny(), samples=0)

    def change(wb: openpyxl.Workbook) -> None:
        options, settings = wb["Options"], wb["Decision and settings"]
        put(options, find_row(options, 1, "C"), {"automation_pct": 80})
        put(options, find_row(options, 1, "A"), {"automation_from_year": 3})
        settings.cell(find_row(settings, 1, "settings.hourly_rate"), 3).value = 900

    edited = edit(data, change)
    assessment = import_workbook(edited)
    assert assessment.settings.hourly_rate == 900
    assert assessment.option("C").automation_pct == 80 and assessment.option("A").automation_from_year == 3
    assert assessment.option("A").benefit_lines[0].amount == 40_000  # the benefit lines come back
    assert score(assessment, samples=0).business_case["C"].missing == []
    check_business_case(edited, recalc_formulas(edited, tmp_path), assessment)


def test_the_values_stored_with_the_formulas_are_the_engines(tmp_path: Path) -> None:
    assessment = business_case_tiny()
    data = export_workbook_bytes(assessment, samples=0)
    path = tmp_path / "wb.xlsx"
    path.write_bytes(data)
    check_business_case(data, {(s.upper(), c): v for (s, c), v in read_values(path).items()}, assessment)


def test_libreoffice_recalculates_the_business_case(tmp_path: Path, sample: Callable) -> None:
    assert soffice() is not None, "LibreOffice (soffice) is not installed"
    for assessment in (sample("manufacturer"), business_case_tiny()):
        data = export_workbook_bytes(assessment, samples=0)
        recalculated = read_values(libreoffice_convert(data, tmp_path / assessment.id, "xlsx"))
        check_business_case(data, {(s.upper(), c): v for (s, c), v in recalculated.items()}, assessment)
