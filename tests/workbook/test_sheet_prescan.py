"""The worksheet pre-scan finds the real extent, formulas and error cells, so python-calamine only ever
reads a bounded sheet (it aborts the process on a cell at XFD1048576) and the import can refuse
formulas and errors that calamine would return as plain values or blanks."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable

import pytest
from workbook_helpers import part_of

from esg_workbench.workbook.layout import col_letter
from esg_workbench.workbook.sheet_prescan import (
    _DECIMAL,
    _LETTERS,
    _bounded_scan,
    _exact_scan,
    _plain_scan,
    _up_to,
    column_index,
    scan_sheet,
)
from esg_workbench.xlsx_safety import UnsafeWorkbook

HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _sheet(body: bytes, dimension: bytes = b"A1") -> bytes:
    return HEAD + b'<dimension ref="' + dimension + b'"/><sheetData>' + body + b"</sheetData></worksheet>"


def test_column_letters_to_index() -> None:
    assert [column_index(x) for x in ("A", "Z", "AA", "XFD")] == [0, 25, 26, 16383]


@pytest.mark.parametrize("sheet", ["Scoring matrix", "Data sources", "Lists"])
def test_fast_scans_agree_with_the_exact_tokenizer_on_an_exported_sheet(
    exported: Callable[[str, str], bytes], sheet: str
) -> None:
    _, xml = part_of(exported("municipality", "en"), sheet)
    exact = _exact_scan(xml)
    plain = _plain_scan(xml, sheet)  # the path that finds the real extent
    assert (plain.rows, plain.cols, plain.formulas) == (exact.rows, exact.cols, exact.formulas)
    bounded = scan_sheet(xml, sheet, max_rows=100_000, max_cols=64)  # the quickest path: limits as extent
    assert (bounded.rows, bounded.cols) == (100_000, 64) and bounded.rows >= exact.rows
    assert bounded.formulas == exact.formulas
    assert bounded.formulas_in({0, 1}) == {cell for cell in exact.formulas if cell[1] in (0, 1)}
    if sheet == "Scoring matrix":
        assert len(exact.formulas) > 100


def test_a_formula_not_right_inside_its_cell_tag_is_still_found() -> None:
    xml = _sheet(b'<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v><f>A2*2</f></c></row>')
    assert _bounded_scan(xml, 100, 10) is None  # the quickest path only takes formulas right after <c>
    assert scan_sheet(xml, "s", max_rows=100, max_cols=10).formulas == {(1, 2)}


def test_a_plain_sheet_with_a_far_cell_takes_the_path_that_finds_the_extent() -> None:
    xml = _sheet(b'<row r="1"><c r="A1"><v>1</v></c><c r="K1"><f>A1</f><v>1</v></c></row>')
    assert _bounded_scan(xml, 100, 10) is None  # column K is beyond 10 columns: not proven
    with pytest.raises(UnsafeWorkbook, match="column K; at most 10 columns"):
        scan_sheet(xml, "s", max_rows=100, max_cols=10)
    scan = scan_sheet(xml, "s", max_rows=100, max_cols=11)
    assert (scan.rows, scan.cols, scan.formulas) == (100, 11, {(0, 10)})


def test_the_limit_patterns_match_exactly_the_numbers_up_to_the_limit() -> None:
    """Checked against plain arithmetic: every limit up to 700 (one to three digits, one and two
    letters) and the real ones, on every number nearby."""
    for limit in [*range(1, 701), 999, 1000, 1001, 16_384, 99_999, 100_000, 1_048_576]:
        rows = re.compile(b"(?:" + _up_to(limit, _DECIMAL, bijective=False) + b')"')
        columns = re.compile(b"(?:" + _up_to(limit, _LETTERS, bijective=True) + b')"')
        for n in {*range(1, 60), *range(max(limit - 30, 1), limit + 30), limit * 10, limit * 26 + 5}:
            assert bool(rows.fullmatch(b"%d" % n + b'"')) == (n <= limit), (limit, n)
            assert bool(columns.fullmatch(col_letter(n - 1).encode() + b'"')) == (n <= limit), (limit, n)
        assert not rows.fullmatch(b'0"') and not rows.fullmatch(b"0%d" % limit + b'"')  # no leading zeros


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
    xml = _sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', b"A1:XFD1048576")
    assert scan_sheet(xml, "s", max_rows=10, max_cols=10).rows == 10  # proven within the limits
    assert (_plain_scan(xml, "s").rows, _plain_scan(xml, "s").cols) == (1, 1)


def test_an_empty_sheet_has_no_extent() -> None:
    scan = scan_sheet(_sheet(b""), "s", max_rows=10, max_cols=10)
    assert (scan.rows, scan.cols, scan.formulas, scan.errors) == (0, 0, set(), {})


def test_leading_zeros_cannot_hide_a_far_row() -> None:
    xml = _sheet(b'<row r="9"><c r="A0000009"><v>1</v></c></row><row r="999999"><c r="A999999"><v>1</v></c></row>')
    with pytest.raises(UnsafeWorkbook, match="row 999,999"):
        scan_sheet(xml, "Roles", max_rows=100_000, max_cols=64)


def test_leading_zeros_cannot_hide_a_far_row_in_prefixed_tags_either() -> None:
    xml = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row r="9"><x:c r="A0000009"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="999999"><x:c r="A999999"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
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
    assert scan.errors == {(1, 2): "#N/A"}
    assert (scan.rows, scan.cols) == (2, 3)  # character references: the tokenizer read the real extent


def test_a_tag_that_does_not_close_is_refused_by_the_tokenizer() -> None:
    xml = _sheet(b'<row r="1"><c r="A1" t="inlineStr"><is><t>caf&#233;</t></is></c><c r="B1" ' + b"x" * 5000)
    with pytest.raises(UnsafeWorkbook, match="sheet 'Roles': a <c> tag does not close within 4,096 bytes"):
        scan_sheet(xml, "Roles", max_rows=100, max_cols=10)


@pytest.mark.parametrize(
    "cells",
    [
        b'<c r="A1" ' * 20_000 + b't="e" "e"',  # unclosed cell tags, and the error marker the scan looks for
        b'<c r="A1" a=">" ' * 20_000 + b"&#65;",  # quoted ">" and a character reference: the tokenizer
        b'<c r="A1" t="e" ' * 20_000,  # error cells that never close
    ],
)
def test_hostile_sheets_are_scanned_in_linear_time(cells: bytes) -> None:
    """Each of these took a minute or more when every cell tag was read up to the next ">" from its start."""
    start = time.perf_counter()
    with contextlib.suppress(UnsafeWorkbook):
        scan_sheet(_sheet(b'<row r="1">' + cells), "s", max_rows=100, max_cols=10)
    assert time.perf_counter() - start < 5


def test_error_cells_are_found_however_their_tags_are_written() -> None:
    xml = _sheet(
        b'<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" s="1" note="a>b" t = \'e\'><v>#REF!</v></c>'
        b'<c r="C1" t="inlineStr"><is><t>t="e"</t></is></c></row>'
    )
    assert scan_sheet(xml, "s", max_rows=10, max_cols=10).errors == {(0, 0): "#N/A", (0, 1): "#REF!"}
