"""The workbook being written: xlsxwriter with exact numbers, the styles, and where every table sits.

Positions are planned before any sheet is written, so a formula on one sheet can point at a table on a
sheet written later (the scoring matrix at the TCO sheet, option rows at their cost lines).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any
from warnings import warn

from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple, Worksheet

from ..domain.assessment import Assessment
from ..domain.framework import Framework
from .layout import (
    CALC_PREFIX,
    FIRST_DATA_ROW,
    FORM_VALUE_COL,
    HEADROOM_ROWS,
    FormSheet,
    TableSheet,
    col_letter,
)
from .styles import Styles
from .text_safety import looks_like_error
from .texts import sheet_name

_ERROR_CODES = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))  # as xlsxwriter
_XML_SPECIAL = re.compile("[&<>]")
_ESCAPED_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def escape_cell_text(text: str) -> str:
    """Escape text for a cell as ECMA-376 (ST_Xstring) does: control characters become ``_xHHHH_``, and
    an underscore that would start such an escape becomes ``_x005F_``.

    xlsxwriter consumes the closing underscore of one look-alike and misses an overlapping second
    ("_x005F_x0041_" came back as "_x005FA"), so shared strings are escaped here instead."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", _ESCAPED_LOOKALIKE.sub("_x005F_", text))


class _ExactSharedStrings(SharedStrings):
    def _write_si(self, string: str) -> None:
        # Always plain text: xlsxwriter writes a string that starts with "<r>" and ends with "</r>" as
        # raw rich-text XML, which would let user text inject markup into the file.
        string = escape_cell_text(string)
        self._xml_si_element(string, [("xml:space", "preserve")] if _preserve_whitespace(string) else [])


class _ExactPackager(Packager):
    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        sst = _ExactSharedStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class ExactWorkbook(Workbook):
    """An xlsxwriter workbook whose shared strings come back exactly as written (see above)."""

    def _get_packager(self) -> Packager:
        return _ExactPackager()


class ExactWorksheet(Worksheet):
    """A worksheet that writes numbers with Python's shortest round-trip form.

    xlsxwriter writes 16 significant digits, which changes some doubles (0.30000000000000004 comes
    back as 0.3); a double needs up to 17, and ``repr`` gives the shortest exact form."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        # The workbook's formulas use Excel 2007 functions only, so xlsxwriter's thirty-odd regular
        # expressions for newer (_xlfn.) functions are skipped: they dominated the export's run time.
        return formula[1:] if formula.startswith("=") else formula

    def _write_formula(self, row: int, col: int, formula: str, cell_format: Any = None, value: Any = 0) -> int:
        # xlsxwriter's, without its search of every formula for dynamic-array functions (FILTER, SORT...),
        # which Excel 2007 functions never are (see above).
        if self._check_dimensions(row, col):
            return -1
        if formula is None or formula == "":
            warn("Formula can't be None or empty", stacklevel=2)  # as xlsxwriter: the cell is left out
            return -1
        if formula.startswith("{") and formula.endswith("}"):
            return self._write_array_formula(row, col, row, col, formula, cell_format, value)
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = CellFormulaTuple(self._prepare_formula(formula), cell_format, value)
        return 0

    # The cell writers below skip xlsxwriter's attribute escaping: a cell's attributes are its reference,
    # style index and type, which never need it (a third of the export's time went there).

    def _xml_number_element(self, number: Any, attributes: list | None = None) -> None:
        attr = "".join(f' {key}="{value}"' for key, value in attributes or [])
        text = repr(float(number)) if isinstance(number, float) else str(number)
        self.fh.write(f"<c{attr}><v>{text}</v></c>")

    def _xml_string_element(self, index: int, attributes: list | None = None) -> None:
        attr = "".join(f' {key}="{value}"' for key, value in attributes or [])
        self.fh.write(f'<c{attr} t="s"><v>{index}</v></c>')

    def _xml_formula_element(self, formula: str, result: Any, attributes: list | None = None) -> None:
        attr = "".join(f' {key}="{value}"' for key, value in attributes or [])
        # A cached text result may hold user text (a name): escape control characters as in cells.
        cached = escape_cell_text(result) if isinstance(result, str) else result
        self.fh.write(f"<c{attr}><f>{self._escape_data(formula)}</f><v>{self._escape_data(cached)}</v></c>")

    # The sheet data below is the same XML xlsxwriter writes, with less work per cell: xlsxwriter visits
    # every column between the sheet's first and last for every row (twice, for the spans too), and
    # builds an attribute list per cell. With an item per datapoint (over a thousand rows on several
    # sheets) that loop took a third of the export.

    def _calculate_spans(self) -> None:
        low, high = self.dim_colmin, self.dim_colmax
        blocks: dict[int, tuple[int, int]] = {}
        for source in (self.table, self.comments):
            for row, cells in source.items():
                if not self.dim_rowmin <= row <= self.dim_rowmax:
                    continue
                cols = [col for col in cells if low <= col <= high]
                if cols:
                    first, last = blocks.get(row // 16, (min(cols), max(cols)))
                    blocks[row // 16] = (min(first, *cols), max(last, *cols))
        self.row_spans = {block: f"{first + 1}:{last + 1}" for block, (first, last) in blocks.items()}

    def _write_rows(self) -> None:
        self._calculate_spans()
        write, styled = self.fh.write, not self.constant_memory
        rows = {*self.table, *self.row_info, *self.comments}
        for row in sorted(r for r in rows if self.dim_rowmin <= r <= self.dim_rowmax):
            cells = self.table.get(row)
            if not cells and row not in self.row_info and row not in self.comments:
                continue
            span = self.row_spans.get(row // 16)
            if not cells:
                self._write_empty_row(row, span, self.row_info.get(row))
                continue
            self._write_row(row, span, self.row_info.get(row))
            number, parts = str(row + 1), []  # a row's cells go out in one write
            for col in sorted(c for c in cells if self.dim_colmin <= c <= self.dim_colmax):
                cell = cells[col]
                fmt = cell.format
                if styled and fmt and type(cell) is CellStringTuple:  # most cells: shared strings
                    xf = fmt.xf_index if fmt.xf_index is not None else fmt._get_xf_index()
                    parts.append(f'<c r="{_column_name(col)}{number}" s="{xf}" t="s"><v>{cell.string}</v></c>')
                    continue
                xml = _cell_xml(_column_name(col) + number, cell) if styled and fmt else None
                if xml is None:  # any other cell: xlsxwriter writes it
                    write("".join(parts))
                    parts.clear()
                    self._write_cell(row, col, cell)
                else:
                    parts.append(xml)
            parts.append("</row>")
            write("".join(parts))


@cache
def _column_name(col: int) -> str:
    return xl_col_to_name(col)


def _cell_xml(ref: str, cell: Any) -> str | None:
    """The XML xlsxwriter writes for a styled text, number, formula or blank cell; None for another."""
    kind = type(cell)
    start = f'<c r="{ref}" s="{cell.format._get_xf_index()}"'
    if kind is CellStringTuple:  # a shared string: its index in the table
        return f'{start} t="s"><v>{cell.string}</v></c>'
    if kind is CellNumberTuple:
        number = cell.number
        return f"{start}><v>{repr(float(number)) if isinstance(number, float) else number}</v></c>"
    if kind is CellFormulaTuple:
        value, typed = cell.value, ""
        if isinstance(value, bool):
            value, typed = int(value), ' t="b"'
        elif isinstance(value, str) and value:
            typed = ' t="e"' if value in _ERROR_CODES else ' t="str"'
            value = escape_cell_text(value)  # a cached text result may hold user text (a name)
        return f"{start}{typed}><f>{_escape_data(cell.formula)}</f><v>{_escape_data(value)}</v></c>"
    if kind is CellBlankTuple:
        return f"{start}/>"
    return None


def _escape_data(data: Any) -> Any:
    """xlsxwriter's escaping of element text: ``&``, ``<`` and ``>``; anything not text as it is."""
    if not isinstance(data, str) or not _XML_SPECIAL.search(data):
        return data
    return data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def release(workbook: Workbook) -> None:
    """Let a closed workbook's sheets go at once. xlsxwriter's objects refer to each other, so their cells
    (a tuple each: 170,000 with an item per datapoint) would wait for the cyclic garbage collector, which
    must search them all to free them; emptied, they are freed as the references go."""
    for sheet in workbook.worksheets():
        sheet.__dict__.clear()


LINE_HEIGHT = 12.75  # points per line of 10 pt text
MAX_LINES = 12


def row_height(cells: Iterable[tuple[object, float]]) -> float | None:
    """The height a row of wrapped text needs, estimated from (text, column width) pairs; None for one
    line. Readers that do not fit rows to their text (LibreOffice, viewers) need it set."""
    lines = 1
    for text, width in cells:
        if type(text) is not str or (len(text) <= width and "\n" not in text):
            continue  # fits on one line
        per_line = max(int(width * 1.15), 1)
        lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")))
    return None if lines == 1 else min(lines, MAX_LINES) * LINE_HEIGHT + 3


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def cell_ref(sheet: str, row: int, col: int, *, absolute: bool = True) -> str:
    """``'Sheet'!$C$7`` for 0-based row and column."""
    dollar = "$" if absolute else ""
    return f"{quote_sheet(sheet)}!{dollar}{col_letter(col)}{dollar}{row + 1}"


def range_ref(sheet: str, first_row: int, col: int, last_row: int, last_col: int | None = None) -> str:
    last_col = col if last_col is None else last_col
    return f"{quote_sheet(sheet)}!${col_letter(col)}${first_row + 1}:${col_letter(last_col)}${last_row + 1}"


def table_fields(spec: TableSheet) -> tuple[str, ...]:
    """Field ids of a table's columns in order: inputs, each followed by its label column, then the
    computed columns."""
    fields: list[str] = []
    for column in spec.columns:
        fields.append(column.field)
        if column.label:
            fields.append(f"{CALC_PREFIX}label:{column.field}")
    fields += [f"{CALC_PREFIX}{key}" for key in spec.computed]
    return tuple(fields)


@dataclass(frozen=True)
class TablePos:
    """Where an input table sits: its sheet, columns and rows (0-based)."""

    spec: TableSheet
    sheet: str
    count: int  # items written

    @property
    def fields(self) -> tuple[str, ...]:
        return table_fields(self.spec)

    @property
    def last_written(self) -> int:
        # An Excel table needs a data row, so an empty list still gets one blank row.
        return FIRST_DATA_ROW + max(self.count, 1) - 1

    @property
    def last_live(self) -> int:
        """The last row live formulas and drop-downs cover: rows appended in Excel still count."""
        return FIRST_DATA_ROW + self.count + HEADROOM_ROWS - 1

    def col(self, field_id: str) -> int:
        return self._columns[field_id]

    @cached_property
    def _columns(self) -> dict[str, int]:
        return {f: i for i, f in enumerate(self.fields)}

    def cell(self, field_id: str, index: int, *, absolute: bool = True) -> str:
        return cell_ref(self.sheet, FIRST_DATA_ROW + index, self.col(field_id), absolute=absolute)

    def local(self, field_id: str, index: int) -> str:
        """A relative reference on the table's own sheet, e.g. ``C7``."""
        return f"{col_letter(self.col(field_id))}{FIRST_DATA_ROW + index + 1}"

    def live_range(self, field_id: str) -> str:
        return range_ref(self.sheet, FIRST_DATA_ROW, self.col(field_id), self.last_live)


@dataclass(frozen=True)
class FormPos:
    spec: FormSheet
    sheet: str

    def row(self, field_id: str) -> int:
        return FIRST_DATA_ROW + [c.field for c in self.spec.columns].index(field_id)

    def cell(self, field_id: str) -> str:
        return cell_ref(self.sheet, self.row(field_id), FORM_VALUE_COL)


@dataclass
class Book:
    """Everything a sheet writer needs: the workbook, styles, language, data, results and positions."""

    workbook: Workbook
    assessment: Assessment
    framework: Framework
    lang: str
    result: Any = None  # scoring.ScoreResult, None when the assessment cannot be scored yet
    revision: int | None = None
    unscored: list = field(default_factory=list)  # why there is no result (domain Problems)
    styles: Styles = field(init=False)
    tables: dict[str, TablePos] = field(default_factory=dict)
    forms: dict[str, FormPos] = field(default_factory=dict)
    report_rows: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet key -> anchors
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # vocabulary -> id -> label
    names_of: dict[str, dict[str, str]] = field(default_factory=dict)  # table key -> id -> name
    dr_standard: dict[str, str] = field(default_factory=dict)  # ESRS DR code -> standard code
    survey_bench: dict[str, tuple[float, float]] = field(default_factory=dict)  # question -> (high %, low %)
    live: Any = None  # live.LiveValues
    coverage: Any = None  # coverage.CoverageSummary: the one coverage model every sheet reads
    comparison: Any = None  # domain.results.VariantComparison of the variants, None without variants
    readiness: Any = None  # readiness.ReadinessSummary: readiness and automation share, from the coverage
    chain: Any = None  # chain.Chain: the chain of the Chain sheet, from the same coverage model
    data: dict[str, Any] = field(default_factory=dict)  # assessment.model_dump(), made once

    def __post_init__(self) -> None:
        self.styles = Styles(self.workbook, self.lang)

    def name(self, key: str) -> str:
        return sheet_name(key, self.lang)

    def add_sheet(self, key: str) -> Worksheet:
        return self.workbook.add_worksheet(self.name(key), worksheet_class=ExactWorksheet)

    def formula(self, ws: Worksheet, row: int, col: int, text: str, value: Any, style: str | None = None) -> None:
        """Write a live formula with its value as computed here, so a reader that does not recalculate
        (a viewer, a PDF conversion) still shows the right number."""
        # xlsxwriter stores error-like text ("#N/A") as an error result; leave such a value to recalculation.
        cached = "" if value is None or (isinstance(value, str) and looks_like_error(value)) else value
        ws._write_formula(row, col, text, self.styles[style] if style else None, cached)

    def define(self, name: str, ref: str) -> None:
        self.workbook.define_name(name, f"={ref}")


def page_setup(book: Book, ws: Worksheet, key: str, *, repeat_row: int | None = None, portrait: bool = False) -> None:
    """Print setup shared by all sheets: A4, fit to one page wide, titles repeated, page numbers."""
    from .sheet_columns import SHEET_STEP, STEP_COLOURS

    ws.set_paper(9)
    if portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    # Header text is limited to 255 characters and '&' starts a code there.
    title = book.assessment.title[:80].replace("&", "&&")
    ws.set_header(f"&L&8{title}&R&8&A", {"margins": 0.3})
    ws.set_footer("&L&8ESG Architecture Workbench&R&8&P / &N", {"margins": 0.3})
    ws.set_tab_color(STEP_COLOURS[SHEET_STEP.get(key, 5)])
