"""The TCO sheet: each option's cost per year over the horizon (live formulas over the cost lines), the
discount factors and the net present value the scoring matrix takes its TCO criterion from.

NPV = sum over t = 0..H-1 of cost_t / (1 + r)^t (the engine's ``scoring.cost``); 30 year columns are
written, those past the horizon hidden, so raising the horizon in Excel still counts every year.
An option without any cost line has an empty total and NPV (missing, as in the engine), so the scoring
matrix gives it utility 0 on a cost criterion rather than the full marks a TCO of 0 would.
"""

from __future__ import annotations

from .book import Book, TablePos, cell_ref, page_setup, range_ref
from .formula_values import YEAR_COLUMNS, LiveValues
from .layout import FIRST_DATA_ROW, HEADER_ROW, col_letter
from .texts import say


def _t(book: Book, key: str) -> str:
    return say(key, book.lang)


TCO_FIRST_YEAR_COL = 2
TCO_FACTOR_ROW = FIRST_DATA_ROW
TCO_FIRST_ROW = FIRST_DATA_ROW + 1


def tco_columns() -> tuple[int, int]:
    """(nominal total column, NPV column) of the TCO sheet."""
    last_year = TCO_FIRST_YEAR_COL + YEAR_COLUMNS - 1
    return last_year + 1, last_year + 2


def tco_cell(book: Book, index: int) -> str:
    return cell_ref(book.name("tco"), TCO_FIRST_ROW + index, tco_columns()[1])


def lines_in_year(lines: TablePos, option: str, t: int) -> str:
    """The sum of one option's lines (cost or benefit lines, whose id is in cell ``option``) in year t:
    one-off lines in their start year, yearly lines from the start year for ``years`` years (blank: on)."""
    opt, kind, amount = (lines.live_range(f) for f in ("option_id", "kind", "amount"))
    start, years = lines.live_range("start_year"), lines.live_range("years")
    return (
        f'SUMPRODUCT(({opt}={option})*{amount}*((({kind}="one_off")*({start}={t}))'
        f'+(({kind}="yearly")*({start}<={t})*((({years}="")+(({start}+{years})>{t}))>0))))'
    )


def write_tco(book: Book, live: LiveValues) -> None:
    ws = book.add_sheet("tco")
    sheet, st = book.name("tco"), book.styles
    from .write_inputs import sheet_title

    sheet_title(book, ws, "tco")
    options, costs = book.tables["options"], book.tables["cost_lines"]
    a = book.assessment
    horizon = a.settings.horizon_years
    nominal_col, npv_col = tco_columns()
    headers = [_t(book, "header.id"), _t(book, "header.option_id")]
    headers += [f"{_t(book, 'tco.year')} {t}" for t in range(YEAR_COLUMNS)]
    headers += [_t(book, "tco.nominal"), _t(book, "tco.npv")]
    for col, text in enumerate(headers):
        ws.write_string(HEADER_ROW, col, text, st["header"])
    ws.write_string(TCO_FACTOR_ROW, 1, _t(book, "tco.factor"), st["label"])
    factors = live.factors()
    for t in range(YEAR_COLUMNS):
        book.formula(
            ws,
            TCO_FACTOR_ROW,
            TCO_FIRST_YEAR_COL + t,
            f"=IF({t}<horizon_years,1/(1+discount_rate)^{t},0)",
            factors[t],
            "matrix_share",
        )
    opt = costs.live_range("option_id")
    first_year, last_year = col_letter(TCO_FIRST_YEAR_COL), col_letter(TCO_FIRST_YEAR_COL + YEAR_COLUMNS - 1)
    for i, option in enumerate(a.options):
        row = TCO_FIRST_ROW + i
        book.formula(ws, row, 0, f"={options.cell('id', i)}", option.id, "calc_text")
        book.formula(ws, row, 1, f"={options.cell('name', i)}", option.name, "calc_text")
        key = f"$A{row + 1}"
        for t in range(YEAR_COLUMNS):
            text = f"=IF({t}>=horizon_years,0,{lines_in_year(costs, key, t)})"
            book.formula(ws, row, TCO_FIRST_YEAR_COL + t, text, live.schedule(option.id)[t], "calc_value_money")
        span = f"{first_year}{row + 1}:{last_year}{row + 1}"
        costed = f"COUNTIFS({opt},{key})>0"
        book.formula(ws, row, nominal_col, f'=IF({costed},SUM({span}),"")', live.nominal(option.id), "calc_value_money")
        factors_span = f"${first_year}${TCO_FACTOR_ROW + 1}:${last_year}${TCO_FACTOR_ROW + 1}"
        book.formula(
            ws,
            row,
            npv_col,
            f'=IF({costed},SUMPRODUCT({span},{factors_span}),"")',
            live.npv(option.id),
            "calc_money_total",
        )
    last = TCO_FIRST_ROW + max(len(a.options), 1) - 1
    book.define("tco_npv", range_ref(sheet, TCO_FIRST_ROW, npv_col, last))
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 28)
    ws.set_column(TCO_FIRST_YEAR_COL, TCO_FIRST_YEAR_COL + YEAR_COLUMNS - 1, 11)
    # Years past the horizon hold zeros; hidden, but there if the horizon is raised in Excel.
    if horizon < YEAR_COLUMNS:
        ws.set_column(TCO_FIRST_YEAR_COL + horizon, TCO_FIRST_YEAR_COL + YEAR_COLUMNS - 1, 11, None, {"hidden": True})
    ws.set_column(nominal_col, npv_col, 14)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(TCO_FIRST_ROW, 2)
    if a.options:
        chart = book.workbook.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": _t(book, "tco.npv"),
                "categories": range_ref(sheet, TCO_FIRST_ROW, 1, last),
                "values": range_ref(sheet, TCO_FIRST_ROW, npv_col, last),
                "fill": {"color": "#2E75B6"},
            }
        )
        chart.set_title({"name": _t(book, "tco.chart_tco"), "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"num_format": "#,##0", "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        ws.insert_chart(last + 3, 1, chart, {"x_scale": 1.6, "y_scale": 1.1})
    page_setup(book, ws, "tco", repeat_row=HEADER_ROW)
