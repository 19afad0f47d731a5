"""The decision workshop in the workbook: the stakeholders, their weights and their AHP judgements each
have a sheet, the group settings sit on the settings sheet, and all of it comes back through import
(edited in Excel or not); a reference to a stakeholder who does not exist is refused with its place."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable

import openpyxl
import pytest
from workbook_helpers import edit, find_row

from esg_workbench.domain import Assessment
from esg_workbench.domain.assessment import Stakeholder, StakeholderJudgement, StakeholderWeight
from esg_workbench.workbook import WorkbookInvalid, export_workbook_bytes, import_workbook


def workshop(base: Assessment) -> Assessment:
    criteria = [c.id for c in base.criteria]
    stakeholders = [
        Stakeholder(id="sh-cfo", name="CFO", role="Finance", voting_weight=2, method="points"),
        Stakeholder(id="sh-cio", name="CIO", method="ahp"),
        Stakeholder(id="sh-esg", name="Sustainability lead", role="ESG", method="moscow"),
        Stakeholder(id="sh-coo", name="COO", method="rank"),
    ]
    weights = [StakeholderWeight(stakeholder_id="sh-cfo", criterion_id=c, value=5 + i) for i, c in enumerate(criteria)]
    weights += [
        StakeholderWeight(stakeholder_id="sh-esg", criterion_id=c, priority=("must", "should", "could")[i % 3])
        for i, c in enumerate(criteria)
    ]
    weights += [StakeholderWeight(stakeholder_id="sh-coo", criterion_id=c, rank=i + 1) for i, c in enumerate(criteria)]
    judgements = [
        StakeholderJudgement(stakeholder_id="sh-cio", a=a, b=b, ratio=1 / 3 if i % 2 else 2)
        for i, (a, b) in enumerate(itertools.combinations(criteria[:5], 2))
    ]
    ranked = [
        c.model_copy(update={"rank": i + 1, "weight_spread": 0.1 if i == 0 else None})
        for i, c in enumerate(base.criteria)
    ]
    return base.model_copy(
        update={
            "criteria": ranked,
            "stakeholders": stakeholders,
            "stakeholder_weights": weights,
            "stakeholder_judgements": judgements,
            "weighting": base.weighting.model_copy(
                update={"use_group": False, "aggregation": "priorities_arithmetic", "weight_spread": 0.25}
            ),
        }
    )


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_workshop_comes_back_unchanged(lang: str, sample: Callable) -> None:
    original = workshop(sample("manufacturer"))
    book = export_workbook_bytes(original, lang, samples=0)
    names = openpyxl.load_workbook(io.BytesIO(book), read_only=True).sheetnames
    expected = ("Stakeholders", "Stakeholder weights", "Stakeholder AHP") if lang == "en" else ("Interessenter",)
    assert set(expected) <= set(names)
    assert import_workbook(book) == original


def test_a_voting_weight_changed_in_excel_comes_back(sample: Callable) -> None:
    original = workshop(sample("manufacturer"))

    def give_the_cio_three_votes(wb: openpyxl.Workbook) -> None:
        ws = wb["Stakeholders"]
        [column] = [c.column for r in ws.iter_rows(max_row=10) for c in r if c.value == "Voting weight"]
        ws.cell(find_row(ws, 1, "sh-cio"), column).value = 3

    imported = import_workbook(edit(export_workbook_bytes(original, "en", samples=0), give_the_cio_three_votes))
    assert imported.stakeholders[1].voting_weight == 3
    assert imported.model_copy(update={"stakeholders": original.stakeholders}) == original


def test_a_weight_of_an_unknown_stakeholder_is_refused_with_its_place(sample: Callable) -> None:
    original = workshop(sample("manufacturer"))

    def misspell(wb: openpyxl.Workbook) -> None:
        ws = wb["Stakeholder weights"]
        row = find_row(ws, 1, "sh-cfo")
        ws.cell(row, 1).value = "sh-cfoo"

    with pytest.raises(WorkbookInvalid) as refused:
        import_workbook(edit(export_workbook_bytes(original, "en", samples=0), misspell))
    messages = [str(p) for p in refused.value.problems]
    assert any("sh-cfoo" in m and "stakeholder" in m for m in messages), messages


def test_a_deleted_stakeholder_sheet_is_refused_not_dropped(sample: Callable) -> None:
    """Workbooks of format 1 (before the workshop) have no stakeholder sheets and import without them
    (tests/domain/test_migrations.py); in a workbook of this format a missing sheet would lose what was
    typed there, so it is refused."""

    def delete(wb: openpyxl.Workbook) -> None:
        del wb["Stakeholders"]

    with pytest.raises(WorkbookInvalid) as refused:
        import_workbook(edit(export_workbook_bytes(workshop(sample("manufacturer")), "en", samples=0), delete))
    assert any("Stakeholders" in str(p) and "missing" in str(p) for p in refused.value.problems)
