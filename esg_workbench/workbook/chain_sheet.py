"""The Chain sheet: the core's chain (``esg_workbench.chain``) as exported, one row per coverage item and
data source, with the flags' sentence above and an Excel filter on the header. A computed, protected
view like the ESRS coverage sheet: its rows come from the Coverage items, Data sources, Systems, Data
flows and Roles sheets, and an import never reads it (the reader reads input sheets only), so exporting
and importing a workbook leaves the assessment as it was."""

from __future__ import annotations

from ..chain import CSV_COLUMNS, CellTexts, Chain, headers
from ..messages import translate
from .book import Book, page_setup, row_height
from .layout import FIELD_ROW, FIRST_DATA_ROW, HEADER_ROW

# Column widths by CSV column; ids narrow, names and titles wide.
WIDTHS = {"title": 36, "data_source": 30, "system": 22, "owner_role": 22, "flags": 28, "disposition": 13}
DEFAULT_WIDTH = 14
# The input sheets the chain is computed from, named in the sheet's note.
SOURCES = ("coverage", "data_sources", "systems", "data_flows", "roles")
STATUS_STYLE = {"gap": "cell_bad", "partial": "cell_warn"}


def write_chain(book: Book, chain: Chain) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("chain")
    st = book.styles
    sheet_title(book, ws, "chain")
    ws.write_string(FIELD_ROW, 0, chain.sentence(book.lang), st["cover_value"])
    for col, text in enumerate(headers(book.lang)):
        ws.write_string(HEADER_ROW, col, text, st["header"])
    widths = [WIDTHS.get(c, DEFAULT_WIDTH) for c in CSV_COLUMNS]
    last = FIRST_DATA_ROW - 1
    texts = CellTexts(book.framework, book.lang)
    calc, warn = st["calc_text"], st["cell_warn"]
    status_col, flags_col = CSV_COLUMNS.index("status"), CSV_COLUMNS.index("flags")
    # xlsxwriter's string writer without the public wrapper's A1-notation handling: one cell per column
    # of every (item, source) pair, tens of thousands with an item per datapoint.
    write = ws._write_string
    styles = [calc] * len(CSV_COLUMNS)
    for last, row in enumerate(chain.rows, start=FIRST_DATA_ROW):
        shown = texts(row)
        values = [shown[c] for c in CSV_COLUMNS]
        styles[status_col] = st[STATUS_STYLE.get(row.status, "calc_text")]
        styles[flags_col] = warn if values[flags_col] else calc
        for col, text in enumerate(values):
            write(last, col, text, styles[col])  # user text stays text, never a formula
        height = row_height(zip(values, widths, strict=True))
        if height:
            ws.set_row(last, height)
    sheets = ", ".join(book.name(key) for key in SOURCES)
    note = translate("chain.sheet_as_exported", book.lang, sheets=sheets)
    ws.write_string(last + 2, 0, note, st["hint"])
    ws.write_string(last + 3, 0, translate("chain.manual_rule", book.lang), st["hint"])
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.set_row(HEADER_ROW, 30)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(CSV_COLUMNS) - 1)
    ws.freeze_panes(FIRST_DATA_ROW, 3)
    page_setup(book, ws, "chain", repeat_row=HEADER_ROW)
