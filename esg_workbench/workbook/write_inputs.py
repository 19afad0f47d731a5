"""Writing the input sheets: one Excel table per list of the assessment, one form per group of single
values, each with a hidden row of field ids, drop-downs, range checks, widths, frozen panes and print
setup. Values that cannot be stored exactly are collected as problems, not written changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ..domain.validation import Problem
from ..messages import Number
from .book import Book, FormPos, TablePos, page_setup, row_height
from .cell_values import CellRefused, to_cell
from .layout import (
    CALC_PREFIX,
    FIELD_ROW,
    FIRST_DATA_ROW,
    FORM_FIELD_COL,
    FORM_HELP_COL,
    FORM_LABEL_COL,
    FORM_VALUE_COL,
    HEADER_ROW,
    HINT_ROW,
    TITLE_ROW,
    Column,
    FormSheet,
    Kind,
    TableSheet,
    col_letter,
    ids_name,
    table_name,
    vocab_name,
)
from .lists_sheet import ESRS_DR, ESRS_STANDARD
from .texts import enum_label, header, say, sheet_hint

# (formula, cached value, style) per computed field id, for one row.
Computed = Callable[[Book, int, dict], dict[str, tuple[str, Any, str]]]
Item = tuple[str, dict]  # (model path of the item, its values)


def write_table(
    book: Book, spec: TableSheet, items: list[Item], computed: Computed | None, problems: list[Problem]
) -> Worksheet:
    pos = book.tables[spec.key]
    ws = book.add_sheet(spec.key)
    sheet_title(book, ws, spec.key)
    fields = pos.fields
    for col, field_id in enumerate(fields):
        ws.write_string(FIELD_ROW, col, f"{spec.key}/{field_id}", book.styles["field_id"])
    ws.set_row(FIELD_ROW, None, None, {"hidden": True})
    ws.add_table(
        HEADER_ROW,
        0,
        pos.last_written,
        len(fields) - 1,
        {
            "name": table_name(spec.key),
            "style": "Table Style Light 9",
            "columns": [{"header": _header(book, spec, f), "header_format": book.styles["header"]} for f in fields],
        },
    )
    columns = {c.field: c for c in spec.columns}
    widths = [columns[f].width if f in columns else _calc_width(f) for f in fields]
    col_of = {field_id: col for col, field_id in enumerate(fields)}
    for index, (path, item) in enumerate(items):
        row = FIRST_DATA_ROW + index
        texts = []
        for column in spec.columns:
            col = col_of[column.field]
            cell = _write_value(book, ws, row, col, column, item.get(column.field), f"{path}.{column.field}", problems)
            texts.append((cell, widths[col]))
        for field_id, (text, value, style) in _row_formulas(book, spec, index, item, computed).items():
            col = col_of[field_id]
            book.formula(ws, row, col, text, value, style)
            texts.append((value, widths[col]))
        height = row_height(texts)
        if height:
            ws.set_row(row, height)
    for col, field_id in enumerate(fields):
        column = columns.get(field_id)
        ws.set_column(col, col, widths[col])
        if column:
            _validate(book, ws, pos.last_live, col, column, spec.key)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    page_setup(book, ws, spec.key, repeat_row=HEADER_ROW)
    return ws


def _row_formulas(book: Book, spec: TableSheet, index: int, item: dict, computed: Computed | None) -> dict:
    formulas = {}
    for column in spec.columns:
        if column.label:
            formulas[f"{CALC_PREFIX}label:{column.field}"] = label_formula(book, spec, column, index, item)
    if computed:
        formulas.update(computed(book, index, item))
    return formulas


def label_formula(book: Book, spec: TableSheet, column: Column, index: int, item: dict) -> tuple[str, Any, str]:
    """A help cell showing the label (vocabulary) or name (reference) of the id beside it."""
    return _label_cell(book, column, book.tables[spec.key].local(column.field, index), item.get(column.field))


def _label_cell(book: Book, column: Column, ref: str, value: Any) -> tuple[str, Any, str]:
    """The formula naming the id in cell ``ref`` (a reference's name or a vocabulary term's label), the
    value it has at export, and its style."""
    if column.kind == Kind.REF:
        target = column.refs[0]
        return (
            f'=IFERROR(INDEX(names_{target},MATCH({ref},{ids_name(target)},0)),"")',
            book.names_of[target].get(value, ""),
            "calc",
        )
    vocab = _vocab_of(column)
    return f'=IFERROR(VLOOKUP({ref},lbl_{vocab},2,FALSE),"")', book.labels[vocab].get(value, ""), "calc"


def _vocab_of(column: Column) -> str:
    if column.kind == Kind.ESRS_STANDARD or column.item == Kind.ESRS_STANDARD:
        return ESRS_STANDARD
    if column.kind == Kind.ESRS_DR or column.item == Kind.ESRS_DR:
        return ESRS_DR
    return column.vocab or ""


def write_form(book: Book, spec: FormSheet, values: dict[str, Any], problems: list[Problem]) -> Worksheet:
    pos: FormPos = book.forms[spec.key]
    ws = book.add_sheet(spec.key)
    sheet_title(book, ws, spec.key, col=FORM_LABEL_COL)
    styles = book.styles
    for col, name in enumerate(("field", "label", "value", "help")):
        ws.write_string(FIELD_ROW, col, f"{spec.key}/{name}", styles["field_id"])
    ws.set_row(FIELD_ROW, None, None, {"hidden": True})
    for col, text in enumerate(say("help.form_headers", book.lang).split("|"), start=FORM_LABEL_COL):
        ws.write_string(HEADER_ROW, col, text, styles["header"])
    for column in spec.columns:
        row = pos.row(column.field)
        ws.write_string(row, FORM_FIELD_COL, column.field, styles["field_id"])
        ws.write_string(row, FORM_LABEL_COL, header(spec.key, column.field, book.lang), styles["label"])
        cell = _write_value(
            book, ws, row, FORM_VALUE_COL, column, values.get(column.field), column.field, problems, form=True
        )
        if column.kind in (Kind.VOCAB, Kind.REF):
            # The label of the id, live: the help a reader needs most.
            text, label, _ = form_label(book, column, row, values.get(column.field))
            book.formula(ws, row, FORM_HELP_COL, text, label, "calc")
        else:
            ws.write_string(row, FORM_HELP_COL, help_text(book, column), styles["hint"])
        height = row_height([(cell, 60)])
        if height:
            ws.set_row(row, height)
        _validate(book, ws, row, FORM_VALUE_COL, column, spec.key, first_row=row)
    ws.set_column(FORM_FIELD_COL, FORM_FIELD_COL, 24, None, {"hidden": True})
    ws.set_column(FORM_LABEL_COL, FORM_LABEL_COL, 30)
    ws.set_column(FORM_VALUE_COL, FORM_VALUE_COL, 60)
    ws.set_column(FORM_HELP_COL, FORM_HELP_COL, 45)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    page_setup(book, ws, spec.key, repeat_row=HEADER_ROW, portrait=True)
    return ws


def sheet_title(book: Book, ws: Worksheet, key: str, *, col: int = 0) -> None:
    ws.write_string(TITLE_ROW, col, book.name(key), book.styles["title"])
    ws.set_row(TITLE_ROW, 24)
    hint = sheet_hint(key, book.lang)
    if hint:
        ws.write_string(HINT_ROW, col, hint, book.styles["hint"])


def form_label(book: Book, column: Column, row: int, value: Any) -> tuple[str, Any, str]:
    return _label_cell(book, column, f"{col_letter(FORM_VALUE_COL)}{row + 1}", value)


def _header(book: Book, spec: TableSheet, field_id: str) -> str:
    if not field_id.startswith(CALC_PREFIX):
        return header(spec.key, field_id, book.lang)
    rest = field_id[len(CALC_PREFIX) :]
    if rest.startswith("label:"):
        return f"{header(spec.key, rest[6:], book.lang)} {say('calc_header.label', book.lang)}"
    return say(f"calc_header.{spec.key}:{rest}", book.lang)


def _calc_width(field_id: str) -> float:
    return 26 if ":label:" in field_id else 14


def _write_value(
    book: Book,
    ws: Worksheet,
    row: int,
    col: int,
    column: Column,
    value: Any,
    path: str,
    problems: list[Problem],
    *,
    form: bool = False,
) -> Any:
    """Write one field; return what was written (None for a blank or a refused value)."""
    try:
        cell = to_cell(column, value)
    except CellRefused as exc:
        problems.append(Problem(path, f"cannot be written to the workbook: {exc}"))
        return None
    styles = book.styles
    if cell is None:
        return None
    # xlsxwriter's typed writers without the public wrappers' A1-notation handling: this is the hot loop.
    if isinstance(cell, bool):
        ws._write_boolean(row, col, cell, styles["form_value" if form else "bool"])
    elif isinstance(cell, int | float):
        base = "form_number" if form else "number"
        fmt = styles.with_format(base, column.num_format) if column.num_format else styles[base]
        ws._write_number(row, col, cell, fmt)
    elif isinstance(cell, date):
        ws._write_datetime(row, col, cell, styles.with_format("form_number", "yyyy-mm-dd") if form else styles["date"])
    else:
        style = "form_value" if form else ("text" if column.kind in (Kind.TEXT, Kind.NAME) else "id")
        ws._write_string(row, col, cell, styles[style])
    return cell


def help_text(book: Book, column: Column) -> str:
    """The input message of a column: what it takes, in the workbook's language."""
    lang = book.lang
    if column.kind == Kind.ID:
        return say("help.id", lang)
    if column.kind == Kind.BOOL:
        return say("help.true_false", lang)
    if column.kind == Kind.DATE:
        return say("help.date", lang)
    if column.kind == Kind.DATETIME:
        return say("help.datetime", lang)
    if column.kind == Kind.ENUM:
        return ", ".join(f"{v} = {enum_label(v, lang)}" for v in column.values)
    if column.kind == Kind.LIST:
        return say("help.list", lang) + ", ".join(_allowed(book, column))
    if column.kind in (Kind.NUMBER, Kind.INT):
        return _range_text(column, lang)
    return ""


def _allowed(book: Book, column: Column) -> list[str]:
    if column.item == Kind.REF:
        return sorted({v for key in column.refs for v in book.names_of[key]})
    return list(book.labels.get(_vocab_of(column), {}))


def _range_text(column: Column, lang: str) -> str:
    lo, hi = column.minimum, column.maximum
    if lo is not None and hi is not None:
        return say("validation.range_between", lang, lo=_bound(lo), hi=_bound(hi))
    if lo is not None:
        return say("validation.range_from", lang, lo=_bound(lo))
    return ""


def _bound(value: float) -> Number | str:
    """A range bound as the language writes it: English as always (``:g``), Danish 0,5 and 1.000.000; a
    whole number below 10000 (a year, a scale end) without a thousands sign in every language."""
    if value == int(value) and abs(value) < 10_000:
        return str(int(value))
    return Number(value, f"{value:g}")


def _validate(
    book: Book, ws: Worksheet, last_row: int, col: int, column: Column, key: str, *, first_row: int = FIRST_DATA_ROW
) -> None:
    rule = validation_rule(book, column)
    if rule is None:
        return
    message = help_text(book, column)
    if message:
        rule = {**rule, "input_title": header(key, column.field, book.lang)[:32], "input_message": message[:250]}
    ws.data_validation(first_row, col, last_row, col, rule)


def validation_rule(book: Book, column: Column) -> dict | None:
    """The Excel data validation of a column: a drop-down for every vocabulary and id reference,
    ranges for numbers and dates, lengths for ids and short texts."""
    kind, lang = column.kind, book.lang
    error = {"error_title": header("", column.field, lang)[:32], "error_type": "stop"}
    if kind == Kind.VOCAB or kind in (Kind.ESRS_STANDARD, Kind.ESRS_DR):
        return {
            "validate": "list",
            "source": f"={vocab_name(_vocab_of(column))}",
            **error,
            "error_message": say("validation.list", lang),
        }
    if kind == Kind.ENUM:
        return {
            "validate": "list",
            "source": list(column.values),
            **error,
            "error_message": say("validation.list", lang),
        }
    if kind == Kind.BOOL:
        return {
            "validate": "list",
            "source": ["TRUE", "FALSE"],
            **error,
            "error_message": say("validation.true_false", lang),
        }
    if kind == Kind.REF:
        if len(column.refs) == 1 and not column.extra:
            return {
                "validate": "list",
                "source": f"={ids_name(column.refs[0])}",
                **error,
                "error_message": say("validation.id", lang),
            }
        # A reference into several tables uses the ids as exported; a new id only warns.
        return {
            "validate": "list",
            "source": f"={union_name(column)}",
            **error,
            "error_type": "warning",
            "error_message": say("validation.new_id", lang),
        }
    if kind in (Kind.NUMBER, Kind.INT):
        lo = column.minimum if column.minimum is not None else -1e300
        hi = column.maximum if column.maximum is not None else 1e300
        return {
            "validate": "decimal" if kind == Kind.NUMBER else "integer",
            "criteria": "between",
            "minimum": lo,
            "maximum": hi,
            **error,
            "error_message": say("validation.number", lang, range=_range_text(column, lang)).strip(),
        }
    if kind == Kind.DATE:
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": date(1900, 1, 1),
            "maximum": date(9999, 12, 31),
            **error,
            "error_message": say("validation.date", lang),
        }
    if kind in (Kind.ID, Kind.NAME) or (kind == Kind.TEXT and column.max_length):
        lo = 1 if kind in (Kind.ID, Kind.NAME) else 0
        return {
            "validate": "length",
            "criteria": "between",
            "minimum": lo,
            "maximum": column.max_length or 32767,
            **error,
            "error_message": say("validation.length", lang, n=Number(column.max_length or 0, str(column.max_length))),
        }
    if kind in (Kind.LIST, Kind.DATETIME):
        return {"validate": "any"}
    return None


def union_name(column: Column) -> str:
    return "refs_" + "_".join((*column.refs, *column.extra))


def table_positions(book: Book, counts: dict[str, int], specs: list[TableSheet]) -> None:
    for spec in specs:
        book.tables[spec.key] = TablePos(spec, book.name(spec.key), counts[spec.key])
