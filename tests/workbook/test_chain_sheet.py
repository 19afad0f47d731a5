"""The workbook's Chain sheet: the core's chain as exported (same rows, same texts), protected with an
Excel filter, and never read back: an export imported again gives the same assessment, also when
someone changed the Chain sheet in a spreadsheet program."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from workbook_helpers import edit

from esg_workbench.chain import CSV_COLUMNS, cell_values, chain_of, headers
from esg_workbench.frameworks import framework_for_assessment
from esg_workbench.workbook import import_workbook
from esg_workbench.workbook.layout import FIRST_DATA_ROW, HEADER_ROW
from esg_workbench.workbook.texts import SHEET_NAMES


@pytest.mark.parametrize(("name", "lang"), [("manufacturer", "da"), ("municipality", "en")])
def test_the_sheet_holds_the_chain_as_computed(exported: Callable, sample: Callable, name: str, lang: str) -> None:
    assessment = sample(name)
    framework = framework_for_assessment(assessment)
    chain = chain_of(assessment, framework)
    book = openpyxl.load_workbook(io.BytesIO(exported(name, lang)))
    ws = book[SHEET_NAMES["chain"][lang == "da"]]
    assert ws.protection.sheet and ws.protection.autoFilter is False  # protected; filtering allowed
    assert ws.auto_filter.ref == f"A{HEADER_ROW + 1}:R{FIRST_DATA_ROW + len(chain.rows)}"
    assert ws.cell(HEADER_ROW, 1).value == chain.sentence(lang)
    assert [c.value for c in ws[HEADER_ROW + 1]] == headers(lang)
    cells = [
        ["" if v is None else v for v in row]
        for row in ws.iter_rows(min_row=FIRST_DATA_ROW + 1, max_row=FIRST_DATA_ROW + len(chain.rows), values_only=True)
    ]
    expected = [[cell_values(r, framework, lang)[c] for c in CSV_COLUMNS] for r in chain.rows]
    assert cells == expected
    note = ws.cell(FIRST_DATA_ROW + len(chain.rows) + 2, 1).value
    assert SHEET_NAMES["coverage"][lang == "da"] in note and SHEET_NAMES["roles"][lang == "da"] in note


@pytest.mark.parametrize("name", ["municipality", "manufacturer"])
def test_export_and_import_leave_the_assessment_unchanged(exported: Callable, sample: Callable, name: str) -> None:
    assessment = sample(name)
    assert import_workbook(exported(name, "en")).model_dump() == assessment.model_dump()


def test_an_edited_chain_sheet_is_not_read_back(exported: Callable, sample: Callable) -> None:
    """A user who unprotects the Chain sheet and types over it changes nothing: the import reads the
    input sheets only (README: the Chain sheet is read-only)."""

    def scribble(book: openpyxl.Workbook) -> None:
        ws = book[SHEET_NAMES["chain"][0]]
        ws.protection.sheet = False
        first = FIRST_DATA_ROW + 1
        ws.cell(first, CSV_COLUMNS.index("status") + 1, "Automated")
        ws.cell(first, CSV_COLUMNS.index("data_source_id") + 1, "ds-el")
        ws.cell(first, CSV_COLUMNS.index("owner_role_id") + 1, "nobody")
        ws.append(["E1", "E1-6", "", "", "cov-new", "yes", "ds-el"])

    changed = edit(exported("municipality", "en"), scribble)
    assert import_workbook(changed).model_dump() == sample("municipality").model_dump()
