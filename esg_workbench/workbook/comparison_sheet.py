"""The comparison sheet: the assessment and each of its variants side by side (``scoring.variants``):
the recommended option with its total, probability of rank 1, TCO and net present value, then every
option's total and rank per variant, and the input differences that explain each variant. The figures
are the engine's at export (each variant is scored anew, so they are values, not formulas); a variant
that no longer fits the assessment shows its problems instead."""

from __future__ import annotations

from ..domain.results import VariantComparison, VariantResult
from ..messages import translate
from .book import Book, page_setup
from .layout import FIRST_DATA_ROW, HEADER_ROW


def _w(book: Book, key: str, **values: object) -> str:
    return translate(key, book.lang, **values)


def write_comparison(book: Book, comparison: VariantComparison | None) -> None:
    from .write_inputs import sheet_title

    ws = book.add_sheet("comparison")
    st = book.styles
    sheet_title(book, ws, "comparison")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 12, 16)
    if comparison is None or len(comparison.results) < 2:
        ws.write_string(HEADER_ROW, 0, _w(book, "workshop_b.variants.none"), st["hint"])
        page_setup(book, ws, "comparison")
        return
    currency = comparison.currency
    heads = [
        _w(book, "workshop_b.variants.col_variant"),
        _w(book, "workshop_b.variants.col_ambition"),
        _w(book, "workshop_b.variants.col_winner"),
        _w(book, "workshop_b.variants.col_total"),
        _w(book, "workshop_b.variants.col_first"),
        _w(book, "workshop_b.variants.col_tco", currency=currency),
        _w(book, "workshop_b.variants.col_net", currency=currency),
        _w(book, "workshop_b.variants.col_changes"),
    ]
    for col, text in enumerate(heads):
        ws.write_string(HEADER_ROW, col, text, st["header"])
    names = comparison.option_names
    for k, result in enumerate(comparison.results):
        row = FIRST_DATA_ROW + k
        ws.write_string(row, 0, _label(book, result, k), st["calc_text"])
        ws.write_string(
            row,
            1,
            book.labels.get("ambition_level", {}).get(result.ambition or "", result.ambition or ""),
            st["calc_text"],
        )
        if not result.valid:
            ws.write_string(row, 2, "; ".join(result.problems.get(book.lang, [])), st["bad"])
            continue
        winner = result.recommended
        ws.write_string(
            row, 2, names.get(winner, winner) if winner else _w(book, "workshop_b.variants.no_winner"), st["calc_text"]
        )
        if winner:
            ws.write_number(row, 3, result.totals[winner], st["calc_total"])
            p = result.first_rank_probability.get(winner)
            if p is not None:
                ws.write_number(row, 4, p, st["calc_percent"])
            for col, value in ((5, result.tco.get(winner)), (6, result.net_npv.get(winner))):
                if value is not None:
                    ws.write_number(row, col, value, st["calc_value_money"])
        ws.write_number(row, 7, len(result.differences), st["calc_center"])
    row = FIRST_DATA_ROW + len(comparison.results) + 1
    row = _matrix(book, ws, comparison, row, "workshop_b.variants.totals", lambda r, o: r.totals.get(o), "calc_total")
    row = _matrix(book, ws, comparison, row + 1, "workshop_b.variants.ranks", lambda r, o: r.ranks.get(o), "calc_rank")
    for k, result in enumerate(comparison.results[1:], start=1):
        row += 1
        name = _label(book, result, k)
        if not result.valid:
            ws.write_string(row, 0, _w(book, "workshop_b.variants.invalid", name=name), st["subtitle"])
            lines = result.problems.get(book.lang, [])
        elif result.differences:
            ws.write_string(row, 0, _w(book, "workshop_b.variants.differences", name=name), st["subtitle"])
            lines = result.differences
        else:
            ws.write_string(row, 0, _w(book, "workshop_b.variants.no_differences", name=name), st["hint"])
            lines = []
        for line in lines:
            row += 1
            ws.write_string(row, 0, line, st["cover_value"])
        row += 1
    ws.set_row(HEADER_ROW, 30)
    page_setup(book, ws, "comparison", repeat_row=HEADER_ROW)


def _label(book: Book, result: VariantResult, index: int) -> str:
    return _w(book, "workshop_b.variants.base", name=result.name) if index == 0 else result.name


def _matrix(book: Book, ws, comparison: VariantComparison, row: int, title: str, value, style: str) -> int:  # noqa: ANN001
    """Options as rows, the assessment and its variants as columns; a left-out option says so."""
    st = book.styles
    ws.write_string(row, 0, _w(book, title), st["subtitle"])
    row += 1
    for k, result in enumerate(comparison.results):
        ws.write_string(row, 1 + k, _label(book, result, k), st["header"])
    for option_id, option_name in comparison.option_names.items():
        row += 1
        ws.write_string(row, 0, option_name, st["calc_text"])
        for k, result in enumerate(comparison.results):
            if not result.valid:
                continue
            if option_id in result.excluded:
                ws.write_string(row, 1 + k, _w(book, "workshop_b.variants.left_out"), st["calc_center"])
                continue
            shown = value(result, option_id)
            if shown is not None:
                ws.write_number(row, 1 + k, shown, st[style])
    return row + 1
