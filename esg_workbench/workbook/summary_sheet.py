"""The summary (cover) sheet, the sensitivity sheet and the maturity chart.

The summary is what a steering committee reads first: who, which revision, when, the recommendation
and how robust it is, the decision, the key gaps, and a table of contents linking every sheet.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ..formats import format_count, format_percent
from ..scoring.wording import gate_line
from .book import Book, cell_ref, page_setup, quote_sheet, range_ref, row_height
from .layout import FIRST_DATA_ROW, HEADER_ROW, LISTS_SHEET
from .sheet_columns import SHEET_ORDER
from .texts import say, sheet_hint

MAX_GAPS = 8
SUMMARY_WIDTH = 95


def _t(book: Book, key: str, **values: Any) -> str:
    return say(key, book.lang, **values)


class _Writer:
    """Key / value lines down column A/B of the summary."""

    def __init__(self, book: Book, ws: Worksheet, row: int) -> None:
        self.book, self.ws, self.row = book, ws, row

    def section(self, key: str) -> None:
        self.row += 1
        self.ws.write_string(self.row, 0, _t(self.book, key), self.book.styles["subtitle"])
        self.row += 1

    def line(self, key: str, value: Any, style: str = "cover_value") -> None:
        st = self.book.styles
        self.ws.write_string(self.row, 0, _t(self.book, key), st["cover_key"])
        if isinstance(value, tuple):  # (formula, cached value)
            self.book.formula(self.ws, self.row, 1, value[0], value[1], style)
        else:
            self.ws.write_string(self.row, 1, str(value), st[style])
            self._fit(str(value))
        self.row += 1

    def text(self, value: str, style: str = "cover_value") -> None:
        self.ws.write_string(self.row, 1, value, self.book.styles[style])
        self._fit(value)
        self.row += 1

    def _fit(self, value: str) -> None:
        height = row_height([(value, SUMMARY_WIDTH)])
        if height:
            self.ws.set_row(self.row, height)


def write_summary(book: Book) -> None:
    ws = book.add_sheet("summary")
    a, st, lang = book.assessment, book.styles, book.lang
    ws.write_string(0, 0, _t(book, "summary.title"), st["title"])
    ws.write_string(1, 0, a.organisation.name, st["subtitle"])
    ws.set_row(0, 26)
    w = _Writer(book, ws, 2)
    w.line("summary.assessment", a.title)
    w.line("header.organisation.name", f"{a.organisation.name} ({a.organisation.country})")
    w.line("header.organisation.sector", book.framework.label("sector", a.organisation.sector, lang))
    w.line("summary.revision", str(book.revision) if book.revision is not None else "–")
    w.line("summary.exported", date.today().isoformat())
    w.line("header.updated_at", a.updated_at.date().isoformat())
    w.line("header.framework.id", f"{book.framework.title.get(lang)} {book.framework.version}")
    catalogue = book.framework.esrs  # the assessment's catalogue: every DR code in the workbook is in its terms
    w.line("header.catalogue.id", f"{catalogue.short_name} · {catalogue.title.get(lang)}")
    _scope(book, w)
    _recommendation(book, w)
    _decision(book, w)
    _gaps(book, w)
    _contents(book, w)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, SUMMARY_WIDTH)
    ws.hide_gridlines(2)
    page_setup(book, ws, "summary", portrait=True)


def _name(book: Book, option_id: str | None) -> str:
    return book.names_of["options"].get(option_id or "", option_id or "")


def _recommendation(book: Book, w: _Writer) -> None:
    w.section("summary.recommendation")
    if book.result is None:
        w.text(_t(book, "summary.unscored"), "bad")
        for problem in book.unscored:
            w.text(str(problem))
        return
    rec = book.result.recommendation
    if rec.option_id is None:
        w.text(_t(book, "summary.none"), "bad")
    else:
        w.line("summary.recommended", _name(book, rec.option_id), "cover_big")
        robustness = _t(book, f"summary.robustness_level.{rec.robustness}")
        if rec.probability_first is not None:
            robustness += ": " + _t(
                book,
                "summary.robust_text",
                pct=format_percent(rec.probability_first, book.lang),
                n=format_count(book.result.sensitivity.samples, book.lang),
            )
        w.line("summary.robustness", robustness)
        w.line("summary.total", f"{rec.total:.1f} / 100 ({_t(book, f'summary.method.{rec.method}')})")
        if rec.runner_up_id is not None:
            w.line("summary.runner_up", f"{_name(book, rec.runner_up_id)} ({rec.runner_up_total:.1f})")
    leader = book.live.in_rank_order()[0] if book.assessment.options else ""
    ranking = cell_ref(book.name("ranking"), FIRST_DATA_ROW, 2)
    w.line("summary.live", (f"={ranking}", _name(book, leader)))
    for k, paragraph in enumerate(p for p in rec.text(book.lang).split("\n") if p.strip()):
        w.line("summary.why", paragraph) if k == 0 else w.text(paragraph)


def _decision(book: Book, w: _Writer) -> None:
    w.section("summary.decision")
    decision = book.assessment.decision
    if decision is None:
        w.text(_t(book, "summary.no_decision"), "hint")
        return
    w.line("header.decision.option_id", _name(book, decision.option_id), "cover_key")
    if decision.interim_option_id:
        w.line("header.decision.interim_option_id", _name(book, decision.interim_option_id))
    if decision.decided_on:
        w.line("header.decision.decided_on", decision.decided_on.isoformat())
    if decision.rationale:
        w.line("header.rationale", decision.rationale)


def _scope(book: Book, w: _Writer) -> None:
    from ..frameworks import load_scope_rules
    from ..scope import check_scope

    check = check_scope(book.assessment.organisation, load_scope_rules())
    w.line("summary.scope", check.headline(book.lang))
    for line in check.explanation(book.lang):
        w.text(line)
    w.line("summary.scope_rules", check.as_of_line(book.lang))


def _gaps(book: Book, w: _Writer) -> None:
    w.section("summary.gaps")
    w.line("sheet_name.esrs_coverage", book.coverage.sentence(book.lang))
    w.line("sheet_name.readiness", book.readiness.sentence(book.lang))
    w.text(book.readiness.automation.sentence(book.lang))
    # The open gaps: gap and partial first (they need work on known data), from the same coverage model.
    gaps = [d for d in book.coverage.gaps if d.status != "not_assessed"]
    for k, gap in enumerate(gaps[:MAX_GAPS]):
        text = gap.label(book.lang) + f" ({_t(book, f'summary.status.{gap.status}')})"
        w.line("summary.top_gaps", text) if k == 0 else w.text(text)
    if len(gaps) > MAX_GAPS:
        w.text(_t(book, "summary.more", n=len(gaps) - MAX_GAPS), "hint")
    if book.result is None:
        return
    rec = book.result.recommendation
    ratings = sorted(rec.maturity_gaps, key=lambda m: -m.gap)
    for k, m in enumerate(ratings[:3]):
        text = _t(
            book,
            "summary.maturity_text",
            name=book.labels["maturity_dimension"].get(m.dimension, m.dimension),
            current=m.current,
            target=m.target_long,
        )
        w.line("summary.maturity", text) if k == 0 else w.text(text)
    # The one gate wording (scoring.wording), with requirement texts, for every ineligible option.
    ineligible = [g for g in book.result.gates.values() if not g.eligible]
    for k, gate in enumerate(ineligible):
        text = gate_line(gate, _name(book, gate.option_id), book.lang)
        w.line("summary.ineligible", text) if k == 0 else w.text(text)


def _contents(book: Book, w: _Writer) -> None:
    w.section("summary.contents")
    for key in SHEET_ORDER:
        if key in ("summary", LISTS_SHEET):
            continue
        name = book.name(key)
        w.ws.write_url(w.row, 0, f"internal:{quote_sheet(name)}!A1", book.styles["link"], name)
        hint = sheet_hint(key, book.lang)
        if hint:
            w.ws.write_string(w.row, 1, hint, book.styles["hint"])
        w.row += 1


def write_unscored(book: Book, key: str) -> None:
    """A scoring sheet of an assessment that cannot be scored yet: the reasons instead of numbers."""
    from .write_inputs import sheet_title

    ws = book.add_sheet(key)
    sheet_title(book, ws, key)
    ws.write_string(HEADER_ROW, 0, _t(book, "summary.unscored"), book.styles["bad"])
    for row, problem in enumerate(book.unscored, start=FIRST_DATA_ROW):
        ws.write_string(row, 0, str(problem), book.styles["cover_value"])
    ws.set_column(0, 0, 110)
    page_setup(book, ws, key, portrait=True)


# --- sensitivity ---------------------------------------------------------------------------------


def write_sensitivity(book: Book) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("sensitivity")
    sheet, st, a = book.name("sensitivity"), book.styles, book.assessment
    sens = book.result.sensitivity
    sheet_title(book, ws, "sensitivity")
    n = len(a.options)
    heads = (
        [_t(book, "header.option_id")]
        + [_t(book, "summary.rank", k=k + 1) for k in range(n)]
        + [_t(book, key) for key in ("summary.p5", "summary.p50", "summary.p95")]
    )
    for col, text in enumerate(heads):
        ws.write_string(HEADER_ROW, col, text, st["header"])
    order = list(book.result.ranking)
    for i, option_id in enumerate(order):
        row = FIRST_DATA_ROW + i
        ws.write_string(row, 0, _name(book, option_id), st["calc_text"])
        height = row_height([(_name(book, option_id), 32)])
        if height:
            ws.set_row(row, height)
        for k, share in enumerate(sens.rank_acceptability.get(option_id, [])[:n]):
            _number(ws, row, 1 + k, share, st["calc_percent"])
        for k, total in enumerate(sens.total_percentiles.get(option_id, [])[:3]):
            _number(ws, row, 1 + n + k, total, st["calc_total"])
    last = FIRST_DATA_ROW + max(len(order), 1) - 1
    if n and sens.rank_acceptability:
        ws.conditional_format(
            FIRST_DATA_ROW,
            1,
            last,
            n,
            {
                "type": "2_color_scale",
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": 1,
                "min_color": "#FFFFFF",
                "max_color": "#63BE7B",
            },
        )
    note = _t(
        book,
        "summary.acc_note",
        n=format_count(sens.samples, book.lang),
        seed=str(sens.seed),  # an identifier, not a quantity
        spread=format_percent(sens.weight_spread, book.lang),
        cells=sens.uncertain_cells,
        method=_t(book, f"summary.method.{sens.method}"),
    )
    ws.write_string(last + 2, 0, note, st["hint"])
    tips_end = _tipping_points(book, ws, last + 4)
    ws.set_column(0, 0, 32)
    ws.set_column(1, max(n + 3, 7), 12)
    ws.set_column(3, 3, 24)  # the tipping points' option names share these columns
    ws.set_column(5, 5, 24)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    if n and sens.rank_acceptability:
        chart = book.workbook.add_chart({"type": "bar", "subtype": "percent_stacked"})
        palette = ("#1F4E79", "#2E75B6", "#9DC3E6", "#BDD7EE", "#DEEBF7", "#F2F2F2")
        for k in range(min(n, len(palette))):
            chart.add_series(
                {
                    "name": _t(book, "summary.rank", k=k + 1),
                    "categories": range_ref(sheet, FIRST_DATA_ROW, 0, last),
                    "values": range_ref(sheet, FIRST_DATA_ROW, 1 + k, last),
                    "fill": {"color": palette[k]},
                }
            )
        chart.set_title({"name": _t(book, "summary.acc_chart"), "name_font": {"size": 11}})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
        ws.set_h_pagebreaks([tips_end + 2])  # the chart on a page of its own, not cut in two
        ws.insert_chart(tips_end + 2, 0, chart, {"x_scale": 1.6, "y_scale": 1.1})
    page_setup(book, ws, "sensitivity", repeat_row=None)


def _number(ws: Worksheet, row: int, col: int, value: float, fmt: Any) -> None:
    """An engine number as it is, or a dash where the engine could not compute one (NaN)."""
    if math.isfinite(value):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, "–", fmt)


def _tipping_points(book: Book, ws: Worksheet, first_row: int) -> int:
    """The weight tipping points: how far each criterion's share must move before the top option changes."""
    st, sens = book.styles, book.result.sensitivity
    ws.write_string(first_row, 0, _t(book, "summary.tips"), st["subtitle"])
    ws.write_string(first_row + 1, 0, _t(book, "summary.tips_hint"), st["hint"])
    head = first_row + 2
    keys = (
        "header.criterion_id",
        "summary.share",
        "summary.up_share",
        "summary.new_top",
        "summary.down_share",
        "summary.new_top",
    )
    for col, key in enumerate(keys):
        ws.write_string(head, col, _t(book, key), st["header"])
    ws.set_row(head, 30)
    names = book.result.criterion_names
    row = head
    for row, tip in enumerate(sorted(sens.tipping_points, key=lambda t: t.smallest_change or 2.0), start=head + 1):
        ws.write_string(row, 0, names.get(tip.criterion_id, tip.criterion_id), st["calc_text"])
        _number(ws, row, 1, tip.share, st["calc_percent"])
        for col, found in ((2, tip.increase), (4, tip.decrease)):
            if found is None:
                ws.write_string(row, col, "–", st["calc_center"])
                ws.write_string(row, col + 1, "", st["calc_text"])
            else:
                _number(ws, row, col, found.share, st["calc_percent"])
                ws.write_string(row, col + 1, _name(book, found.new_top), st["calc_text"])
        tops = [_name(book, t.new_top) for t in (tip.increase, tip.decrease) if t is not None]
        height = row_height([(top, 24) for top in tops])
        if height:
            ws.set_row(row, height)
    return row


# --- maturity chart ------------------------------------------------------------------------------


def maturity_chart(book: Book, ws: Worksheet) -> None:
    pos = book.tables["maturity"]
    if not pos.count:
        return
    sheet, last = pos.sheet, pos.last_written
    chart = book.workbook.add_chart({"type": "column"})
    colours = {"current": "#C55A11", "target_short": "#9DC3E6", "target_long": "#1F4E79"}  # by field id
    for field_id, colour in colours.items():
        chart.add_series(
            {
                "name": _t(book, f"header.{field_id}"),
                "categories": range_ref(sheet, FIRST_DATA_ROW, pos.col("calc:label:dimension"), last),
                "values": range_ref(sheet, FIRST_DATA_ROW, pos.col(field_id), last),
                "fill": {"color": colour},
            }
        )
    chart.set_title({"name": _t(book, "summary.chart_maturity"), "name_font": {"size": 11}})
    chart.set_y_axis(
        {"min": 0, "max": 5, "major_unit": 1, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    )
    chart.set_legend({"position": "bottom"})
    # Beside the table, so rows appended in Excel never slide under the chart.
    ws.insert_chart(FIRST_DATA_ROW, len(pos.fields) + 1, chart, {"x_scale": 1.3, "y_scale": 1.1})
