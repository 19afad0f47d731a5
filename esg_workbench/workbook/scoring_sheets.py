"""The live decision sheets: TCO by year, the scoring matrix, the must-have gates and the ranking.

Every number is an Excel formula over the input cells (weights, scores, cost lines, checks, settings),
so editing an input in Excel updates the ranking. The formulas restate the engine's definitions:
utility = value/5 on scale criteria, MAX(0, MIN(1, (v - worst)/(best - worst))) on quantitative ones,
0 when the value is missing; total = 100 * SUMPRODUCT(weights, utilities) / SUM(weights); NPV =
sum of cost_t / (1+r)^t for t = 0..H-1; an option failing a 'must' ranks after every eligible one.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from ..scoring.gates import TIE_DECIMALS
from ..scoring.weights import global_weights
from .book import Book, cell_ref, page_setup, range_ref, row_height
from .formula_values import LiveValues
from .layout import FIRST_DATA_ROW, HEADER_ROW, INELIGIBLE_PENALTY, col_letter, ids_name
from .tco_sheet import tco_cell
from .texts import say
from .weight_formulas import global_weight_formula

MET, NOT_MET = "✓", "✗"


def _t(book: Book, key: str) -> str:
    return say(key, book.lang)


def _head(book: Book, ws: Worksheet, key: str) -> None:
    from .write_inputs import sheet_title

    sheet_title(book, ws, key)


# --- scoring matrix ------------------------------------------------------------------------------

SC_ID_ROW, SC_NAME_ROW = HEADER_ROW + 1, HEADER_ROW + 2
SC_FIRST_ROW = HEADER_ROW + 3
SC_WEIGHT, SC_SHARE, SC_KIND, SC_SOURCE, SC_BEST, SC_WORST = 2, 3, 4, 5, 6, 7
SC_FIRST_VALUE = 9


def scoring_layout(book: Book) -> dict[str, int]:
    n, m = len(book.assessment.options), len(book.assessment.criteria)
    first_util = SC_FIRST_VALUE + n + 1
    last_crit = SC_FIRST_ROW + max(m, 1) - 1
    return {
        "first_util": first_util,
        "last_crit": last_crit,
        "total": last_crit + 1,
        "failed": last_crit + 2,
        "eligible": last_crit + 3,
        "adjusted": last_crit + 4,
        "rank": last_crit + 5,
    }


def write_scoring(book: Book, live: LiveValues) -> None:
    ws = book.add_sheet("scoring")
    st, a = book.styles, book.assessment
    _head(book, ws, "scoring")
    lay = scoring_layout(book)
    book.report_rows["scoring"] = lay
    crits, options, scores = book.tables["criteria"], book.tables["options"], book.tables["scores"]
    n, first_util = len(a.options), lay["first_util"]
    for col, key in (
        (0, "header.id"),
        (1, "header.criterion_id"),
        (SC_WEIGHT, "header.weight"),
        (SC_SHARE, "scoring.share"),
        (SC_KIND, "header.kind"),
        (SC_SOURCE, "header.value_source"),
        (SC_BEST, "scoring.best"),
        (SC_WORST, "scoring.worst"),
    ):
        ws.write_string(SC_NAME_ROW, col, _t(book, key), st["header"])
    for first, key in ((SC_FIRST_VALUE, "scoring.values"), (first_util, "scoring.utilities")):
        if n > 1:
            ws.merge_range(HEADER_ROW, first, HEADER_ROW, first + n - 1, "", st["matrix_head"])
        ws.write_string(HEADER_ROW, first, _t(book, key), st["matrix_head"])
    for j, option in enumerate(a.options):
        for base in (SC_FIRST_VALUE, first_util):
            book.formula(ws, SC_ID_ROW, base + j, f"={options.cell('id', j)}", option.id, "matrix_head")
            book.formula(ws, SC_NAME_ROW, base + j, f"={options.cell('name', j)}", option.name, "header")
    last_crit = lay["last_crit"]
    weights = f"$C${SC_FIRST_ROW + 1}:$C${last_crit + 1}"
    scored_weights = global_weights(a)  # the entered weights, through their groups when there are groups
    group = live.result.group if live.result is not None else None
    # Scored with the stakeholders' group weights: the matrix holds those (the engine's numbers, scaled
    # like the criteria's: scoring.group.criterion_weights), so its live totals are the engine's; the
    # criteria keep their typed weights.
    scale = sum(scored_weights) if sum(scored_weights) > 0 else 100.0
    used = {k: w * scale for k, w in group.weights.items()} if group and group.used else {}
    total_weight = sum(used.values()) if used else sum(scored_weights)
    sc_opt, sc_crit, sc_val = (scores.live_range(f) for f in ("option_id", "criterion_id", "value"))
    for i, c in enumerate(a.criteria):
        row, r = SC_FIRST_ROW + i, SC_FIRST_ROW + i + 1
        book.formula(ws, row, 0, f"={crits.cell('id', i)}", c.id, "calc_text")
        book.formula(ws, row, 1, f"={crits.cell('name', i)}", c.name, "calc_text")
        weight = used.get(c.id, scored_weights[i]) if used else scored_weights[i]
        if used:
            ws.write_number(row, SC_WEIGHT, weight, st["matrix_weight"])
        else:
            # Criteria in groups: group share x share within the group (weight_formulas), else as entered.
            book.formula(ws, row, SC_WEIGHT, f"={global_weight_formula(book, i)}", weight, "matrix_weight")
        book.formula(
            ws,
            row,
            SC_SHARE,
            f"=IF(SUM({weights})=0,0,C{r}/SUM({weights}))",
            weight / total_weight if total_weight else 0,
            "matrix_share",
        )
        book.formula(
            ws,
            row,
            SC_KIND,
            f'=IF({crits.cell("kind", i)}="","scale",{crits.cell("kind", i)})',
            str(c.kind),
            "calc_center",
        )
        source = crits.cell("value_source", i)
        book.formula(ws, row, SC_SOURCE, f'=IF({source}="","score",{source})', c.value_source, "calc_center")
        money = c.value_source == "tco"  # display only: cost in whole currency units
        value_style = "calc_value_money" if money else "calc_value"
        for col, fld, value in ((SC_BEST, "best", c.best), (SC_WORST, "worst", c.worst)):
            ref = crits.cell(fld, i)
            book.formula(ws, row, col, f'=IF({ref}="","",{ref})', value, value_style)
        for j, option in enumerate(a.options):
            vcol, ucol = SC_FIRST_VALUE + j, first_util + j
            v = f"{col_letter(vcol)}{r}"
            opt_id = f"{col_letter(vcol)}${SC_ID_ROW + 1}"
            months = options.cell("time_to_first_report_months", j)
            value_text = (
                f'=IF($F{r}="tco",{tco_cell(book, j)},IF($F{r}="time_to_first_report",IF({months}="","",{months}),'
                f'IF(COUNTIFS({sc_opt},{opt_id},{sc_crit},$A{r})=0,"",SUMIFS({sc_val},{sc_opt},{opt_id},{sc_crit},$A{r}))))'
            )
            book.formula(ws, row, vcol, value_text, live.value(option.id, c.id), value_style)
            util_text = (
                f'=IF({v}="",0,IF($E{r}="quantitative",IF(OR($G{r}="",$H{r}="",$G{r}=$H{r}),0,'
                f"MAX(0,MIN(1,({v}-$H{r})/($G{r}-$H{r})))),{v}/5))"
            )
            book.formula(ws, row, ucol, util_text, live.utility(option.id, c.id), "calc_utility")
    _scoring_totals(book, ws, live, lay, weights)
    _scoring_format(book, ws, lay, n)
    page_setup(book, ws, "scoring", repeat_row=SC_NAME_ROW)


def _scoring_totals(book: Book, ws: Worksheet, live: LiveValues, lay: dict[str, int], weights: str) -> None:
    a, sheet = book.assessment, book.name("scoring")
    n, first_util = len(a.options), lay["first_util"]
    for key in ("total", "failed", "eligible", "adjusted", "rank"):
        ws.write_string(lay[key], 1, _t(book, f"scoring.{key}"), book.styles["label"])  # rows named as their words
    first_col, last_col = col_letter(first_util), col_letter(first_util + max(n, 1) - 1)
    adj_row = lay["adjusted"] + 1
    gates = book.report_rows["gates"]
    for j, option in enumerate(a.options):
        col = col_letter(first_util + j)
        utils = f"{col}{SC_FIRST_ROW + 1}:{col}{lay['last_crit'] + 1}"
        book.formula(
            ws,
            lay["total"],
            first_util + j,
            f"=IF(SUM({weights})=0,0,100*SUMPRODUCT({weights},{utils})/SUM({weights}))",
            live.total(option.id),
            "calc_total",
        )
        failed_ref = cell_ref(book.name("gates"), gates["failed"], gates["first_option"] + j)
        book.formula(ws, lay["failed"], first_util + j, f"={failed_ref}", live.failed(option.id), "calc_center")
        book.formula(
            ws,
            lay["eligible"],
            first_util + j,
            f"={col}{lay['failed'] + 1}=0",
            live.eligible(option.id),
            "calc_bool",
        )
        # The engine compares totals rounded to 9 decimals, so equal-looking totals tie the same way here.
        book.formula(
            ws,
            lay["adjusted"],
            first_util + j,
            f"=ROUND({col}{lay['total'] + 1},{TIE_DECIMALS})-IF({col}{lay['eligible'] + 1},0,{INELIGIBLE_PENALTY})",
            live.adjusted(option.id),
            "calc_adjusted",
        )
        # Rank: options with a higher adjusted total, plus ties to the left (the options' order).
        before = (
            f"+SUMPRODUCT(({first_col}{adj_row}:{col_letter(first_util + j - 1)}{adj_row}={col}{adj_row})*1)"
            if j
            else ""
        )
        book.formula(
            ws,
            lay["rank"],
            first_util + j,
            f"=1+SUMPRODUCT((${first_col}${adj_row}:${last_col}${adj_row}>{col}{adj_row})*1){before}",
            live.rank(option.id),
            "calc_rank",
        )
    if n:
        book.define("option_ids", range_ref(sheet, SC_ID_ROW, first_util, SC_ID_ROW, first_util + n - 1))
        for key, name in (("total", "totals"), ("eligible", "eligible"), ("rank", "ranks"), ("failed", "failed_musts")):
            book.define(name, range_ref(sheet, lay[key], first_util, lay[key], first_util + n - 1))
        book.define("weights", range_ref(sheet, SC_FIRST_ROW, SC_WEIGHT, lay["last_crit"]))


def _scoring_format(book: Book, ws: Worksheet, lay: dict[str, int], n: int) -> None:
    st = book.styles
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 28)
    ws.set_column(SC_WEIGHT, SC_WORST, 10)
    ws.set_column(SC_SOURCE, SC_SOURCE, 16)
    ws.set_column(SC_FIRST_VALUE - 1, SC_FIRST_VALUE - 1, 2)
    ws.set_column(SC_FIRST_VALUE, lay["first_util"] + n, 13)
    ws.set_column(lay["first_util"] - 1, lay["first_util"] - 1, 2)
    ws.set_row(SC_NAME_ROW, 42)
    ws.freeze_panes(SC_FIRST_ROW, 2)
    if n:
        first, last = lay["first_util"], lay["first_util"] + n - 1
        ws.conditional_format(
            SC_FIRST_ROW,
            first,
            lay["last_crit"],
            last,
            {
                "type": "3_color_scale",
                "min_type": "num",
                "min_value": 0,
                "mid_type": "num",
                "mid_value": 0.5,
                "max_type": "num",
                "max_value": 1,
                "min_color": "#F8696B",
                "mid_color": "#FFEB84",
                "max_color": "#63BE7B",
            },
        )
        ws.conditional_format(
            lay["eligible"],
            first,
            lay["eligible"],
            last,
            {"type": "cell", "criteria": "==", "value": "FALSE", "format": st["bad"]},
        )
        ws.conditional_format(
            lay["rank"], first, lay["rank"], last, {"type": "cell", "criteria": "==", "value": 1, "format": st["ok"]}
        )


# --- must-have gates -----------------------------------------------------------------------------

GATE_FIRST_OPTION = 3


def gates_layout(book: Book) -> dict[str, int]:
    m = len(book.assessment.requirements)
    return {"first_option": GATE_FIRST_OPTION, "failed": FIRST_DATA_ROW + 1 + max(m, 1)}


def write_gates(book: Book, live: LiveValues) -> None:
    ws = book.add_sheet("gates")
    st, a = book.styles, book.assessment
    _head(book, ws, "gates")
    lay = book.report_rows["gates"]
    reqs, options, checks = book.tables["requirements"], book.tables["options"], book.tables["must_have_checks"]
    first_req = FIRST_DATA_ROW + 1
    for col, key in ((0, "header.id"), (1, "header.requirement_id"), (2, "header.priority")):
        ws.write_string(FIRST_DATA_ROW, col, _t(book, key), st["header"])
    c_opt, c_req, c_met = (checks.live_range(f) for f in ("option_id", "requirement_id", "met"))
    failed = {option.id: set(live.failed_musts(option.id)) for option in a.options}
    for j, option in enumerate(a.options):
        col = GATE_FIRST_OPTION + j
        book.formula(ws, HEADER_ROW, col, f"={options.cell('id', j)}", option.id, "matrix_head")
        book.formula(ws, FIRST_DATA_ROW, col, f"={options.cell('name', j)}", option.name, "header")
    for i, req in enumerate(a.requirements):
        row, r = first_req + i, first_req + i + 1
        book.formula(ws, row, 0, f"={reqs.cell('id', i)}", req.id, "calc_text")
        book.formula(ws, row, 1, f"={reqs.cell('text', i)}", req.text, "calc_text")
        book.formula(ws, row, 2, f"={reqs.cell('priority', i)}", str(req.priority), "calc_center")
        for j, option in enumerate(a.options):
            col = col_letter(GATE_FIRST_OPTION + j)
            value = "" if req.priority != "must" else (NOT_MET if req.id in failed[option.id] else MET)
            book.formula(
                ws,
                row,
                GATE_FIRST_OPTION + j,
                f'=IF($C{r}<>"must","",IF(COUNTIFS({c_opt},{col}${HEADER_ROW + 1},{c_req},$A{r},{c_met},TRUE)>0,'
                f'"{MET}","{NOT_MET}"))',
                value,
                "calc_center",
            )
    ws.write_string(lay["failed"], 1, _t(book, "scoring.failed"), st["label"])
    for j, option in enumerate(a.options):
        col = col_letter(GATE_FIRST_OPTION + j)
        text = (
            f'=COUNTIF({col}{first_req + 1}:{col}{first_req + len(a.requirements)},"{NOT_MET}")'
            if a.requirements
            else "=0"
        )
        book.formula(ws, lay["failed"], GATE_FIRST_OPTION + j, text, live.failed(option.id), "calc_rank")
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 50)
    ws.set_column(2, 2, 10)
    ws.set_column(GATE_FIRST_OPTION, GATE_FIRST_OPTION + max(len(a.options), 1), 14)
    ws.set_row(FIRST_DATA_ROW, 42)
    ws.freeze_panes(first_req, 2)
    last_col = GATE_FIRST_OPTION + max(len(a.options), 1) - 1
    ws.conditional_format(
        first_req,
        GATE_FIRST_OPTION,
        lay["failed"] - 1,
        last_col,
        {"type": "cell", "criteria": "==", "value": f'"{MET}"', "format": st["ok"]},
    )
    ws.conditional_format(
        first_req,
        GATE_FIRST_OPTION,
        lay["failed"] - 1,
        last_col,
        {"type": "cell", "criteria": "==", "value": f'"{NOT_MET}"', "format": st["bad"]},
    )
    ws.conditional_format(
        lay["failed"],
        GATE_FIRST_OPTION,
        lay["failed"],
        last_col,
        {"type": "cell", "criteria": ">", "value": 0, "format": st["bad"]},
    )
    page_setup(book, ws, "gates", repeat_row=FIRST_DATA_ROW)


# --- ranking -------------------------------------------------------------------------------------


def write_ranking(book: Book, live: LiveValues) -> Worksheet:
    ws = book.add_sheet("ranking")
    sheet, st, a = book.name("ranking"), book.styles, book.assessment
    _head(book, ws, "ranking")
    keys = (
        "scoring.rank",
        "header.id",
        "header.option_id",
        "header.archetype",
        "scoring.total",
        "scoring.eligible",
        "scoring.failed",
        "calc_header.options:tco",
        "header.time_to_first_report_months",
    )
    for col, key in enumerate(keys):
        ws.write_string(HEADER_ROW, col, _t(book, key), st["header"])
    options = book.tables["options"]
    order = live.in_rank_order()
    by_id = {o.id: o for o in a.options}
    for k, option_id in enumerate(order):
        row, r = FIRST_DATA_ROW + k, FIRST_DATA_ROW + k + 1
        option = by_id[option_id]
        ws.write_number(row, 0, k + 1, st["calc_rank"])

        def pick_of(name: str, r: int = r) -> str:
            return f"INDEX({name},MATCH($A{r},ranks,0))"

        book.formula(ws, row, 1, f'=IFERROR({pick_of("option_ids")},"")', option_id, "calc_text")
        book.formula(
            ws,
            row,
            2,
            f'=IFERROR(INDEX(names_options,MATCH($B{r},{ids_name("options")},0)),"")',
            option.name,
            "calc_text",
        )
        archetypes = options.live_range("archetype")
        book.formula(
            ws,
            row,
            3,
            f'=IFERROR(VLOOKUP(INDEX({archetypes},MATCH($B{r},{ids_name("options")},0)),lbl_archetype,2,FALSE),"")',
            book.labels["archetype"].get(option.archetype, option.archetype),
            "calc_text",
        )
        book.formula(ws, row, 4, f'=IFERROR({pick_of("totals")},"")', live.total(option_id), "calc_total")
        book.formula(ws, row, 5, f'=IFERROR({pick_of("eligible")},"")', live.eligible(option_id), "calc_bool")
        book.formula(
            ws, row, 6, f'=IFERROR(INDEX(failed_musts,MATCH($A{r},ranks,0)),"")', live.failed(option_id), "calc_center"
        )
        book.formula(
            ws,
            row,
            7,
            f'=IFERROR(INDEX(tco_npv,MATCH($B{r},{ids_name("options")},0)),"")',
            live.npv(option_id),
            "calc_value_money",
        )
        months = f"INDEX({options.live_range('time_to_first_report_months')},MATCH($B{r},{ids_name('options')},0))"
        book.formula(
            ws, row, 8, f'=IFERROR(IF({months}="","",{months}),"")', option.time_to_first_report_months, "calc_value"
        )
        height = row_height([(option.name, 30), (book.labels["archetype"].get(option.archetype, ""), 24)])
        if height:
            ws.set_row(row, height)
    last = FIRST_DATA_ROW + max(len(order), 1) - 1
    for col, width in enumerate((7, 14, 30, 24, 12, 10, 12, 14, 14)):
        ws.set_column(col, col, width)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    ws.conditional_format(
        FIRST_DATA_ROW,
        0,
        last,
        len(keys) - 1,
        {"type": "formula", "criteria": f"=$F{FIRST_DATA_ROW + 1}=FALSE", "format": st["muted"]},
    )
    if order:
        chart = book.workbook.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": _t(book, "scoring.total"),
                "categories": range_ref(sheet, FIRST_DATA_ROW, 2, last),
                "values": range_ref(sheet, FIRST_DATA_ROW, 4, last),
                "fill": {"color": "#2E75B6"},
                "data_labels": {"value": True, "num_format": "0.0"},
            }
        )
        chart.set_title({"name": _t(book, "scoring.chart_rank"), "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_x_axis({"min": 0, "max": 100, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        chart.set_y_axis({"reverse": True})
        ws.insert_chart(last + 2, 1, chart, {"x_scale": 1.5, "y_scale": 1 + 0.05 * max(len(order) - 5, 0)})
    page_setup(book, ws, "ranking", repeat_row=HEADER_ROW)
    return ws
