"""The method sheet: the framework and its steps, the scales, the value functions and formulas the
workbook computes with, how to work in the workbook, and the sources."""

from __future__ import annotations

from .book import Book, page_setup
from .readiness_sheet import write_readiness_rules
from .texts import say

# The method's sections in order, each a title and its paragraphs (``workbook.method.<section>.<key>``).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("scales", ("criteria", "maturity", "moscow")),
    ("value_functions", ("scale", "quantitative", "value_source", "weighted_sum", "rank")),
    ("tco", ("years", "npv")),
    ("groups", ("weights",)),
    ("business_case", ("benefit", "npv", "dominance")),
    ("variants", ("overrides",)),
    ("sensitivity", ("rank_acceptability",)),
    ("working", ("cells", "ids", "rows", "text", "as_exported")),
    ("sources", ("framework", "time", "ahp", "topsis")),
)


def write_method(book: Book) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("method")
    st, fw, lang = book.styles, book.framework, book.lang
    sheet_title(book, ws, "method")
    row = 3
    ws.write_string(row, 0, say("header.framework.id", lang), st["subtitle"])
    row += 1
    ws.write_string(row, 0, f"{fw.title.get(lang)} ({fw.id} {fw.version})", st["cover_value"])
    row += 1
    ws.write_string(row, 0, fw.source, st["hint"])
    row += 2
    ws.write_string(row, 0, say("method.steps", lang), st["subtitle"])
    row += 1
    for step in sorted(fw.steps, key=lambda s: s.number):
        ws.write_string(row, 0, f"{step.number}. {step.title.get(lang)} — {step.focus.get(lang)}", st["cover_key"])
        ws.write_string(row + 1, 0, step.summary.get(lang), st["cover_value"])
        row += 2
    row += 1
    ws.write_string(row, 0, say("method.levels", lang), st["subtitle"])
    row += 1
    for level in fw.maturity_model.levels:
        ws.write_string(
            row,
            0,
            f"{level.level}. {level.name.get(lang)} ({level.stage}): {level.description.get(lang)}",
            st["cover_value"],
        )
        row += 1
    for section, paragraphs in SECTIONS:
        row += 1
        ws.write_string(row, 0, say(f"method.{section}.title", lang), st["subtitle"])
        row += 1
        for paragraph in paragraphs:
            ws.write_string(row, 0, say(f"method.{section}.{paragraph}", lang), st["cover_value"])
            row += 1
    row = write_readiness_rules(book, ws, row + 1)
    row += 1
    ws.write_string(row, 0, say("method.esrs", lang), st["subtitle"])
    ws.write_string(
        row + 1, 0, f"{fw.esrs.title.get(lang)} ({fw.esrs.id} {fw.esrs.version}). {fw.esrs.source}", st["cover_value"]
    )
    ws.set_column(0, 0, 120)
    ws.hide_gridlines(2)
    page_setup(book, ws, "method", portrait=True)
