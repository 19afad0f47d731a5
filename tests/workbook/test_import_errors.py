"""Every kind of bad upload is refused with a message naming what is wrong and where (sheet, cell,
column), and nothing is returned to apply: the import is all or nothing."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
from workbook_helpers import edit, find_row, part_of, put, rezip, set_inline_string

from esg_workbench.domain.problem_codes import Code
from esg_workbench.workbook import WorkbookInvalid, import_workbook, preview_import
from esg_workbench.xlsx_safety import UnsafeWorkbook, check_xlsx, read_xlsx_source


def _problems(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(WorkbookInvalid) as info:
        import_workbook(data, name="upload.xlsx", **kwargs)
    preview = preview_import(data, None, name="upload.xlsx", **kwargs)
    assert preview.assessment is None and not preview.ok  # nothing to apply
    assert [str(p) for p in preview.problems] == [str(p) for p in info.value.problems]
    return [str(p) for p in info.value.problems]


def _one(data: bytes, **kwargs) -> str:
    problems = _problems(data, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


def _refusal(data: bytes) -> tuple[list[str], bool]:
    """The problems of a refused upload, and whether it was refused before its content was read."""
    with pytest.raises(WorkbookInvalid) as info:
        import_workbook(data, name="upload.xlsx")
    return [str(p) for p in info.value.problems], info.value.unsafe


def _compound_file(*streams: str) -> bytes:
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entries += encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + b"\0" * 62
    return header + entries.ljust(512, b"\0")


@pytest.fixture
def workbook(exported: Callable) -> bytes:
    return exported("municipality", "en")


# --- refused before anything is parsed ---------------------------------------------------------------


def test_a_file_over_the_size_limit(workbook: bytes) -> None:
    assert re.fullmatch(r"the file is 0\.\d MB; the limit is 0\.0 MB", _one(workbook, max_bytes=1000))


def test_not_a_zip() -> None:
    assert "not an Excel .xlsx workbook" in _one(b"name,value\n=1+1,2\n")


def test_an_old_xls() -> None:
    assert "old Excel 97-2003 .xls file" in _one(_compound_file("Workbook"))


def test_an_encrypted_workbook() -> None:
    assert "password-protected" in _one(_compound_file("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"))


@pytest.mark.parametrize(
    ("data", "code", "danish"),
    [
        (b"", Code.WORKBOOK_EMPTY, "filen er tom"),
        (b"name,value\n=1+1,2\n", Code.WORKBOOK_NOT_ZIP, "ikke en Excel .xlsx-projektmappe"),
        (_compound_file("Workbook"), Code.WORKBOOK_OLD_XLS, "gammel Excel 97-2003 .xls-fil"),
        (
            _compound_file("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"),
            Code.WORKBOOK_ENCRYPTED,
            "adgangskode",
        ),
    ],
)
def test_a_refused_upload_is_said_in_the_users_language(data: bytes, code: Code, danish: str) -> None:
    """The refusal carries its problem code: the English message as the safety check words it, and a
    Danish one for a Danish page (it was one English-only text with no code)."""
    with pytest.raises(WorkbookInvalid) as info:
        import_workbook(data, name="upload.xlsx")
    [problem] = info.value.problems
    with pytest.raises(UnsafeWorkbook) as refused:
        read_xlsx_source(data, name="upload.xlsx") if not data else check_xlsx(data, name="upload.xlsx")
    assert (problem.code, problem.path) == (code, "")
    assert problem.message == problem.text("en") == str(refused.value).removeprefix("upload.xlsx: ")
    assert danish in problem.text("da")


def _refused_problem(data: bytes, **kwargs):
    with pytest.raises(WorkbookInvalid) as info:
        import_workbook(data, name="upload.xlsx", **kwargs)
    [problem] = info.value.problems
    assert problem.message == problem.text("en")  # the English text is the message as always
    return problem


def test_refusals_with_parameters_and_without_their_own_code(workbook: bytes) -> None:
    too_large = _refused_problem(workbook, max_bytes=1000)
    assert too_large.code == Code.WORKBOOK_TOO_LARGE and too_large.text("da").startswith("filen er 0")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    not_excel = _refused_problem(plain_zip.getvalue())
    assert not_excel.code == Code.WORKBOOK_NOT_EXCEL and "mangler delen '[Content_Types].xml'" in not_excel.text("da")
    # a refusal with no code of its own (here: an unsafe part name) is said in Danish around its English reason
    other = _refused_problem(rezip(workbook, {"../evil.xml": b"<x/>"}))
    assert other.code == Code.WORKBOOK_REFUSED and other.params["reason"] in other.text("da")
    assert other.text("da").startswith("projektmappen blev afvist")


def test_a_compression_bomb_is_refused_from_the_zip_directory(workbook: bytes) -> None:
    bomb = rezip(workbook, {"xl/media/padding.bin": b"\0" * (8 * 1024 * 1024)})
    assert "inflates" in _one(bomb) and "compression bomb" in _one(bomb)


def test_an_xml_entity_attack(workbook: bytes) -> None:
    name, xml = part_of(workbook, "Roles")
    evil = xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
    assert "declares a DOCTYPE or ENTITY" in _one(rezip(workbook, {name: evil}))


def test_a_sheet_whose_real_extent_is_absurd(workbook: bytes) -> None:
    name, xml = part_of(workbook, "Roles")
    far = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    message = _one(rezip(workbook, {name: far}))
    assert message == (
        "sheet 'Roles': has cells down to row 1,048,576; at most 100,000 rows are read (delete the rows below the data)"
    )


def test_a_sheet_whose_stated_extent_is_absurd_is_read_within_bounds(workbook: bytes, sample: Callable) -> None:
    name, xml = part_of(workbook, "Roles")
    stated = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
    assert stated != xml
    assert import_workbook(rezip(workbook, {name: stated})) == sample("municipality")


def test_a_workbook_not_exported_by_the_tool() -> None:
    import io

    book = openpyxl.Workbook()
    book.active.append(["id", "name"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert "not a decision workbook exported by the ESG Architecture Workbench" in _one(buffer.getvalue())


def test_a_workbook_of_a_future_format(workbook: bytes) -> None:
    def future(wb: openpyxl.Workbook) -> None:
        wb["Lists"]["B2"] = 99

    assert "workbook format version 99 is not supported" in _one(edit(workbook, future))


# --- layout: sheets and columns ------------------------------------------------------------------


def test_a_missing_sheet(workbook: bytes) -> None:
    def drop(wb: openpyxl.Workbook) -> None:
        del wb["Roles"]

    assert "sheet 'Roles': the sheet is missing (deleted or renamed)" in _problems(edit(workbook, drop))[0]


def test_a_renamed_sheet_is_named_with_a_hint(workbook: bytes) -> None:
    def rename(wb: openpyxl.Workbook) -> None:
        wb["Roles"].title = "Our roles"

    assert _one(edit(workbook, rename)) == (
        "sheet 'Roles': the sheet is missing (deleted or renamed); sheet 'Our roles' looks like it: rename it back; "
        "a sheet named 'Roller' is in the other language"
    )


def test_a_deleted_column(workbook: bytes) -> None:
    def delete(wb: openpyxl.Workbook) -> None:
        wb["Systems"].delete_cols(2)

    message = _one(edit(workbook, delete))
    assert message == (
        "sheet 'Systems': missing column 'Name' (field 'name'); it was deleted or the hidden field-id row was changed"
    )


def test_an_extra_column(workbook: bytes) -> None:
    def add(wb: openpyxl.Workbook) -> None:
        ws = wb["Roles"]
        ws.cell(4, 12).value = "My remarks"
        ws.cell(6, 12).value = "call back"

    assert _one(edit(workbook, add)).startswith("sheet 'Roles', cell L4 (My remarks): this column is not part of")


def test_a_column_inserted_inside_the_table_is_caught_by_its_header(workbook: bytes) -> None:
    def insert(wb: openpyxl.Workbook) -> None:
        # Excel's "insert table column" shifts the table's cells, not the hidden field-id row above it.
        ws = wb["Roles"]
        for row in range(4, ws.max_row + 1):
            for col in range(ws.max_column + 1, 2, -1):
                ws.cell(row, col).value = ws.cell(row, col - 1).value
            ws.cell(row, 2).value = "Inserted" if row == 4 else None

    problems = _problems(edit(workbook, insert))
    assert problems[0].startswith("sheet 'Roles', cell B4 (Inserted): the header does not match the field id above it")


# --- cells -----------------------------------------------------------------------------------------


def test_text_in_a_number_cell(workbook: bytes, sample: Callable) -> None:
    criterion = sample("municipality").criteria[3]

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Criteria and weights"]
        put(ws, find_row(ws, 1, criterion.id), {"weight": "high"})

    row = 5 + 3
    assert _one(edit(workbook, change)) == (
        f"sheet 'Criteria and weights', cell D{row} (Weight): expected a number, found the text 'high'"
    )


def test_a_value_out_of_range(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Scores"], 5, {"value": 7})

    assert "sheet 'Scores', cell E5 (Value): score 7 is outside the scale 0-5" in _problems(edit(workbook, change))


def test_an_unknown_id(workbook: bytes, sample: Callable) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Data sources"], 6, {"system_id": "no-such-system"})

    assert _one(edit(workbook, change)) == "sheet 'Data sources', cell G6 (System): unknown system 'no-such-system'"


def test_an_unknown_vocabulary_id_in_a_form(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Organisation"]
        ws.cell(find_row(ws, 1, "organisation.sector"), 3).value = "bank"

    message = _one(edit(workbook, change))
    assert message.startswith("sheet 'Organisation', cell C14 (Sector): unknown sector 'bank' (allowed: ")


def test_a_duplicate_id(workbook: bytes, sample: Callable) -> None:
    first = sample("municipality").roles[0].id

    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Roles"], 6, {"id": first})

    problems = _problems(edit(workbook, change))
    assert f"sheet 'Roles', cell A6 (ID): duplicate id '{first}' (also at sheet 'Roles', cell A5 (ID))" in problems


def test_a_data_source_listed_twice_in_a_coverage_item(workbook: bytes, sample: Callable) -> None:
    """Typed twice into one cell, a source is refused at that cell (it would make two chain rows)."""
    first = sample("municipality").coverage[0]

    def change(wb: openpyxl.Workbook) -> None:
        put(
            wb["Coverage items"],
            5,
            {"data_source_ids": f"{first.data_source_ids[0]}, ds-el, {first.data_source_ids[0]}"},
        )

    assert _one(edit(workbook, change)) == (
        f"sheet 'Coverage items', cell E5 (Data sources): '{first.data_source_ids[0]}' is listed twice "
        "(also at sheet 'Coverage items', cell E5 (Data sources))"
    )


def test_a_required_value_left_blank(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Roles"], 5, {"name": None})

    assert _one(edit(workbook, change)) == "sheet 'Roles', cell B5 (Name): a value is required here"


def test_a_formula_in_an_input_cell_is_refused_not_evaluated(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Roles"], 5, {"holder": '=HYPERLINK("http://example.invalid","x")'})

    assert _one(edit(workbook, change)) == (
        "sheet 'Roles', cell E5 (Holder): holds a formula; the import reads values only (replace it with the value "
        "it shows)"
    )


def test_an_error_value_in_an_input_cell(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Roles"], 5, {"notes": "#N/A"})  # typed in Excel, this becomes an error value, not text

    assert _one(edit(workbook, change)) == (
        "sheet 'Roles', cell G5 (Notes): holds the error value #N/A; to keep such text, type it with a leading "
        "apostrophe (')"
    )


def test_a_huge_number_in_a_date_cell_is_refused_not_a_crash(workbook: bytes) -> None:
    """python-calamine panics (pyo3's PanicException, a BaseException) converting such a number to a
    date; the import names the sheet and row instead. Found by tests/test_fuzz_importers.py."""

    def change(wb: openpyxl.Workbook) -> None:
        cell = wb["Roles"]["B10"]
        cell.value, cell.number_format = -37_432_044_084_483, "yyyy-mm-dd"  # Excel shows ####

    problems, unsafe = _refusal(edit(workbook, change))
    assert problems == [
        "sheet 'Roles', row 10 holds a number too large for the date format of its cell (Excel shows it as "
        "####); correct or clear it"
    ]
    assert unsafe


def test_only_the_panic_is_caught_around_calamine(workbook: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt while calamine reads goes on: it is not a refusal of the file."""
    import python_calamine

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(python_calamine.CalamineSheet, "to_python", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_workbook(workbook, name="upload.xlsx")


def test_text_longer_than_a_cell_holds(workbook: bytes) -> None:
    name, xml = part_of(workbook, "Roles")
    assert _one(rezip(workbook, {name: set_inline_string(xml, "G5", "x" * 40_000)})) == (
        "sheet 'Roles', cell G5 (Notes): the text is 40,000 characters long (as Excel counts them); a cell holds "
        "at most 32,767"
    )


def test_a_wrong_boolean(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Data flows"], 5, {"automated": "sometimes"})

    assert _one(edit(workbook, change)) == (
        "sheet 'Data flows', cell H5 (Automated): expected TRUE or FALSE, found the text 'sometimes'"
    )


def test_a_cost_line_of_an_unknown_option(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Cost"], 5, {"option_id": "opt-nowhere"})

    assert _one(edit(workbook, change)) == "sheet 'Cost', row 5: unknown option 'opt-nowhere'"


def test_every_problem_is_reported_at_once(workbook: bytes) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        put(wb["Roles"], 5, {"notes": "#N/A"})
        put(wb["Scores"], 5, {"value": "lots"})
        put(wb["Data sources"], 6, {"system_id": "no-such-system"})

    problems = _problems(edit(workbook, change))
    assert {p.split(",")[0] for p in problems} == {"sheet 'Roles'", "sheet 'Scores'"}
    # Reference checks need readable cells first; they run once the cells can be read.
