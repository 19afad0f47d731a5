"""The exported workbook is usable and safe: sheets in order and language, Excel tables with headers,
frozen panes, drop-downs for every vocabulary and reference, range checks, print setup, defined names,
protected computed sheets; user text always a string cell; what cannot be stored exactly is refused."""

from __future__ import annotations

import io
import math
import re
import string
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
from workbook_helpers import part_of

from esg_workbench.domain import Assessment, AssessmentInvalid
from esg_workbench.messages import translate
from esg_workbench.workbook import export_workbook, export_workbook_bytes, import_workbook
from esg_workbench.workbook.layout import FIRST_DATA_ROW, Kind, TableSheet
from esg_workbench.workbook.sheet_columns import INPUT_SHEETS, SHEET_ORDER, TABLES
from esg_workbench.workbook.texts import SHEET_NAMES

DROP_DOWN_KINDS = {Kind.VOCAB, Kind.ENUM, Kind.REF, Kind.BOOL, Kind.ESRS_STANDARD, Kind.ESRS_DR}


@pytest.fixture(scope="module")
def book(exported: Callable) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(exported("municipality", "en")))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_sheets_are_in_order_and_in_the_chosen_language(exported: Callable, lang: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(exported("manufacturer", lang)))
    assert workbook.sheetnames == [SHEET_NAMES[k][lang == "da"] for k in SHEET_ORDER]
    assert workbook.active.title == SHEET_NAMES["summary"][lang == "da"]
    assert workbook[SHEET_NAMES["lists"][lang == "da"]].sheet_state == "hidden"


def test_every_input_list_is_an_excel_table_with_frozen_headers(book: openpyxl.Workbook) -> None:
    for spec in TABLES:
        ws = book[SHEET_NAMES[spec.key][0]]
        assert f"tbl_{spec.key}" in ws.tables, spec.key
        assert ws.tables[f"tbl_{spec.key}"].ref.startswith("A4:")
        assert ws.freeze_panes == "B5"
        assert ws.row_dimensions[3].hidden  # the field ids
        assert ws.cell(3, 1).value == f"{spec.key}/{spec.columns[0].field}"
        assert ws.print_title_rows == "$4:$4"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def _validations(ws) -> list[tuple[str, str | None, str]]:
    return [(str(dv.sqref), dv.formula1, dv.type) for dv in ws.data_validations.dataValidation]


def _column_rule(ws, spec: TableSheet, field: str) -> tuple[str | None, str] | None:
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == f"{spec.key}/{field}")
    cell = f"{openpyxl.utils.get_column_letter(col)}{FIRST_DATA_ROW + 1}"
    for sqref, formula, kind in _validations(ws):
        if cell in sqref.split(":")[0:1] or sqref.startswith(cell + ":"):
            return formula, kind
    return None


def test_every_vocabulary_and_reference_column_has_a_drop_down(book: openpyxl.Workbook) -> None:
    for spec in TABLES:
        ws = book[SHEET_NAMES[spec.key][0]]
        for column in spec.columns:
            rule = _column_rule(ws, spec, column.field)
            if column.kind in DROP_DOWN_KINDS:
                assert rule is not None and rule[1] == "list", (spec.key, column.field)
            elif column.kind in (Kind.NUMBER, Kind.INT, Kind.DATE):
                assert rule is not None and rule[1] in ("decimal", "whole", "date"), (spec.key, column.field)


def _validation_messages(book: openpyxl.Workbook) -> list[str]:
    return [dv.error for ws in book.worksheets for dv in ws.data_validations.dataValidation if dv.error]


def _as_pattern(template: str) -> str:
    return "".join(re.escape(part) + (".+" if name else "") for part, name, _, _ in string.Formatter().parse(template))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_validation_messages_are_in_the_workbooks_language(exported: Callable, lang: str) -> None:
    """What Excel says on a refused value comes from the catalogue in the workbook's language (a Danish
    workbook said "Choose a value from the list." and "A number 0 - 0.5")."""
    book = openpyxl.load_workbook(io.BytesIO(exported("manufacturer", lang)))
    templates = {
        key: _as_pattern(translate(f"workbook.validation.{key}", lang))
        for key in ("list", "true_false", "id", "new_id", "number", "date", "length")
    }
    said = {
        message: [key for key, pattern in templates.items() if re.fullmatch(pattern, message)]
        for message in _validation_messages(book)
    }
    assert {m: keys for m, keys in said.items() if not keys} == {}
    assert {key for keys in said.values() for key in keys} == set(templates)  # every kind of rule is seen
    if lang == "da":
        assert "Et tal 0 - 0,5" in said and "Vælg en værdi fra listen." in said
        assert not any(translate("workbook.validation.list", "en") in m for m in said)


def test_drop_downs_point_at_live_id_columns_and_vocabularies(book: openpyxl.Workbook) -> None:
    ws = book["Data sources"]
    assert _column_rule(ws, INPUT_SHEETS["data_sources"], "system_id")[0] == "ids_systems"
    assert _column_rule(ws, INPUT_SHEETS["data_sources"], "quality")[0] == "vocab_data_quality"
    assert "'Systems'!$A$5:$A$" in book.defined_names["ids_systems"].attr_text
    assert _column_rule(book["Criteria and weights"], INPUT_SHEETS["criteria"], "weight")[1] == "decimal"


def test_key_ranges_have_defined_names(book: openpyxl.Workbook) -> None:
    for name in (
        "weights",
        "totals",
        "ranks",
        "eligible",
        "tco_npv",
        "horizon_years",
        "discount_rate",
        "option_ids",
        "ids_options",
        "ids_criteria",
        "scores_value",
        "weights_input",
        "vocab_sector",
        "lbl_sector",
    ):
        assert name in book.defined_names, name
    assert book.defined_names["horizon_years"].attr_text == "'Decision and settings'!$C$6"


def test_computed_sheets_are_protected_and_input_sheets_are_not(book: openpyxl.Workbook) -> None:
    for key in ("scoring", "ranking", "tco", "gates", "esrs_coverage", "readiness", "summary"):
        assert book[SHEET_NAMES[key][0]].protection.sheet, key
    for key in INPUT_SHEETS:
        assert not book[SHEET_NAMES[key][0]].protection.sheet, key


def test_charts_are_there(exported: Callable) -> None:
    archive = zipfile.ZipFile(io.BytesIO(exported("municipality", "en")))
    assert (
        len([n for n in archive.namelist() if n.startswith("xl/charts/chart")]) == 7
    )  # maturity, coverage, readiness, TCO, business case (score against cost), ranking, sensitivity


def test_user_text_is_written_as_text_never_as_a_formula(sample: Callable) -> None:
    hostile = [
        "=1+1",
        "+SUM(A1)",
        "-2+3",
        "@cmd",
        "\t=1",
        "\r\n=1",
        '=HYPERLINK("http://x")',
        "#N/A",
        "<r><t>x</t></r>",
    ]
    base = sample("manufacturer")
    # A name is one line without control characters (domain.fields): its hostile text starts with "=".
    roles = [
        r.model_copy(update={"notes": text, "name": text if text.isprintable() else "=" + text.strip()})
        for r, text in zip(base.roles, hostile, strict=False)
    ]
    roles += base.roles[len(roles) :]
    assessment = base.model_copy(update={"roles": roles})
    data = export_workbook_bytes(assessment, samples=0)
    _, xml = part_of(data, "Roles")
    # Names (B) and notes (G) of the data rows: every one a shared string, none a formula.
    cells = re.findall(rb'<c r="[BG](\d+)"([^>]*)>(.*?)</c>', xml)
    written = [(attrs, body) for row, attrs, body in cells if int(row) >= FIRST_DATA_ROW + 1]
    assert len(written) >= 2 * len(hostile)
    assert all(b't="s"' in attrs and b"<f>" not in body for attrs, body in written)
    assert import_workbook(data) == assessment


def test_values_a_cell_cannot_hold_exactly_are_refused_with_their_paths(sample: Callable, tmp_path) -> None:
    base = sample("municipality")
    roles = list(base.roles)
    roles[1] = roles[1].model_copy(update={"notes": "😀" * 20_000})
    sources = list(base.data_sources)
    sources[0] = sources[0].model_copy(update={"manual_effort_hours_per_year": math.inf})
    org = base.organisation.model_copy(update={"employees": 2**60})
    bad = base.model_copy(update={"roles": roles, "data_sources": sources, "organisation": org})
    target = tmp_path / "refused.xlsx"
    with pytest.raises(AssessmentInvalid) as info:
        export_workbook(bad, target, samples=0)
    assert [str(p) for p in info.value.problems] == [
        "organisation.employees: cannot be written to the workbook: 1152921504606846976 is too large for a "
        "spreadsheet number (at most 9,007,199,254,740,992 exactly)",
        "roles[1].notes: cannot be written to the workbook: text is 40,000 characters long (as Excel counts them); "
        "a cell holds at most 32,767",
        "data_sources[0].manual_effort_hours_per_year: cannot be written to the workbook: inf is not a finite number",
    ]
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_export_to_a_file_object(sample: Callable) -> None:
    buffer = io.BytesIO()
    export_workbook(sample("manufacturer"), buffer, "da", samples=0)
    assert import_workbook(buffer.getvalue()) == sample("manufacturer")


def test_an_assessment_that_cannot_be_scored_yet_still_exports(sample: Callable) -> None:
    fresh = sample("municipality").model_copy(
        update={
            "criteria": [],
            "scores": [],
            "requirements": [r.model_copy(update={"criterion_ids": []}) for r in sample("municipality").requirements],
        }
    )
    data = export_workbook_bytes(fresh, samples=0)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook["Ranking"]["A4"].value == "The options cannot be scored yet:"
    assert "no criteria" in workbook["Ranking"]["A5"].value
    assert import_workbook(data) == fresh


def test_the_language_argument_is_checked(sample: Callable) -> None:
    with pytest.raises(ValueError, match="language must be 'en' or 'da'"):
        export_workbook_bytes(sample("municipality"), "de")


def test_exported_sample_with_labels(book: openpyxl.Workbook, sample: Callable) -> None:
    a: Assessment = sample("municipality")
    ws = book["Systems"]
    assert ws["C5"].value == a.systems[0].category
    assert ws["D5"].value.startswith("=IFERROR(VLOOKUP(C5,lbl_system_category,2,FALSE)")


def _recommendation_text(data: bytes, lang: str) -> str:
    summary = openpyxl.load_workbook(io.BytesIO(data))[SHEET_NAMES["summary"][lang == "da"]]
    start = "Anbefalet løsning:" if lang == "da" else "Recommended:"
    texts = [
        v for row in summary.iter_rows(values_only=True) for v in row if isinstance(v, str) and v.startswith(start)
    ]
    assert len(texts) == 1, texts
    return texts[0]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_recommendation_names_the_archetype_by_its_label(
    exported: Callable, sample: Callable, framework, lang: str
) -> None:
    """The municipality sample recommends its hybrid option: the summary shows the framework's label for
    its archetype in the workbook's language, never the archetype id."""
    option = next(o for o in sample("municipality").options if o.archetype == "hybrid_platform")
    text = _recommendation_text(exported("municipality", lang), lang)
    label = framework.archetype("hybrid_platform").name.get(lang)
    assert f"{option.name} ({label})" in text
    assert "hybrid_platform" not in text and "hybrid platform" not in text


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_result_scored_without_the_framework_still_gets_the_labels(sample: Callable, framework, lang: str) -> None:
    from esg_workbench.scoring import score

    assessment = sample("municipality")
    bare = score(assessment, samples=50)  # no framework: its own texts say "hybrid platform"
    assert "(hybrid platform)" in bare.recommendation.texts[lang]
    text = _recommendation_text(export_workbook_bytes(assessment, lang, result=bare), lang)
    assert f"({framework.archetype('hybrid_platform').name.get(lang)})" in text
    assert "hybrid platform" not in text
    # As if scored with the framework: the same draws, so the very same text.
    assert text in score(assessment, framework=framework, samples=50).recommendation.texts[lang]
