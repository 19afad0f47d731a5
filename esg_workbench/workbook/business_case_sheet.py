"""The business case sheet: each option's benefit against its cost, as live formulas over the data
sources' manual hours, the options' automation share and start year, the hourly rate, the benefit lines
and the TCO sheet (the engine's ``scoring.business_case``, which says the definition).

One row per option with the summary (hours removed, benefit and net present value, payback year, score,
cost per point, how many eligible options dominate it), then three year grids (benefit, cumulative net,
and the payback flags the payback year takes its minimum of). A figure that is not known (no automation
share, no hourly rate, no manual hours, no cost) is an empty cell, never 0. A score-against-cost chart
draws the options that are dominated apart from the others.
"""

from __future__ import annotations

from ..messages import translate
from .book import Book, cell_ref, page_setup, range_ref
from .formula_values import YEAR_COLUMNS, LiveValues
from .layout import FIRST_DATA_ROW, HEADER_ROW, col_letter
from .tco_sheet import TCO_FACTOR_ROW, TCO_FIRST_ROW, TCO_FIRST_YEAR_COL, lines_in_year, tco_cell
from .texts import say

NO_PAYBACK_FLAG = 999  # a year no horizon reaches: the flag of a year that has not paid back
MANUAL_ROW = HEADER_ROW - 1  # the data sources' manual hours, above the table
YEAR_COL = 2  # first year column of the grids
# The summary's columns, in order.
COLUMNS = (
    "id",
    "name",
    "automation",
    "from_year",
    "hours",
    "labour",
    "benefit_npv",
    "tco",
    "net_npv",
    "payback",
    "total",
    "per_point",
    "eligible",
    "dominated",
    "plot_efficient",
    "plot_dominated",
)
COL = {name: k for k, name in enumerate(COLUMNS)}


def _t(book: Book, key: str) -> str:
    return say(key, book.lang)


def write_business_case(book: Book, live: LiveValues) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("business_case")
    sheet, st, a = book.name("business_case"), book.styles, book.assessment
    sheet_title(book, ws, "business_case")
    options = book.tables["options"]
    hours_range = book.tables["data_sources"].live_range("manual_effort_hours_per_year")
    rate = book.forms["settings"].cell("settings.hourly_rate")
    manual = f"$C${MANUAL_ROW + 1}"
    ws.write_string(MANUAL_ROW, 1, translate("workshop_b.sheet.manual_hours", book.lang), st["label"])
    book.formula(
        ws,
        MANUAL_ROW,
        2,
        f'=IF(COUNT({hours_range})=0,"",SUM({hours_range}))',
        live.manual_hours(),
        "calc_value",
    )
    currency, tco = a.settings.currency, translate("workshop_b.sheet.tco", book.lang)
    heads = {
        "id": _t(book, "header.id"),
        "name": _t(book, "header.option_id"),
        "automation": _t(book, "header.automation_pct"),
        "from_year": translate("workshop_b.sheet.from_year", book.lang),
        "hours": translate("workshop_b.sheet.hours", book.lang),
        "labour": translate("workshop_b.sheet.labour", book.lang),
        "benefit_npv": translate("workshop_b.sheet.benefit_npv", book.lang),
        "tco": tco,
        "net_npv": translate("workshop_b.sheet.net_npv", book.lang),
        "payback": translate("workshop_b.sheet.payback", book.lang),
        "total": translate("workshop_b.sheet.total", book.lang),
        "per_point": f"{translate('workshop_b.sheet.per_point', book.lang)} ({currency})",
        "eligible": _t(book, "scoring.eligible"),
        "dominated": translate("workshop_b.sheet.dominated", book.lang),
        "plot_efficient": f"{tco} ({translate('workshop_b.view.not_dominated', book.lang)})",
        "plot_dominated": f"{tco} ({translate('workshop_b.view.dominated', book.lang)})",
    }
    for name, col in COL.items():
        ws.write_string(HEADER_ROW, col, heads[name], st["header"])
    n = len(a.options)
    last = FIRST_DATA_ROW + max(n, 1) - 1
    grids = _grid_rows(n)
    column = {
        name: f"${col_letter(col)}${FIRST_DATA_ROW + 1}:${col_letter(col)}${last + 1}" for name, col in COL.items()
    }
    no_payback = translate("workshop_b.view.no_payback", book.lang)
    for i, option in enumerate(a.options):
        row, r = FIRST_DATA_ROW + i, FIRST_DATA_ROW + i + 1
        case = live.business_case(option.id)

        def at(name: str, r: int = r) -> str:
            return f"${col_letter(COL[name])}${r}"

        auto, start = options.cell("automation_pct", i), options.cell("automation_from_year", i)
        book.formula(ws, row, COL["id"], f"={options.cell('id', i)}", option.id, "calc_text")
        book.formula(ws, row, COL["name"], f"={options.cell('name', i)}", option.name, "calc_text")
        book.formula(ws, row, COL["automation"], f'=IF({auto}="","",{auto})', option.automation_pct, "calc_value")
        book.formula(ws, row, COL["from_year"], f'=IF({start}="",1,{start})', case.automation_from_year, "calc_value")
        book.formula(
            ws,
            row,
            COL["hours"],
            f'=IF({at("automation")}="","",IF({at("automation")}=0,0,IF({manual}="","",'
            f"{at('automation')}/100*{manual})))",
            case.hours_removed_per_year,
            "calc_value",
        )
        book.formula(
            ws,
            row,
            COL["labour"],
            f'=IF({at("hours")}="","",IF({at("hours")}=0,0,IF({rate}="","",{at("hours")}*{rate})))',
            case.labour_a_year,
            "calc_value_money",
        )
        benefit_row = _year_span(grids["benefit"] + i)
        factors = range_ref(
            book.name("tco"), TCO_FACTOR_ROW, TCO_FIRST_YEAR_COL, TCO_FACTOR_ROW, TCO_FIRST_YEAR_COL + YEAR_COLUMNS - 1
        )
        book.formula(
            ws,
            row,
            COL["benefit_npv"],
            f'=IF({at("labour")}="","",SUMPRODUCT({benefit_row},{factors}))',
            case.benefit_npv,
            "calc_value_money",
        )
        book.formula(ws, row, COL["tco"], f"={tco_cell(book, i)}", case.cost_npv, "calc_value_money")
        book.formula(
            ws,
            row,
            COL["net_npv"],
            f'=IF(OR({at("benefit_npv")}="",{at("tco")}=""),"",{at("benefit_npv")}-{at("tco")})',
            case.net_npv,
            "calc_money_total",
        )
        flags = _year_span(grids["flags"] + i)
        payback = case.payback_year if case.payback_year is not None else (no_payback if case.known else None)
        book.formula(
            ws,
            row,
            COL["payback"],
            f'=IF({at("net_npv")}="","",IF(MIN({flags})>={NO_PAYBACK_FLAG},"{no_payback}",MIN({flags})))',
            payback,
            "calc_center",
        )
        # Rounded as the ranking compares totals, so options it calls tied are tied for dominance too.
        book.formula(
            ws, row, COL["total"], f"=ROUND(INDEX(totals,1,{i + 1}),9)", round(live.total(option.id), 9), "calc_total"
        )
        book.formula(
            ws,
            row,
            COL["per_point"],
            f'=IF(OR({at("tco")}="",{at("total")}=0),"",{at("tco")}/{at("total")})',
            case.cost_per_point,
            "calc_value_money",
        )
        book.formula(ws, row, COL["eligible"], f"=INDEX(eligible,1,{i + 1})", live.eligible(option.id), "calc_bool")
        totals, costs, eligible = column["total"], column["tco"], column["eligible"]
        mine_total, mine_cost = at("total"), at("tco")
        book.formula(
            ws,
            row,
            COL["dominated"],
            f'=IF({mine_cost}="","",SUMPRODUCT(({eligible}=TRUE)*({costs}<>"")*({totals}>={mine_total})'
            f"*({costs}<={mine_cost})*((({totals}>{mine_total})+({costs}<{mine_cost}))>0)))",
            None if case.cost_npv is None else len(case.dominated_by),
            "calc_rank",
        )
        dominated = at("dominated")
        book.formula(
            ws,
            row,
            COL["plot_efficient"],
            f'=IF({mine_cost}="",NA(),IF({dominated}>0,NA(),{mine_cost}))',
            "#N/A" if case.cost_npv is None or case.dominated_by else case.cost_npv,
            "calc_value_money",
        )
        book.formula(
            ws,
            row,
            COL["plot_dominated"],
            f'=IF({mine_cost}="",NA(),IF({dominated}>0,{mine_cost},NA()))',
            case.cost_npv if case.cost_npv is not None and case.dominated_by else "#N/A",
            "calc_value_money",
        )
        _grids(book, ws, live, i, r, grids)
    for name, key in (
        ("benefit_npv", "bc_benefit_npv"),
        ("net_npv", "bc_net_npv"),
        ("payback", "bc_payback"),
        ("per_point", "bc_cost_per_point"),
        ("dominated", "bc_dominated"),
        ("hours", "bc_hours"),
    ):
        book.define(key, range_ref(sheet, FIRST_DATA_ROW, COL[name], last))
    _format(book, ws, n, grids)
    if n:
        _chart(book, ws, sheet, last, grids)
    page_setup(book, ws, "business_case", repeat_row=HEADER_ROW)


CHART_ROWS = 24  # rows left for the chart between the cumulative grid and the hidden flags


def _grid_rows(n: int) -> dict[str, int]:
    """The first option row of each year grid (each has a title row and a year header row above); the
    chart sits below the cumulative grid, the hidden flags below the chart."""
    first = FIRST_DATA_ROW + max(n, 1) + 3
    step = max(n, 1) + 3
    return {
        "benefit": first,
        "cumulative": first + step,
        "chart": first + 2 * step - 2,
        "flags": first + 2 * step + CHART_ROWS,
    }


def _year_span(row: int) -> str:
    return f"${col_letter(YEAR_COL)}${row + 1}:${col_letter(YEAR_COL + YEAR_COLUMNS - 1)}${row + 1}"


def _grids(book: Book, ws, live: LiveValues, i: int, r: int, grids: dict[str, int]) -> None:  # noqa: ANN001
    """Option i's benefit, cumulative net and payback-flag rows, one column per year."""
    lines = book.tables["benefit_lines"]
    labour, from_year, cost = f"$F${r}", f"$D${r}", f"$H${r}"
    key = f"$A${r}"
    tco = book.name("tco")
    case = live.business_case(book.assessment.options[i].id)
    benefit, cumulative = live.padded(case.benefit_per_year), live.padded(case.cumulative_net, carry=True)
    horizon = book.assessment.settings.horizon_years
    for name in ("benefit", "cumulative", "flags"):
        row = grids[name] + i
        book.formula(ws, row, 1, f"={key}", case.option_id, "calc_text")
    for t in range(YEAR_COLUMNS):
        col = YEAR_COL + t
        lines_t = lines_in_year(lines, key, t)  # scheduled exactly as the TCO sheet schedules cost lines
        book.formula(
            ws,
            grids["benefit"] + i,
            col,
            f'=IF({labour}="","",IF({t}>=horizon_years,0,IF({t}>={from_year},{labour},0)+{lines_t}))',
            benefit[t],
            "calc_value_money",
        )
        first, here = col_letter(YEAR_COL), col_letter(col)
        costs = range_ref(tco, TCO_FIRST_ROW + i, TCO_FIRST_YEAR_COL, TCO_FIRST_ROW + i, TCO_FIRST_YEAR_COL + t)
        benefits = f"${first}${grids['benefit'] + i + 1}:${here}${grids['benefit'] + i + 1}"
        book.formula(
            ws,
            grids["cumulative"] + i,
            col,
            f'=IF(OR({labour}="",{cost}=""),"",SUM({benefits})-SUM({costs}))',
            cumulative[t],
            "calc_value_money",
        )
        cum = f"{here}{grids['cumulative'] + i + 1}"
        flag = NO_PAYBACK_FLAG
        if cumulative[t] is not None and t < horizon and cumulative[t] >= 0:
            flag = t
        book.formula(
            ws,
            grids["flags"] + i,
            col,
            f'=IF({cum}="",{NO_PAYBACK_FLAG},IF(AND({t}<horizon_years,{cum}>=0),{t},{NO_PAYBACK_FLAG}))',
            flag,
            "calc_value",
        )


def _format(book: Book, ws, n: int, grids: dict[str, int]) -> None:  # noqa: ANN001
    st = book.styles
    titles = {
        "benefit": "workshop_b.sheet.benefit",
        "cumulative": "workshop_b.sheet.net",
        "flags": "workshop_b.sheet.payback",
    }
    for name, key in titles.items():
        top = grids[name] - 2
        ws.write_string(top, 0, translate(key, book.lang), st["subtitle"])
        ws.write_string(top + 1, 0, _t(book, "header.id"), st["header"])
        for t in range(YEAR_COLUMNS):
            ws.write_string(top + 1, YEAR_COL + t, f"{_t(book, 'tco.year')} {t}", st["header"])
    # The flags only serve the payback formula: hidden, like the years past the horizon.
    for row in range(grids["flags"] - 2, grids["flags"] + max(n, 1)):
        ws.set_row(row, None, None, {"hidden": True})
    horizon = book.assessment.settings.horizon_years
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 28)
    ws.set_column(2, len(COLUMNS) - 1, 13)
    if horizon < YEAR_COLUMNS:
        ws.set_column(
            YEAR_COL + max(horizon, len(COLUMNS) - YEAR_COL), YEAR_COL + YEAR_COLUMNS - 1, 11, None, {"hidden": True}
        )
    ws.set_column(COL["plot_efficient"], COL["plot_dominated"], 13, None, {"hidden": True})
    ws.set_row(HEADER_ROW, 42)
    ws.freeze_panes(FIRST_DATA_ROW, 2)
    last = FIRST_DATA_ROW + max(n, 1) - 1
    ws.conditional_format(
        FIRST_DATA_ROW,
        COL["dominated"],
        last,
        COL["dominated"],
        {"type": "cell", "criteria": ">", "value": 0, "format": st["bad"]},
    )
    ws.conditional_format(
        FIRST_DATA_ROW,
        COL["net_npv"],
        last,
        COL["net_npv"],
        {"type": "cell", "criteria": "<", "value": 0, "format": st["bad"]},
    )


def _chart(book: Book, ws, sheet: str, last: int, grids: dict[str, int]) -> None:  # noqa: ANN001
    """Score (x) against TCO (y): options not dominated in blue, dominated ones in grey, each labelled."""
    chart = book.workbook.add_chart({"type": "scatter"})
    names = [{"value": f"={cell_ref(sheet, row, COL['name'])}"} for row in range(FIRST_DATA_ROW, last + 1)]
    for key, column, colour in (
        ("workshop_b.view.not_dominated", "plot_efficient", "#2E75B6"),
        ("workshop_b.view.dominated", "plot_dominated", "#A6A6A6"),
    ):
        chart.add_series(
            {
                "name": translate(key, book.lang),
                "categories": range_ref(sheet, FIRST_DATA_ROW, COL["total"], last),
                "values": range_ref(sheet, FIRST_DATA_ROW, COL[column], last),
                "marker": {"type": "circle", "size": 8, "fill": {"color": colour}, "border": {"color": colour}},
                "data_labels": {"custom": names, "position": "right"},
            }
        )
    chart.set_title({"name": translate("workshop_b.sheet.chart", book.lang), "name_font": {"size": 11}})
    chart.set_x_axis(
        {
            "name": translate("workshop_b.sheet.total", book.lang),
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_y_axis({"name": translate("workshop_b.sheet.tco", book.lang), "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(grids["chart"], 1, chart, {"x_scale": 1.6, "y_scale": 1.2})
