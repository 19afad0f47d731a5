"""The worksheet pre-scan finds the real extent, formulas and error cells, so python-calamine only ever
reads a bounded sheet (it aborts the process on a cell at XFD1048576) and the import can refuse
formulas and errors that calamine would return as plain values or blanks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from workbook_helpers import part_of

from esg_workbench.workbook.cell_scan import _exact_scan, column_index, scan_sheet
from esg_workbench.xlsx_safety import UnsafeWorkbook

HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _sheet(body: bytes, dimension: bytes = b"A1") -> bytes:
    return HEAD + b'<dimension ref="' + dimension + b'"/><sheetData>' + body + b"</sheetData></worksheet>"


def test_column_letters_to_index() -> None:
    assert [column_index(x) for x in ("A", "Z", "AA", "XFD")] == [0, 25, 26, 16383]


def test_fast_scan_agrees_with_the_exact_tokenizer_on_an_exported_sheet(exported: Callable[[str, str], bytes]) -> None:
    _, xml = part_of(exported("municipality", "en"), "Scoring matrix")
    fast, exact = scan_sheet(xml, "s", max_rows=10**6, max_cols=16384), _exact_scan(xml)
    assert (fast.rows, fast.cols) == (exact.rows, exact.cols)
    assert fast.formulas == exact.formulas and len(fast.formulas) > 100


def test_cells_without_references_are_placed_as_a_reader_places_them() -> None:
    xml = _sheet(b'<row r="3"><c><v>1</v></c><c><f>A3</f><v>1</v></c></row><row><c t="e"><v>#N/A</v></c></row>')
    scan = scan_sheet(xml, "s", max_rows=100, max_cols=10)
    assert (scan.rows, scan.cols) == (4, 2)
    assert scan.formulas == {(2, 1)}


def test_prefixed_tags_and_attribute_order_are_understood() -> None:
    xml = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row r="2"><x:c s="1" r="C2" t="e"><x:v>#REF!</x:v></x:c><x:c r="D2"><x:f>1+1</x:f></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    scan = scan_sheet(xml, "s", max_rows=100, max_cols=10)
    assert (scan.rows, scan.cols) == (2, 4)
    assert scan.formulas == {(1, 3)}
    assert scan.errors == {(1, 2): "#REF!"}


def test_a_cell_far_away_is_refused_before_any_reader_sees_it() -> None:
    xml = _sheet(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with pytest.raises(UnsafeWorkbook, match="sheet 'Roles': has cells down to row 1,048,576"):
        scan_sheet(xml, "Roles", max_rows=100_000, max_cols=64)
    wide = _sheet(b'<row r="1"><c r="A1"><v>1</v></c><c r="ZZ1"><v>1</v></c></row>')
    with pytest.raises(UnsafeWorkbook, match="column ZZ; at most 64 columns"):
        scan_sheet(wide, "Roles", max_rows=100_000, max_cols=64)


def test_a_cell_without_reference_in_a_far_row_is_refused_too() -> None:
    xml = _sheet(b'<row r="1048576"><c><v>1</v></c></row>')
    with pytest.raises(UnsafeWorkbook, match="row 1,048,576"):
        scan_sheet(xml, "Roles", max_rows=100_000, max_cols=64)


def test_an_absurd_stated_dimension_alone_is_harmless() -> None:
    scan = scan_sheet(
        _sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', b"A1:XFD1048576"), "s", max_rows=10, max_cols=10
    )
    assert (scan.rows, scan.cols) == (1, 1)


def test_leading_zeros_cannot_hide_a_far_row() -> None:
    xml = _sheet(b'<row r="9"><c r="A0000009"><v>1</v></c></row><row r="999999"><c r="A999999"><v>1</v></c></row>')
    with pytest.raises(UnsafeWorkbook, match="row 999,999"):
        scan_sheet(xml, "Roles", max_rows=100_000, max_cols=64)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'<row r="1"><c r="&#88;FD1048576"><v>1</v></c></row>', "character references"),
        (b'<row r="1"><c r="1A"><v>1</v></c></row>', "a cell reference cannot be read"),
        (b'<row r="1"><c r="A1" t="&#101;"><v>#N/A</v></c></row>', "character references"),
        (b'<row r="&#49;048576"><c><v>1</v></c></row>', "character references"),
    ],
)
def test_character_references_in_cell_attributes_are_refused(body: bytes, message: str) -> None:
    with pytest.raises(UnsafeWorkbook, match=message):
        scan_sheet(_sheet(body), "Roles", max_rows=100_000, max_cols=64)


def test_text_with_character_references_is_still_read() -> None:
    xml = _sheet(
        b'<row r="2"><c r="B2" t="inlineStr"><is><t>caf&#233;</t></is></c><c r="C2" t="e"><v>#N/A</v></c></row>'
    )
    scan = scan_sheet(xml, "s", max_rows=10, max_cols=10)
    assert (scan.rows, scan.cols, scan.errors) == (2, 3, {(1, 2): "#N/A"})
