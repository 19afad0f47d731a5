"""The hidden lists sheet: the workbook's format header, and every vocabulary as id / label pairs that
drop-downs and label look-ups refer to by defined name."""

from __future__ import annotations

from datetime import UTC, datetime

from .. import __version__
from ..domain.assessment import SCHEMA_VERSION
from ..domain.framework import Framework
from .book import Book, range_ref
from .layout import FORMAT, FORMAT_VERSION, LISTS_SHEET, Kind, vocab_name
from .sheet_columns import INPUT_SHEETS

META_ROWS = (
    "format",
    "format_version",
    "schema_version",
    "language",
    "framework_id",
    "framework_version",
    "exported_at",
    "exported_by",
)
FIRST_VOCAB_COL = 3
ESRS_STANDARD, ESRS_DR = "esrs_standard", "esrs_dr"


def vocab_terms(framework: Framework, vocab: str, lang: str) -> list[tuple[str, str]]:
    """(id, label) pairs of a vocabulary, derived vocabularies and the ESRS catalogue included."""
    if vocab == ESRS_STANDARD:
        return [(s.code, s.name.get(lang)) for s in framework.esrs.standards]
    if vocab == ESRS_DR:
        return [(d.code, d.title.get(lang)) for d in framework.esrs.disclosure_requirements]
    derived = {
        "maturity_dimension": [(d.id, d.name.get(lang)) for d in framework.maturity_model.dimensions],
        "archetype": [(a.id, a.name.get(lang)) for a in framework.archetypes],
        "criterion": [(c.id, c.name.get(lang)) for c in framework.criteria_catalogue],
        "survey_question": [(q.id, q.text.get(lang)) for q in framework.survey],
    }
    if vocab in derived:
        return derived[vocab]
    return [(t.id, t.label.get(lang)) for t in framework.vocabularies.get(vocab, [])]


def used_vocabularies() -> list[str]:
    """Every vocabulary an input column draws from, in first-use order, plus the ESRS code lists."""
    names: dict[str, None] = {}
    for sheet in INPUT_SHEETS.values():
        for column in sheet.columns:
            if column.vocab:
                names[column.vocab] = None
            if Kind.ESRS_STANDARD in (column.kind, column.item):
                names[ESRS_STANDARD] = None
            if Kind.ESRS_DR in (column.kind, column.item):
                names[ESRS_DR] = None
    return list(names)


def label_name(vocab: str) -> str:
    """Defined name of a vocabulary's two-column (id, label) range, for VLOOKUP."""
    return f"lbl_{vocab}"


def write_lists(book: Book, union_lists: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Write the lists sheet; return every vocabulary's id -> label map for cached values.

    ``union_lists`` are id lists for references that may point into several tables (written as they
    are at export; a drop-down cannot join two live ranges)."""
    ws = book.add_sheet(LISTS_SHEET)
    ws.hide()
    sheet = book.name(LISTS_SHEET)
    header = book.styles["header"]
    fw = book.framework
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "language": book.lang,
        "framework_id": fw.id,
        "framework_version": fw.version,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "exported_by": f"esg-workbench {__version__}",
    }
    for row, key in enumerate(META_ROWS):
        ws.write_string(row, 0, key, header)
        value = meta[key]
        if isinstance(value, int):
            ws.write_number(row, 1, value)
        else:
            ws.write_string(row, 1, value)
    ws.set_column(0, 1, 22)

    labels: dict[str, dict[str, str]] = {}
    col = FIRST_VOCAB_COL
    for vocab in used_vocabularies():
        terms = vocab_terms(fw, vocab, book.lang)
        labels[vocab] = dict(terms)
        ws.write_string(0, col, vocab, header)
        ws.write_string(0, col + 1, f"{vocab} (label)", header)
        for i, (term_id, label) in enumerate(terms, start=1):
            ws.write_string(i, col, term_id)
            ws.write_string(i, col + 1, label)
        last = max(len(terms), 1)
        book.define(vocab_name(vocab), range_ref(sheet, 1, col, last))
        book.define(label_name(vocab), range_ref(sheet, 1, col, last, col + 1))
        ws.set_column(col, col, 20)
        ws.set_column(col + 1, col + 1, 40)
        col += 2
    # The standard of every DR (coverage matrix) and the survey benchmarks (survey sheet).
    drs = fw.esrs.disclosure_requirements
    col = _block(book, ws, col, "dr_standard", [(d.code, d.standard) for d in drs], ("dr_codes", "dr_std"))
    bench = [(q.id, q.high_pct, q.low_pct) for q in fw.survey]
    col = _block(book, ws, col, "survey_bench", bench, ())
    for name, ids in union_lists.items():
        ws.write_string(0, col, name, header)
        for i, value in enumerate(ids, start=1):
            ws.write_string(i, col, value)
        book.define(name, range_ref(sheet, 1, col, max(len(ids), 1)))
        col += 1
    return labels


def _block(book: Book, ws, col: int, name: str, rows: list[tuple], column_names: tuple[str, ...]) -> int:
    """A table of several columns, defined as a whole (``name``) and column by column."""
    sheet, header = book.name(LISTS_SHEET), book.styles["header"]
    width = len(rows[0]) if rows else max(len(column_names), 1)
    ws.write_string(0, col, name, header)
    for i, values in enumerate(rows, start=1):
        for k, value in enumerate(values):
            if isinstance(value, str):
                ws.write_string(i, col + k, value)
            else:
                ws.write_number(i, col + k, value)
    last = max(len(rows), 1)
    book.define(name if name != "dr_standard" else label_name(name), range_ref(sheet, 1, col, last, col + width - 1))
    for k, column_name in enumerate(column_names):
        book.define(column_name, range_ref(sheet, 1, col + k, last))
    return col + width
