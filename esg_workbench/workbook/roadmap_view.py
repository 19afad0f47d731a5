"""A live Gantt view beside the roadmap table: one column per month, shaded by conditional formatting
where the month falls between an item's start and end, so moving a date in Excel moves its bar."""

from __future__ import annotations

from datetime import date

from xlsxwriter.worksheet import Worksheet

from .book import Book
from .layout import FIELD_ROW, FIRST_DATA_ROW, HEADER_ROW, VIEW_PREFIX, col_letter

MAX_MONTHS = 48
_HEAD = {
    "font_name": "Calibri",
    "font_size": 8,
    "bold": True,
    "bg_color": "#DDEBF7",
    "border": 1,
    "border_color": "#BFBFBF",
    "align": "center",
    "valign": "vcenter",
}
PHASE_COLOURS = {"interim": "#F4B183", "foundation": "#9DC3E6", "target": "#2E75B6", "improve": "#A9D18E"}


def _months(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last and len(months) < MAX_MONTHS:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def roadmap_gantt(book: Book, ws: Worksheet) -> None:
    items = book.assessment.roadmap
    if not items:
        return
    pos = book.tables["roadmap"]
    months = _months(min(i.start for i in items), max(i.end for i in items))
    first_col = len(pos.fields) + 1
    styles, workbook = book.styles, book.workbook
    head = workbook.add_format({**_HEAD, "num_format": "mmm yy", "rotation": 90})
    for k, month in enumerate(months):
        col = first_col + k
        ws.write_string(FIELD_ROW, col, f"roadmap/{VIEW_PREFIX}{month:%Y-%m}", styles["field_id"])
        ws.write_datetime(HEADER_ROW, col, month, head)
    ws.set_column(first_col, first_col + len(months) - 1, 3.5)
    ws.set_row(HEADER_ROW, 44)
    last = pos.last_live
    start = col_letter(pos.col("start"))
    end = col_letter(pos.col("end"))
    phase = col_letter(pos.col("phase"))
    top = f"{col_letter(first_col)}${HEADER_ROW + 1}"
    row = FIRST_DATA_ROW + 1
    area = (FIRST_DATA_ROW, first_col, last, first_col + len(months) - 1)
    # A month is shaded when it overlaps [start, end]; the colour follows the item's phase.
    overlap = f'AND(${start}{row}<>"",${end}{row}<>"",{top}<=${end}{row},EOMONTH({top},0)>=${start}{row})'
    for name, colour in PHASE_COLOURS.items():
        fmt = workbook.add_format({"bg_color": colour})
        ws.conditional_format(
            *area, {"type": "formula", "criteria": f'=AND({overlap},${phase}{row}="{name}")', "format": fmt}
        )
    ws.conditional_format(
        *area, {"type": "formula", "criteria": f"={overlap}", "format": workbook.add_format({"bg_color": "#BFBFBF"})}
    )
