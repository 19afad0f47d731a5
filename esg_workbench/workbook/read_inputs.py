"""Turning the input sheets' cells back into plain assessment data, remembering where each value came
from so every problem can name its sheet, cell and column.

Columns are found by the hidden field-id row (tables) or column (forms), never by position or header
text; a header is only compared to catch a column inserted inside a table, which would shift the data
away from the ids above it. Formulas and error values in input cells are refused, never evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..domain.validation import Problem
from .book import table_fields
from .cell_values import MISSING, CellRefused, converter, from_cell, is_blank
from .layout import (
    FIELD_ROW,
    FIRST_DATA_ROW,
    FORM_FIELD_COL,
    FORM_VALUE_COL,
    HEADER_ROW,
    VIEW_PREFIX,
    Column,
    FormSheet,
    TableSheet,
    added_after,
    col_letter,
)
from .reader import RawSheet
from .sheet_columns import LEGACY_COLUMNS
from .texts import header


class Location(NamedTuple):
    """A sheet, a row in it or a cell. A tuple, not a dataclass: the import makes one per item read,
    thousands for a large workbook, and a tuple is several times cheaper to create."""

    sheet: str
    row: int | None = None  # 0-based
    col: int | None = None
    column: str = ""  # the column's header

    def __str__(self) -> str:
        if self.row is None:
            return f"sheet '{self.sheet}'"
        if self.col is None:
            return f"sheet '{self.sheet}', row {self.row + 1}"
        return f"sheet '{self.sheet}', cell {col_letter(self.col)}{self.row + 1} ({self.column})"


@dataclass
class Collected:
    """Plain data read so far, where it came from, and the problems found on the way.

    Locations are kept per row (model path of the item -> sheet row) and per sheet column (field ->
    column), and combined only when a problem needs a cell."""

    locations: dict[str, Location] = field(default_factory=dict)  # model path -> row or form cell
    # A table's item paths are many (``data_sources[0]`` ... ``[499]``): kept as the list's path -> (sheet,
    # the row of each item), and made into a Location only when a problem asks for one.
    tables: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    columns: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)  # sheet -> field -> (col, header)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: Location, message: str) -> None:
        self.problems.append(Problem(str(where), message))

    def locate(self, path: str) -> Location | None:
        """The cell (or row, or sheet) of a model path such as ``data_sources[3].system_id``."""
        rest = ""
        while path:
            where = self.locations.get(path) or self._table_row(path)
            if where is not None:
                field_id = rest.lstrip(".").split(".")[0].split("[")[0]
                column = self.columns.get(where.sheet, {}).get(field_id) if where.col is None else None
                if column is not None and where.row is not None:
                    return Location(where.sheet, where.row, column[0], column[1])
                return where
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return None
            path, rest = path[:cut], path[cut:] + rest
        return None

    def _table_row(self, path: str) -> Location | None:
        head, _, index = path.removesuffix("]").rpartition("[")
        table = self.tables.get(head) if path.endswith("]") and index.isdecimal() else None
        if table is None or int(index) >= len(table[1]):
            return None
        return Location(table[0], table[1][int(index)])


def _headers(key: str, field_id: str) -> set[str]:
    return {_norm(header(key, field_id, lang)) for lang in ("en", "da")}


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _cell_check(sheet: RawSheet, row: int, col: int, where: Location, out: Collected) -> bool:
    """False (with a problem) when an input cell holds a formula or an error value."""
    if (row, col) in sheet.scan.formulas:
        out.problem(where, "holds a formula; the import reads values only (replace it with the value it shows)")
        return False
    error = sheet.scan.errors.get((row, col))
    if error is not None:
        out.problem(where, f"holds the error value {error}; to keep such text, type it with a leading apostrophe (')")
        return False
    return True


def table_columns(spec: TableSheet, sheet: RawSheet, out: Collected) -> dict[str, int] | None:
    """Input field -> column index, from the hidden field-id row; None (with problems) when the layout
    cannot be trusted."""
    legacy = {c.field for c in LEGACY_COLUMNS.get(spec.key, ())}
    expected = set(table_fields(spec)) | legacy
    inputs = {c.field for c in spec.columns} | legacy
    found: dict[str, int] = {}
    ok = True
    width = max(map(len, sheet.rows), default=0)
    for col in range(width):
        marker = sheet.value(FIELD_ROW, col)
        head = sheet.value(HEADER_ROW, col)
        where = Location(sheet.name, HEADER_ROW, col, str(head))
        if is_blank(marker):
            if not is_blank(head) or _column_has_values(sheet, col):
                out.problem(
                    where,
                    "this column is not part of the workbook's layout (no field id in the hidden "
                    "row above it); delete it or move its content into a Notes column",
                )
                ok = False
            continue
        prefix, _, field_id = str(marker).partition("/")
        if prefix == spec.key and field_id.startswith(VIEW_PREFIX):
            continue  # a display column beside the table (the roadmap's months), never read
        if prefix != spec.key or field_id not in expected:
            out.problem(where, f"unknown column (field id '{marker}' in the hidden row); delete it")
            ok = False
        elif field_id in found:
            out.problem(where, f"column '{field_id}' appears twice (also column {col_letter(found[field_id])})")
            ok = False
        else:
            found[field_id] = col
            if field_id in inputs and _norm(head) not in _headers(spec.key, field_id):
                out.problem(
                    where,
                    f"the header does not match the field id above it (expected "
                    f"'{header(spec.key, field_id, 'en')}'); was a column inserted or moved inside "
                    "the table? Restore the columns' order",
                )
                ok = False
    for column in spec.columns:
        if column.field not in found and not added_after(f"{spec.key}:{column.field}", sheet.format_version):
            out.problem(
                Location(sheet.name),
                f"missing column '{header(spec.key, column.field, 'en')}' "
                f"(field '{column.field}'); it was deleted or the hidden field-id row was changed",
            )
            ok = False
    return {f: c for f, c in found.items() if f in inputs} if ok else None


def _column_has_values(sheet: RawSheet, col: int) -> bool:
    return any(not is_blank(sheet.value(row, col)) for row in range(FIRST_DATA_ROW, len(sheet.rows)))


def read_table(spec: TableSheet, sheet: RawSheet, out: Collected) -> list[tuple[int, dict[str, Any]]]:
    """(sheet row, item values) for every non-blank row below the header."""
    columns = table_columns(spec, sheet, out)
    if columns is None:
        return []
    out.columns[sheet.name] = {f: (col, _head(sheet, col)) for f, col in columns.items()}
    kinds = {c.field: c.kind for c in (*spec.columns, *LEGACY_COLUMNS.get(spec.key, ()))}
    plan = [(field_id, col, converter(kinds[field_id])) for field_id, col in columns.items()]
    input_cols = set(columns.values())
    flagged = sheet.scan.formulas_in(input_cols) | {cell for cell in sheet.scan.errors if cell[1] in input_cols}
    flagged_rows = {r for r, _ in flagged}
    # Rows may be shorter than the table (cells past a row's last value): pad them to read every column.
    width = max(input_cols, default=-1) + 1
    items = []
    for row in range(FIRST_DATA_ROW, len(sheet.rows)):
        values = sheet.rows[row]
        if len(values) < width:
            values = [*values, *[""] * (width - len(values))]
        if row in flagged_rows:
            items.append((row, _flagged_row(sheet, row, values, plan, flagged, out)))
            continue
        item: dict[str, Any] = {}
        blank = True
        for field_id, col, convert in plan:
            raw = values[col]
            if not raw and (raw == "" or raw is None):  # a blank cell; 0 and FALSE are values
                continue
            blank = False
            try:
                item[field_id] = convert(raw)
            except CellRefused as exc:
                out.problem(Location(sheet.name, row, col, _head(sheet, col)), str(exc))
        if not blank:  # else an empty row (table headroom, or a row cleared in Excel)
            items.append((row, item))
    return items


def _flagged_row(
    sheet: RawSheet, row: int, values: list[Any], plan: list[tuple[str, int, Any]], flagged: set, out: Collected
) -> dict[str, Any]:
    """The values of a row with a formula or an error in an input cell: those cells are refused."""
    item: dict[str, Any] = {}
    for field_id, col, convert in plan:
        raw = values[col]
        if (row, col) in flagged:
            _cell_check(sheet, row, col, Location(sheet.name, row, col, _head(sheet, col)), out)
        elif raw != "" and raw is not None:
            try:
                item[field_id] = convert(raw)
            except CellRefused as exc:
                out.problem(Location(sheet.name, row, col, _head(sheet, col)), str(exc))
    return item


def _head(sheet: RawSheet, col: int) -> str:
    return str(sheet.value(HEADER_ROW, col))


def _convert(column: Column, raw: Any, sheet: RawSheet, row: int, col: int, where: Location, out: Collected) -> Any:
    if not _cell_check(sheet, row, col, where, out):
        return MISSING
    try:
        return from_cell(column, raw)
    except CellRefused as exc:
        out.problem(where, str(exc))
        return MISSING


def read_form(spec: FormSheet, sheet: RawSheet, out: Collected) -> dict[str, tuple[int, Any]]:
    """Field -> (sheet row, value) of a form sheet, found by the hidden field-id column."""
    if sheet.value(FIELD_ROW, FORM_FIELD_COL) != f"{spec.key}/field":
        out.problem(
            Location(sheet.name),
            "the hidden field-id column (A) is missing or damaged; export a fresh workbook and copy the values into it",
        )
        return {}
    specs = {c.field: c for c in spec.columns}
    values: dict[str, tuple[int, Any]] = {}
    seen: dict[str, int] = {}
    for row in range(FIRST_DATA_ROW, len(sheet.rows)):
        field_id = sheet.value(row, FORM_FIELD_COL)
        where = Location(sheet.name, row, FORM_VALUE_COL, str(sheet.value(row, FORM_VALUE_COL - 1)))
        if is_blank(field_id):
            if not is_blank(sheet.value(row, FORM_VALUE_COL)):
                out.problem(where, "a value in a row without a field id; the form's rows are fixed")
            continue
        if field_id not in specs:
            out.problem(Location(sheet.name, row), f"unknown field '{field_id}' in the hidden column A")
            continue
        if field_id in seen:
            out.problem(Location(sheet.name, row), f"field '{field_id}' appears twice (also row {seen[field_id] + 1})")
            continue
        seen[field_id] = row
        value = _convert(specs[field_id], sheet.value(row, FORM_VALUE_COL), sheet, row, FORM_VALUE_COL, where, out)
        values[field_id] = (row, value)
    for column in spec.columns:
        if column.field not in seen and not added_after(f"{spec.key}:{column.field}", sheet.format_version):
            out.problem(
                Location(sheet.name), f"missing row '{header(spec.key, column.field, 'en')}' (field '{column.field}')"
            )
    return values
