"""The ESRS coverage sheet: a live matrix of coverage by ESRS standard and status, a chart, and the gap
list (coverage items with status gap or partial, and material standards without any item)."""

from __future__ import annotations

from collections import Counter

from xlsxwriter.worksheet import Worksheet

from .book import Book, page_setup, range_ref, row_height
from .layout import FIRST_DATA_ROW, HEADER_ROW, col_letter
from .scoring_sheets import MET, NOT_MET
from .specs import STATUSES
from .texts import enum_label, pick

T = tuple[str, str]
TXT: dict[str, T] = {
    "standard": ("Standard", "Standard"),
    "name": ("Name", "Navn"),
    "material": ("Material", "Væsentlig"),
    "drs": ("DRs in ESRS", "Oplysningskrav i ESRS"),
    "addressed": ("DRs with items", "Oplysningskrav med poster"),
    "items": ("Coverage items", "Dækningsposter"),
    "automated_pct": ("Automated %", "Automatiseret %"),
    "covered_pct": ("Covered % (automated or manual)", "Dækket % (automatiseret eller manuel)"),
    "total": ("Total", "I alt"),
    "gaps": ("Gap list (as exported)", "Mangelliste (ved eksport)"),
    "gap_hint": (
        "Coverage items with status gap or partial, and material standards without any coverage item.",
        "Dækningsposter med status mangler eller delvis, og væsentlige standarder uden dækningsposter.",
    ),
    "item": ("Item", "Post"),
    "dr": ("Disclosure requirement", "Oplysningskrav"),
    "title": ("Title", "Titel"),
    "status": ("Status", "Status"),
    "datapoint": ("Datapoint", "Datapunkt"),
    "sources": ("Data sources", "Datakilder"),
    "notes": ("Notes", "Noter"),
    "no_items": ("material, but no coverage items", "væsentlig, men ingen dækningsposter"),
    "no_gaps": ("No gaps recorded.", "Ingen mangler registreret."),
    "chart": ("Coverage items by standard and status", "Dækningsposter pr. standard og status"),
}
STATUS_COLOURS = {"automated": "#548235", "manual": "#A9D18E", "partial": "#FFC000", "gap": "#C00000"}
FIRST_STATUS_COL = 6
WIDTHS = (12, 34, 11, 15, 15, 15, 14, 11, 11, 11, 15, 20)


def _t(book: Book, key: str) -> str:
    return pick(TXT[key], book.lang)


def coverage_counts(book: Book) -> tuple[Counter, Counter, Counter]:
    """(items per (standard, status), items per standard, DRs with items per standard)."""
    by_status: Counter = Counter()
    items: Counter = Counter()
    drs: dict[str, set[str]] = {}
    for c in book.assessment.coverage:
        std = book.dr_standard.get(c.disclosure_requirement)
        if std is None:
            continue
        by_status[(std, str(c.status))] += 1
        items[std] += 1
        drs.setdefault(std, set()).add(c.disclosure_requirement)
    return by_status, items, Counter({k: len(v) for k, v in drs.items()})


def write_esrs_coverage(book: Book) -> None:
    from .input_sheets import _title

    ws = book.add_sheet("esrs_coverage")
    sheet, st, fw = book.name("esrs_coverage"), book.styles, book.framework
    _title(book, ws, "esrs_coverage")
    heads = ["standard", "name", "material", "drs", "addressed", "items"]
    for col, key in enumerate(heads):
        ws.write_string(HEADER_ROW, col, _t(book, key), st["header"])
    for k, status in enumerate(STATUSES):
        ws.write_string(HEADER_ROW, FIRST_STATUS_COL + k, enum_label(status, book.lang), st["header"])
    pct_col = FIRST_STATUS_COL + len(STATUSES)
    ws.write_string(HEADER_ROW, pct_col, _t(book, "automated_pct"), st["header"])
    ws.write_string(HEADER_ROW, pct_col + 1, _t(book, "covered_pct"), st["header"])
    cov, topics = book.tables["coverage"], book.tables["material_topics"]
    cov_dr, cov_status = cov.live_range("disclosure_requirement"), cov.live_range("status")
    t_esrs, t_material = topics.live_range("esrs"), topics.live_range("material")
    by_status, items, addressed = coverage_counts(book)
    material = {t.esrs: t.material for t in book.assessment.material_topics}
    dr_total = Counter(d.standard for d in fw.esrs.disclosure_requirements)
    standards = fw.esrs.standards
    for i, std in enumerate(standards):
        row, r = FIRST_DATA_ROW + i, FIRST_DATA_ROW + i + 1
        ws.write_string(row, 0, std.code, st["calc_text"])
        ws.write_string(row, 1, std.name.get(book.lang), st["calc_text"])
        mark = "" if std.code not in material else (MET if material[std.code] else NOT_MET)
        book.formula(
            ws,
            row,
            2,
            f'=IFERROR(IF(INDEX({t_material},MATCH($A{r},{t_esrs},0)),"{MET}","{NOT_MET}"),"")',
            mark,
            "calc_center",
        )
        book.formula(ws, row, 3, f"=COUNTIF(dr_std,$A{r})", dr_total[std.code], "calc_center")
        book.formula(
            ws,
            row,
            4,
            f"=SUMPRODUCT((dr_std=$A{r})*(COUNTIF({cov_dr},dr_codes)>0))",
            addressed[std.code],
            "calc_center",
        )
        book.formula(
            ws, row, 5, f"=SUMPRODUCT((dr_std=$A{r})*COUNTIF({cov_dr},dr_codes))", items[std.code], "calc_center"
        )
        for k, status in enumerate(STATUSES):
            book.formula(
                ws,
                row,
                FIRST_STATUS_COL + k,
                f'=SUMPRODUCT((dr_std=$A{r})*COUNTIFS({cov_dr},dr_codes,{cov_status},"{status}"))',
                by_status[(std.code, status)],
                "calc_center",
            )
        auto, manual = by_status[(std.code, "automated")], by_status[(std.code, "manual")]
        n = items[std.code]
        g, h = col_letter(FIRST_STATUS_COL), col_letter(FIRST_STATUS_COL + 1)
        book.formula(ws, row, pct_col, f'=IF($F{r}=0,"",{g}{r}/$F{r})', auto / n if n else "", "calc_percent")
        book.formula(
            ws,
            row,
            pct_col + 1,
            f'=IF($F{r}=0,"",({g}{r}+{h}{r})/$F{r})',
            (auto + manual) / n if n else "",
            "calc_percent",
        )
    total_row = FIRST_DATA_ROW + len(standards)
    ws.write_string(total_row, 1, _t(book, "total"), st["label"])
    for col in range(3, pct_col):
        letter = col_letter(col)
        values = {3: sum(dr_total.values()), 4: sum(addressed.values()), 5: sum(items.values())}
        value = values.get(
            col,
            sum(by_status[(s.code, STATUSES[col - FIRST_STATUS_COL])] for s in standards)
            if col >= FIRST_STATUS_COL
            else 0,
        )
        book.formula(ws, total_row, col, f"=SUM({letter}{FIRST_DATA_ROW + 1}:{letter}{total_row})", value, "calc_rank")
    _format(book, ws, len(standards), pct_col)
    _chart(book, ws, sheet, len(standards), total_row)
    gap_row = total_row + 20
    _gap_list(book, ws, gap_row)
    page_setup(book, ws, "esrs_coverage", repeat_row=None)


def _format(book: Book, ws: Worksheet, count: int, pct_col: int) -> None:
    st = book.styles
    last = FIRST_DATA_ROW + count - 1
    gap_col = FIRST_STATUS_COL + STATUSES.index("gap")
    ws.conditional_format(
        FIRST_DATA_ROW, gap_col, last, gap_col, {"type": "cell", "criteria": ">", "value": 0, "format": st["bad"]}
    )
    partial_col = FIRST_STATUS_COL + STATUSES.index("partial")
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
    for col in (pct_col, pct_col + 1):
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
    for k, status in enumerate(STATUSES):
        col = FIRST_STATUS_COL + k
        chart.add_series(
            {
                "name": enum_label(status, book.lang),
                "categories": range_ref(sheet, FIRST_DATA_ROW, 0, last),
                "values": range_ref(sheet, FIRST_DATA_ROW, col, last),
                "fill": {"color": STATUS_COLOURS[status]},
            }
        )
    chart.set_title({"name": _t(book, "chart"), "name_font": {"size": 11}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(total_row + 2, 1, chart, {"x_scale": 1.6, "y_scale": 1.2})


def _gap_list(book: Book, ws: Worksheet, first_row: int) -> None:
    st, a = book.styles, book.assessment
    ws.write_string(first_row, 0, _t(book, "gaps"), st["subtitle"])
    ws.write_string(first_row + 1, 0, _t(book, "gap_hint"), st["hint"])
    # (heading, first column, last column): the list shares the matrix's columns, so wide texts span two.
    layout = (
        ("dr", 0, 0),
        ("title", 1, 1),
        ("status", 2, 2),
        ("standard", 3, 3),
        ("item", 4, 4),
        ("datapoint", 5, 5),
        ("sources", 6, 7),
        ("notes", 8, 11),
    )
    head_row = first_row + 2
    for key, c1, c2 in layout:
        _span(ws, head_row, c1, c2, _t(book, key), st["header"])
    titles = {d.code: d.title for d in book.framework.esrs.disclosure_requirements}
    rows = [
        (
            c.disclosure_requirement,
            titles.get(c.disclosure_requirement, ""),
            enum_label(str(c.status), book.lang),
            book.dr_standard.get(c.disclosure_requirement, ""),
            c.id,
            c.datapoint_id or "",
            ", ".join(c.data_source_ids),
            c.notes,
            c.status == "gap",
        )
        for c in a.coverage
        if c.status in ("gap", "partial")
    ]
    covered = {book.dr_standard.get(c.disclosure_requirement) for c in a.coverage}
    rows += [
        ("", "", _t(book, "no_items"), t.esrs, "", "", "", t.rationale, True)
        for t in a.material_topics
        if t.material and t.esrs not in covered
    ]
    if not rows:
        ws.write_string(head_row + 1, 0, _t(book, "no_gaps"), st["hint"])
    widths = [sum(WIDTHS[c1 : c2 + 1]) for _, c1, c2 in layout]
    for row, (*values, is_gap) in enumerate(rows, start=head_row + 1):
        for (key, c1, c2), value in zip(layout, values, strict=True):
            style = ("cell_bad" if is_gap else "cell_warn") if key == "status" else "calc_text"
            _span(ws, row, c1, c2, value, st[style])
        height = row_height(zip(values, widths, strict=True))
        if height:
            ws.set_row(row, height)


def _span(ws: Worksheet, row: int, c1: int, c2: int, text: str, fmt) -> None:
    """Text across columns c1..c2, always written as a string (never a formula)."""
    if c2 > c1:
        ws.merge_range(row, c1, row, c2, "", fmt)
    ws.write_string(row, c1, text, fmt)
