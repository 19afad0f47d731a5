"""The ESRS coverage sheet: per ESRS standard its material disclosure requirements counted by status
(not assessed included), a chart, the gap list (material DRs not assessed, with a gap or partly
covered) and the coverage items recorded outside the material standards. The counts and lists are the
core coverage model's (``esg_workbench.coverage``) as exported, so they match the app and the CLI; the
coverage-items column stays a live count of the Coverage sheet."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from ..coverage import STATUS_ORDER
from ..messages import translate
from .book import Book, page_setup, range_ref, row_height
from .layout import FIRST_DATA_ROW, HEADER_ROW, col_letter
from .scoring_sheets import MET, NOT_MET
from .texts import enum_label, say

STATUS_COLOURS = {
    "not_assessed": "#BFBFBF",
    "automated": "#548235",
    "manual": "#A9D18E",
    "partial": "#FFC000",
    "gap": "#C00000",
}
FIRST_STATUS_COL = 5
# Headings used in more than one table; a key is a workbook word, "app:" an app text shown the same way.
STANDARD, DR, STATUS, ITEMS = (
    "calc_header.coverage:standard",
    "header.disclosure_requirement",
    "header.status",
    "esrs_coverage.item",
)
WIDTHS = (12, 34, 11, 13, 13, 13, 13, 11, 11, 11, 14, 15)


def _t(book: Book, key: str) -> str:
    """A workbook word (``workbook.<key>``), or an app text the sheet shows the same way (``app:<key>``)."""
    if key.startswith("app:"):
        return translate(key.removeprefix("app:"), book.lang)
    return say(key, book.lang)


def _status(status: str, lang: str) -> str:
    return enum_label(status, lang)


def write_esrs_coverage(book: Book) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("esrs_coverage")
    sheet, st, fw, summary = book.name("esrs_coverage"), book.styles, book.framework, book.coverage
    sheet_title(book, ws, "esrs_coverage")
    heads = [STANDARD, "header.name", "header.material", "esrs_coverage.drs", "esrs_coverage.material_drs"]
    for col, key in enumerate(heads):
        ws.write_string(HEADER_ROW, col, _t(book, key), st["header"])
    for k, status in enumerate(STATUS_ORDER):
        ws.write_string(HEADER_ROW, FIRST_STATUS_COL + k, _status(status, book.lang), st["header"])
    items_col = FIRST_STATUS_COL + len(STATUS_ORDER)
    ws.write_string(HEADER_ROW, items_col, _t(book, "esrs_coverage.items"), st["header"])
    ws.write_string(HEADER_ROW, items_col + 1, _t(book, "esrs_coverage.covered_pct"), st["header"])
    cov_dr = book.tables["coverage"].live_range("disclosure_requirement")
    items: dict[str, int] = {}
    for c in book.assessment.coverage:
        std = book.dr_standard.get(c.disclosure_requirement)
        if std is not None:
            items[std] = items.get(std, 0) + 1
    by_standard = {s.standard: s for s in summary.by_standard}
    undecided = set(summary.standards_not_assessed)
    dr_total: dict[str, int] = {}
    for d in fw.esrs.disclosure_requirements:
        dr_total[d.standard] = dr_total.get(d.standard, 0) + 1
    standards = fw.esrs.standards
    for i, std in enumerate(standards):
        row, r = FIRST_DATA_ROW + i, FIRST_DATA_ROW + i + 1
        ws.write_string(row, 0, std.code, st["calc_text"])
        ws.write_string(row, 1, std.name.get(book.lang), st["calc_text"])
        mark = "" if std.code in undecided else (MET if std.code in by_standard else NOT_MET)
        ws.write_string(row, 2, mark, st["calc_center"])
        ws.write_number(row, 3, dr_total.get(std.code, 0), st["calc_center"])
        counted = by_standard.get(std.code)
        ws.write_number(row, 4, counted.material_drs if counted else 0, st["calc_center"])
        for k, status in enumerate(STATUS_ORDER):
            ws.write_number(row, FIRST_STATUS_COL + k, counted.counts[status] if counted else 0, st["calc_center"])
        book.formula(
            ws,
            row,
            items_col,
            f"=SUMPRODUCT((dr_std=$A{r})*COUNTIF({cov_dr},dr_codes))",
            items.get(std.code, 0),
            "calc_center",
        )
        covered = (counted.counts["automated"] + counted.counts["manual"]) if counted else 0
        auto, manual = (
            col_letter(FIRST_STATUS_COL + STATUS_ORDER.index("automated")),
            col_letter(FIRST_STATUS_COL + STATUS_ORDER.index("manual")),
        )
        book.formula(
            ws,
            row,
            items_col + 1,
            f'=IF($E{r}=0,"",({auto}{r}+{manual}{r})/$E{r})',
            covered / counted.material_drs if counted and counted.material_drs else "",
            "calc_percent",
        )
    total_row = FIRST_DATA_ROW + len(standards)
    ws.write_string(total_row, 1, _t(book, "esrs_coverage.total"), st["label"])
    totals = {3: sum(dr_total.values()), 4: summary.material_drs, items_col: len(book.assessment.coverage)}
    totals.update({FIRST_STATUS_COL + k: summary.counts[s] for k, s in enumerate(STATUS_ORDER)})
    for col in range(3, items_col + 1):
        letter = col_letter(col)
        value = totals.get(col, 0) if col != items_col else sum(items.values())
        book.formula(ws, total_row, col, f"=SUM({letter}{FIRST_DATA_ROW + 1}:{letter}{total_row})", value, "calc_rank")
    ws.write_string(total_row + 1, 0, summary.sentence(book.lang), st["cover_value"])
    ws.write_string(total_row + 2, 0, _t(book, "esrs_coverage.as_exported"), st["hint"])
    _format(book, ws, len(standards), items_col + 1)
    _chart(book, ws, sheet, len(standards), total_row + 2)
    gap_row = total_row + 24
    end = _gap_list(book, ws, gap_row)
    _outside(book, ws, end + 2)
    page_setup(book, ws, "esrs_coverage", repeat_row=None)


def _format(book: Book, ws: Worksheet, count: int, pct_col: int) -> None:
    st = book.styles
    last = FIRST_DATA_ROW + count - 1
    gap_col = FIRST_STATUS_COL + STATUS_ORDER.index("gap")
    ws.conditional_format(
        FIRST_DATA_ROW, gap_col, last, gap_col, {"type": "cell", "criteria": ">", "value": 0, "format": st["bad"]}
    )
    partial_col = FIRST_STATUS_COL + STATUS_ORDER.index("partial")
    ws.conditional_format(
        FIRST_DATA_ROW,
        partial_col,
        last,
        partial_col,
        {"type": "cell", "criteria": ">", "value": 0, "format": st["warn"]},
    )
    ws.conditional_format(
        FIRST_DATA_ROW, 2, last, 2, {"type": "cell", "criteria": "==", "value": f'"{MET}"', "format": st["ok"]}
    )
    for col in (pct_col,):
        ws.conditional_format(
            FIRST_DATA_ROW,
            col,
            last,
            col,
            {
                "type": "data_bar",
                "bar_color": "#63BE7B",
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": 1,
            },
        )
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.set_row(HEADER_ROW, 42)
    ws.freeze_panes(FIRST_DATA_ROW, 2)


def _chart(book: Book, ws: Worksheet, sheet: str, count: int, total_row: int) -> None:
    last = FIRST_DATA_ROW + count - 1
    chart = book.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    for k, status in enumerate(STATUS_ORDER):
        col = FIRST_STATUS_COL + k
        chart.add_series(
            {
                "name": _status(status, book.lang),
                "categories": range_ref(sheet, FIRST_DATA_ROW, 0, last),
                "values": range_ref(sheet, FIRST_DATA_ROW, col, last),
                "fill": {"color": STATUS_COLOURS[status]},
            }
        )
    chart.set_title({"name": _t(book, "esrs_coverage.chart"), "name_font": {"size": 11}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(total_row + 2, 1, chart, {"x_scale": 1.6, "y_scale": 1.2})


def _gap_list(book: Book, ws: Worksheet, first_row: int) -> int:
    """The material DRs of the gap list, one row each; returns the last row written."""
    st = book.styles
    ws.write_string(first_row, 0, _t(book, "esrs_coverage.gaps"), st["subtitle"])
    ws.write_string(first_row + 1, 0, _t(book, "esrs_coverage.gap_hint"), st["hint"])
    # (heading, first column, last column): the list shares the matrix's columns, so wide texts span two.
    layout = (
        (DR, 0, 0),
        ("header.title", 1, 1),
        (STATUS, 2, 2),
        (STANDARD, 3, 3),
        ("app:col.datapoints", 4, 4),
        (ITEMS, 5, 6),
        ("header.data_source_ids", 7, 8),
        ("header.notes", 9, 11),
    )
    head_row = first_row + 2
    for key, c1, c2 in layout:
        _span(ws, head_row, c1, c2, _t(book, key), st["header"])
    rows = [
        (
            d.code,
            d.title(book.lang),
            _status(d.status, book.lang),
            d.standard,
            "" if d.datapoints is None else str(d.datapoints),
            ", ".join(d.item_ids),
            ", ".join(d.data_source_ids),
            d.notes,
            d.status,
        )
        for d in book.coverage.gaps
    ]
    if not rows:
        ws.write_string(head_row + 1, 0, _t(book, "app:as_is.coverage.no_gaps"), st["hint"])
        return head_row + 1
    return _rows(ws, st, layout, rows, head_row)


def _outside(book: Book, ws: Worksheet, first_row: int) -> None:
    """Coverage items of DRs in standards that are not material: shown so nothing entered is hidden."""
    st, outside = book.styles, book.coverage.outside
    if not outside:
        return
    ws.write_string(first_row, 0, _t(book, "esrs_coverage.outside"), st["subtitle"])
    layout = ((DR, 0, 0), (STATUS, 2, 2), (STANDARD, 3, 3), (ITEMS, 5, 6))
    head_row = first_row + 1
    for key, c1, c2 in layout:
        _span(ws, head_row, c1, c2, _t(book, key), st["header"])
    rows = [(o.disclosure_requirement, _status(o.status, book.lang), o.standard, o.item_id, "") for o in outside]
    _rows(ws, st, layout, rows, head_row)


def _rows(ws: Worksheet, st, layout: tuple, rows: list[tuple], head_row: int) -> int:  # noqa: ANN001
    widths = [sum(WIDTHS[c1 : c2 + 1]) for _, c1, c2 in layout]
    row = head_row
    for row, (*values, status) in enumerate(rows, start=head_row + 1):
        for (key, c1, c2), value in zip(layout, values, strict=True):
            style = "calc_text"
            if key == STATUS:
                style = {"gap": "cell_bad", "partial": "cell_warn"}.get(status, "calc_text")
            _span(ws, row, c1, c2, value, st[style])
        height = row_height(zip(values, widths, strict=True))
        if height:
            ws.set_row(row, height)
    return row


def _span(ws: Worksheet, row: int, c1: int, c2: int, text: str, fmt) -> None:
    """Text across columns c1..c2, always written as a string (never a formula)."""
    if c2 > c1:
        ws.merge_range(row, c1, row, c2, "", fmt)
    ws.write_string(row, c1, text, fmt)
