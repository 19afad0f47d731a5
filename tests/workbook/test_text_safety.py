"""What a cell can hold exactly, and the conversion of cell values back to fields."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from esg_workbench.workbook.book import escape_cell_text
from esg_workbench.workbook.cell_values import MISSING, CellRefused, from_cell, to_cell
from esg_workbench.workbook.layout import EXCEL_MAX_TEXT, Column, Kind
from esg_workbench.workbook.text_safety import (
    excel_length,
    list_item_problem,
    looks_like_error,
    looks_like_formula,
    number_problem,
    split_list,
    text_problem,
)

TEXT = Column("notes", Kind.TEXT)
NUMBER = Column("weight", Kind.NUMBER)
INT = Column("year", Kind.INT)
BOOL = Column("met", Kind.BOOL)
DATE = Column("start", Kind.DATE)
LIST = Column("ids", Kind.LIST, item=Kind.REF, refs=("systems",))
REF = Column("system_id", Kind.REF, refs=("systems",))


def test_excel_counts_utf16_code_units() -> None:
    assert excel_length("abc") == 3
    assert excel_length("😀") == 2


def test_text_at_the_cell_limit_is_accepted_and_beyond_it_refused() -> None:
    assert text_problem("x" * EXCEL_MAX_TEXT) is None
    assert "32,768 characters" in text_problem("x" * (EXCEL_MAX_TEXT + 1))
    # 16,384 emoji are 16,384 Python characters but 32,768 in Excel's count.
    assert "32,768" in text_problem("😀" * 16_384)


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ud800"])
def test_characters_xml_cannot_carry_are_refused(char: str) -> None:
    assert "U+" in text_problem(f"ab{char}c")


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-5", "@SUM(A1)", "\tx", "\rx", "#N/A", "a\x00b", "_x0041_"])
def test_text_a_spreadsheet_would_change_is_still_storable(text: str) -> None:
    assert text_problem(text) is None  # written as a string cell with escapes, it comes back exactly


def test_formula_and_error_look_alikes_are_recognised() -> None:
    assert all(looks_like_formula(t) for t in ("=1", "+1", "-1", "@x", "\tx", "\rx"))
    assert not looks_like_formula("a=1")
    assert looks_like_error("#N/A") and looks_like_error(" #div/0! ") and not looks_like_error("#hashtag")


def test_escaping_follows_the_spec_for_overlapping_look_alikes() -> None:
    assert escape_cell_text("a\x00b") == "a_x0000_b"
    assert escape_cell_text("_x0041_") == "_x005F_x0041_"
    # xlsxwriter misses the second look-alike here, which shares an underscore with the first.
    assert escape_cell_text("_x005F_x0041_") == "_x005F_x005F_x005F_x0041_"


def test_numbers_that_a_cell_cannot_hold_exactly_are_refused() -> None:
    assert number_problem(2**53) is None and "too large" in number_problem(2**53 + 1)
    assert number_problem(math.inf) and number_problem(math.nan)
    assert number_problem(0.30000000000000004) is None


def test_list_items_must_survive_the_comma_separated_cell() -> None:
    assert list_item_problem("a,b") and list_item_problem(" a") and list_item_problem("")
    assert split_list("a, b,,c ,") == ["a", "b", "c"]


def test_export_conversion_refuses_rather_than_changes() -> None:
    with pytest.raises(CellRefused, match="U\\+FFFE"):
        to_cell(TEXT, "bad\ufffe")
    with pytest.raises(CellRefused, match="comma"):
        to_cell(LIST, ["a,b"])
    with pytest.raises(CellRefused, match="finite"):
        to_cell(NUMBER, math.nan)
    assert to_cell(TEXT, "") is None
    assert to_cell(DATE, date(1899, 12, 31)) == "1899-12-31"  # before Excel's dates: ISO text
    assert to_cell(DATE, date(2026, 1, 2)) == date(2026, 1, 2)


@pytest.mark.parametrize(
    ("column", "raw", "value"),
    [
        (TEXT, "", MISSING),
        (TEXT, "  padded  ", "  padded  "),
        (TEXT, 2025.0, "2025"),  # digits typed into a text cell become a number in Excel
        (TEXT, 1.5, "1.5"),
        (REF, " sys-1 ", "sys-1"),
        (NUMBER, "2.5", 2.5),
        (NUMBER, 3, 3),
        (INT, 4.0, 4),
        (BOOL, True, True),
        (BOOL, "FALSK", False),
        (BOOL, "ja", True),
        (DATE, datetime(2026, 3, 1), "2026-03-01"),
        (DATE, "2026-03-01", "2026-03-01"),
        (LIST, "a, b", ["a", "b"]),
    ],
)
def test_cells_convert_back_to_fields(column: Column, raw: object, value: object) -> None:
    assert from_cell(column, raw) == value


@pytest.mark.parametrize(
    ("column", "raw", "message"),
    [
        (NUMBER, "3,5", "expected a number, found the text '3,5'"),
        (NUMBER, True, "truth value"),
        (INT, 2.5, "whole number"),
        (BOOL, "maybe", "TRUE or FALSE"),
        (DATE, "31/12/2026", "yyyy-mm-dd"),
        (DATE, datetime(2026, 1, 1, 12, 30), "date and time"),
        (TEXT, date(2026, 1, 1), "apostrophe"),
        (TEXT, "x" * (EXCEL_MAX_TEXT + 1), "at most 32,767"),
    ],
)
def test_cells_of_the_wrong_type_are_refused_with_what_was_expected(column: Column, raw: object, message: str) -> None:
    with pytest.raises(CellRefused, match=message.replace("(", r"\(")):
        from_cell(column, raw)
