"""Criteria in groups in the workbook: the scoring sheet weighs each criterion by group share x share
within its group as live formulas, so LibreOffice and the ``formulas`` package recalculate the engine's
totals and ranks, also after a group's weight or a criterion's group is edited in the workbook; the
groups and the AHP judgements between them come back on import."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from recalc import libreoffice_convert, read_values, recalc_formulas, soffice
from test_live_formulas import _check_against_engine, tiny
from workbook_helpers import edit, find_row, put

from esg_workbench.domain import Assessment
from esg_workbench.scoring import score
from esg_workbench.scoring.weights import global_weights
from esg_workbench.workbook import export_workbook_bytes, import_workbook


def grouped_tiny() -> Assessment:
    """The live-formula test's assessment with its criteria in two groups: functional (fit, co2) weighing
    2 and economic (tco, ttfr) weighing 1, and one AHP judgement between the groups."""
    data = tiny().model_dump(mode="json")
    data["criterion_groups"] = [
        {"id": "grp-fun", "name": "Functional", "weight": 2},
        {"id": "grp-eco", "name": "Economic", "weight": 1},
    ]
    for criterion in data["criteria"]:
        criterion["group_id"] = "grp-fun" if criterion["id"] in ("fit", "co2") else "grp-eco"
    data["weighting"]["group_pairwise"] = [{"a": "grp-fun", "b": "grp-eco", "ratio": 2}]
    return Assessment.model_validate(data)


@pytest.fixture
def short_headroom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("esg_workbench.workbook.book.HEADROOM_ROWS", 5)


def test_groups_change_the_weights_and_the_result() -> None:
    flat, grouped = score(tiny(), samples=0), score(grouped_tiny(), samples=0)
    # fit 3, co2 2 in a group of 2/3; tco 2, ttfr 1 in a group of 1/3.
    assert global_weights(grouped_tiny()) == pytest.approx([2 / 3 * 3 / 5, 2 / 3 * 2 / 5, 1 / 3 * 2 / 3, 1 / 3 * 1 / 3])
    assert grouped.totals != pytest.approx(flat.totals)


@pytest.mark.usefixtures("short_headroom")
def test_the_formulas_engine_follows_the_hierarchy(tmp_path: Path) -> None:
    assessment = grouped_tiny()
    data = export_workbook_bytes(assessment, samples=0)
    _check_against_engine(data, recalc_formulas(data, tmp_path), assessment)


@pytest.mark.usefixtures("short_headroom")
def test_edited_group_weights_and_membership_flow_through(tmp_path: Path) -> None:
    data = export_workbook_bytes(grouped_tiny(), samples=0)

    def change(wb: openpyxl.Workbook) -> None:
        groups, criteria = wb["Criterion groups"], wb["Criteria and weights"]
        put(groups, find_row(groups, 1, "grp-eco"), {"weight": 5})
        put(criteria, find_row(criteria, 1, "co2"), {"group_id": "grp-eco"})

    edited = edit(data, change)
    assessment = import_workbook(edited)
    assert assessment.criterion_groups[1].weight == 5 and assessment.criterion("co2").group_id == "grp-eco"
    assert assessment.weighting.group_pairwise[0].ratio == 2  # the group judgements come back
    _check_against_engine(edited, recalc_formulas(edited, tmp_path), assessment)


def test_libreoffice_follows_the_hierarchy(tmp_path: Path) -> None:
    assert soffice() is not None, "LibreOffice (soffice) is not installed"
    assessment = grouped_tiny()
    data = export_workbook_bytes(assessment, samples=0)
    recalculated = read_values(libreoffice_convert(data, tmp_path, "xlsx"))
    # read_values leaves out empty cells: the TCO of the option without cost lines is one ("").
    values = defaultdict(str, {(s.upper(), c): v for (s, c), v in recalculated.items()})
    _check_against_engine(data, values, assessment)


def test_a_workbook_without_groups_imports_with_none() -> None:
    assessment = import_workbook(export_workbook_bytes(tiny(), samples=0))
    assert assessment.criterion_groups == [] and all(c.group_id is None for c in assessment.criteria)
