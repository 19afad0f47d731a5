"""The readiness sheet: per ESRS standard its material disclosure requirements counted by readiness level
with the mean score of those whose readiness is known, a chart, today's automation share against the
to-be target, and every material DR with its score, level and weakest source. The figures are the core
readiness model's (``esg_workbench.readiness``) as exported, so they match the app, the CLI and the
recommendation; the rules themselves are on the method sheet (:func:`write_readiness_rules`)."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from ..domain.framework import NOT_KNOWN
from ..messages import translate
from ..readiness import ReadinessSummary, Scored
from .book import Book, page_setup, range_ref
from .layout import FIRST_DATA_ROW, HEADER_ROW

LEVEL_COLOURS = {"ready": "#548235", "partly_ready": "#FFC000", "not_ready": "#C00000", NOT_KNOWN: "#BFBFBF"}
OTHER_COLOURS = ("#2E75B6", "#A9D18E", "#7F7F7F")  # levels a changed rules file may add
_LEVEL_STYLE = {"ready": "cell_ok", "partly_ready": "cell_warn", "not_ready": "cell_bad"}
FIRST_LEVEL_COL = 3
WIDTHS = (12, 34, 12, 12, 12, 12, 12, 12, 30)


def _t(lang: str, key: str, **params: object) -> str:
    return translate(f"readiness.workbook.{key}", lang, **params)


def write_readiness(book: Book) -> None:
    from .write_inputs import sheet_title

    summary: ReadinessSummary = book.readiness
    ws = book.add_sheet("readiness")
    st, lang, fw = book.styles, book.lang, book.framework
    sheet_title(book, ws, "readiness")
    levels = summary.levels
    heads = [_t(lang, "standard"), _t(lang, "name"), _t(lang, "material_drs")]
    heads += [summary.label(level, lang) for level in levels] + [_t(lang, "mean")]
    for col, text in enumerate(heads):
        ws.write_string(HEADER_ROW, col, text, st["header"])
    rows = [*summary.by_standard, summary.overall]
    for i, counts in enumerate(rows):
        row = FIRST_DATA_ROW + i
        total = counts is summary.overall
        ws.write_string(row, 0, counts.standard if not total else _t(lang, "all"), st["calc_text"])
        ws.write_string(row, 1, fw.esrs.standard_name(counts.standard, lang) if not total else "", st["calc_text"])
        ws.write_number(row, 2, counts.material_drs, st["calc_rank" if total else "calc_center"])
        for k, level in enumerate(levels):
            ws.write_number(row, FIRST_LEVEL_COL + k, counts.counts[level], st["calc_rank" if total else "calc_center"])
        mean_col = FIRST_LEVEL_COL + len(levels)
        if counts.mean_score is None:
            ws.write_string(row, mean_col, _t(lang, "no_mean"), st["calc_center"])
        else:
            ws.write_number(row, mean_col, round(counts.mean_score, 1), st["calc_total"])
    after = FIRST_DATA_ROW + len(rows)
    ws.write_string(after, 0, summary.sentence(lang), st["cover_value"])
    ws.write_string(after + 1, 0, _t(lang, "as_exported"), st["hint"])
    _chart(book, ws, len(summary.by_standard), levels, after + 2)
    row = _automation(book, ws, summary, after + 22)
    end = _drs(book, ws, summary, row + 2)
    _items(book, ws, summary, end + 2)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(FIRST_DATA_ROW, 2)
    page_setup(book, ws, "readiness", repeat_row=None)


def _chart(book: Book, ws: Worksheet, count: int, levels: list[str], at_row: int) -> None:
    if not count:
        return
    sheet, last = book.name("readiness"), FIRST_DATA_ROW + count - 1
    chart = book.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    others = iter(OTHER_COLOURS * len(levels))
    for k, level in enumerate(levels):
        chart.add_series(
            {
                "name": book.readiness.label(level, book.lang),
                "categories": range_ref(sheet, FIRST_DATA_ROW, 0, last),
                "values": range_ref(sheet, FIRST_DATA_ROW, FIRST_LEVEL_COL + k, last),
                "fill": {"color": LEVEL_COLOURS.get(level) or next(others)},
            }
        )
    chart.set_title({"name": _t(book.lang, "chart"), "name_font": {"size": 11}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(at_row, 1, chart, {"x_scale": 1.6, "y_scale": 1.2})


def _automation(book: Book, ws: Worksheet, summary: ReadinessSummary, row: int) -> int:
    """Today's automation share against the target: one labelled value per row; returns the last row."""
    st, lang, auto = book.styles, book.lang, summary.automation
    ws.write_string(row, 0, _t(lang, "automation"), st["subtitle"])
    values: list[tuple[str, object, str]] = [
        ("material_drs", auto.material_drs, "calc_center"),
        ("automated", auto.automated, "calc_center"),
        ("not_assessed", auto.not_assessed, "calc_center"),
        ("share", auto.share, "calc_percent"),
        ("target", None if auto.target_pct is None else auto.target_pct / 100, "calc_percent"),
        ("gap", None if auto.gap_points is None else round(auto.gap_points, 1), "calc_total"),
    ]
    for k, (key, value, style) in enumerate(values, start=1):
        ws.merge_range(row + k, 0, row + k, 1, "", st["label"])
        ws.write_string(row + k, 0, _t(lang, f"auto.{key}"), st["label"])
        if value is None:
            missing = "no_target" if key in ("target", "gap") and auto.target_pct is None else "none"
            ws.write_string(row + k, 2, _t(lang, missing), st["calc_center"])
        else:
            ws.write_number(row + k, 2, value, st[style])  # type: ignore[arg-type]
    last = row + len(values) + 1
    ws.write_string(last, 0, auto.sentence(lang), st["cover_value"])
    return last


def _drs(book: Book, ws: Worksheet, summary: ReadinessSummary, row: int) -> int:
    """Every material DR with its score, level, weakest source and, when not known, why; returns the
    last row written."""
    fw, lang = book.framework, book.lang
    rows = [
        ((dr.code, fw.esrs.dr_title(dr.code, lang), dr.standard), dr, ", ".join(dr.source_ids)) for dr in summary.drs
    ]
    return _scored_list(book, ws, summary, row, "drs", ("dr", "title", "standard"), rows)


def _items(book: Book, ws: Worksheet, summary: ReadinessSummary, row: int) -> None:
    """Every coverage item of a material DR (one per DR or per datapoint) with its own readiness."""
    rows = [((i.item_id, i.disclosure_requirement, i.datapoint_id or ""), i, None) for i in summary.items]
    _scored_list(book, ws, summary, row, "items", ("item", "dr", "datapoint"), rows)


def _scored_list(
    book: Book,
    ws: Worksheet,
    summary: ReadinessSummary,
    row: int,
    title: str,
    heads: tuple[str, str, str],
    rows: list[tuple[tuple[str, str, str], Scored, str | None]],
) -> int:
    """A titled list: three text columns, then score, level and the weakest source (or why not known)
    across three columns, and the data sources when given; returns the last row written."""
    st, lang = book.styles, book.lang
    ws.write_string(row, 0, _t(lang, title), st["subtitle"])
    for col, key in enumerate((*heads, "score", "level")):
        ws.write_string(row + 1, col, _t(lang, f"col.{key}"), st["header"])
    ws.merge_range(row + 1, 5, row + 1, 7, "", st["header"])
    ws.write_string(row + 1, 5, _t(lang, "col.weakest"), st["header"])
    if any(sources is not None for _, _, sources in rows):
        ws.write_string(row + 1, 8, _t(lang, "col.sources"), st["header"])
    names = {s.id: s.name for s in book.assessment.data_sources}
    calc, center, total = st["calc_text"], st["calc_center"], st["calc_total"]
    levels = {lv: (summary.label(lv, lang), st[_LEVEL_STYLE.get(lv, "calc_text")]) for lv in summary.levels}
    # xlsxwriter's writers without the public wrappers' A1-notation handling: a row per coverage item.
    write, number = ws._write_string, ws._write_number
    for r, (texts, scored, sources) in enumerate(rows, start=row + 2):
        for col, text in enumerate(texts):
            write(r, col, text, calc)
        if scored.score is None:
            write(r, 3, "", center)
        else:
            number(r, 3, round(scored.score, 1), total)
        label, style = levels.get(scored.level) or (summary.label(scored.level, lang), calc)
        write(r, 4, label, style)
        ws.merge_range(r, 5, r, 7, "", calc)
        write(r, 5, scored.explained(names, lang), calc)
        if sources is not None:
            write(r, 8, sources, calc)
    return row + 1 + len(rows)


def write_readiness_rules(book: Book, ws: Worksheet, row: int) -> int:
    """The readiness rules on the method sheet: what each factor value scores, the caps, how sources
    combine and the levels' thresholds; returns the next free row."""
    st, lang, fw = book.styles, book.lang, book.framework
    rules = fw.readiness
    ws.write_string(row, 0, rules.title.get(lang), st["subtitle"])
    ws.write_string(row + 1, 0, rules.description.get(lang), st["cover_value"])
    row += 2
    total = sum(f.weight for f in rules.factors)
    for factor in rules.factors:
        values = []
        for value, points in factor.points.items():
            label = fw.label(factor.vocabulary, value, lang)
            shown = _t(lang, "rule.unknown") if points is None else str(points)
            cap = factor.caps.get(value)
            values.append(f"{label}: {shown}" + (_t(lang, "rule.cap", cap=cap) if cap is not None else ""))
        share = round(100 * factor.weight / total)
        line = _t(lang, "rule.factor", name=factor.name.get(lang), share=share, values="; ".join(values))
        ws.write_string(row, 0, line, st["cover_value"])
        row += 1
    ws.write_string(row, 0, _t(lang, f"rule.combine.{rules.combine}"), st["cover_value"])
    row += 1
    for level in rules.levels:
        text = _t(lang, "rule.level", name=level.label.get(lang), min=level.min, text=level.description.get(lang))
        ws.write_string(row, 0, text, st["cover_value"])
        row += 1
    ws.write_string(row, 0, f"{rules.not_known.get(lang)}: {rules.not_known_description.get(lang)}", st["cover_value"])
    ws.write_string(row + 1, 0, _t(lang, "rule.automation"), st["cover_value"])
    return row + 2


def readiness_lines(book: Book) -> list[str]:
    """The two lines the summary sheet shows: readiness and automation share."""
    return [book.readiness.sentence(book.lang), book.readiness.automation.sentence(book.lang)]
