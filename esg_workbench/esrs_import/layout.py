"""The IG 3 layout: which sheets hold datapoints, how header cells are recognised, and how cell values
are cleaned (the rules of reference/SOURCES.md section 1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .problems import CellProblem

# The twelve standard sheets of IG 3 (ESRS Set 1); all must be present.
IG3_SHEETS = (
    "ESRS 2",
    "ESRS 2 MDR",
    *(f"ESRS {code}" for code in ("E1", "E2", "E3", "E4", "E5", "S1", "S2", "S3", "S4", "G1")),
)
# A standard sheet's name gives its standard: "ESRS E1" -> "E1", "ESRS 2" and "ESRS 2 MDR" -> "ESRS 2".
_STANDARD_SHEET = re.compile(r"^ESRS\s+(?:(?P<topical>[ESG]\d{1,2})|(?P<cross>\d))(?:\s+MDR)?$", re.IGNORECASE)

HEADER_SEARCH_ROWS = 10  # IG 3 has one instruction row above the header; later lists may have more

# Field -> (label used in messages, patterns a normalised header cell may match). Order matters: the
# ESRS 2 sheet's "DPs to be disclosed in case of phased-in ... less than 750 employees" column is not a
# phase-in column itself, so it is claimed before the phase-in patterns are tried.
_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id": ("ID", (r"id", r"(datapoint|data point|dp) id")),
    "esrs": ("ESRS", (r"esrs", r"standard")),
    "dr": ("DR", (r"dr", r"disclosure requirement")),
    "paragraph": ("Paragraph", (r"paragraph", r"paragraph reference")),
    "related_ar": ("Related AR", (r"related ar",)),
    "name": ("Name", (r"name", r"(datapoint|data point|dp) name")),
    "data_type": ("Data Type", (r"data ?type",)),
    "conditional": ("Conditional or alternative DP", (r"conditional or alternative( dp)?",)),
    "may": ("May [V]", (r"may( ?\[v\])?",)),
    "appendix_b": ("Appendix B", (r"appendix b\b.*",)),
    "esrs2_when_phasing_in": ("DPs to be disclosed in case of phased-in", (r"dps to be disclosed in case of phas.*",)),
    "phase_in_lt750": ("phase-in, less than 750 employees", (r".*subject to phas.*less than 750 employees.*",)),
    "phase_in_all": (
        "phase-in, all undertakings",
        (r".*subject to phas.*all undertakings.*", r".*dps subject to phased-in\]?"),
    ),
}
REQUIRED_COLUMNS = ("id", "esrs", "dr", "paragraph", "name", "data_type")
_COMPILED = {field: tuple(re.compile(p) for p in patterns) for field, (_, patterns) in _COLUMNS.items()}

# Internal lookup codes IG 3 leaves in cells (as hyperlink targets): mdrp, mdra, mdrt, mdr_no_p, ...
_HELPER_CODE = re.compile(r"^mdr(?:[pat]|_no_[a-z]+)$", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


def column_label(field: str) -> str:
    return _COLUMNS[field][0]


def sheet_standard(sheet_name: str) -> str | None:
    """The standard code a datapoint sheet covers ("E1", "ESRS 2"), or None for any other sheet."""
    match = _STANDARD_SHEET.match(normalise(sheet_name))
    if not match:
        return None
    return match["topical"].upper() if match["topical"] else f"ESRS {match['cross']}"


def normalise(value: object) -> str:
    """Header text for matching: NBSP and line breaks as spaces, whitespace collapsed, lower case."""
    return clean_text(value).lower()


def clean_text(value: object) -> str:
    """A cell as text: whitespace trimmed and collapsed, NBSP removed, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _WHITESPACE.sub(" ", str(value).replace("\xa0", " ")).strip()


def clean_code(value: object) -> str:
    """Like clean_text, but IG 3's helper codes become blank."""
    text = clean_text(value)
    return "" if _HELPER_CODE.match(text) else text


@dataclass(frozen=True)
class Header:
    """Where the header row is and which column (0-based) holds each known field."""

    row: int
    columns: dict[str, int]


def looks_like_header(values: Sequence[object]) -> bool:
    """An "ID" cell and at least two other known headers (so a missing "Name" is reported as such)."""
    fields = {_field_of(normalise(v)) for v in values if v is not None} - {None}
    return "id" in fields and len(fields) >= 3


def find_header(sheet: str, rows: Sequence[Sequence[object]]) -> tuple[Header | None, list[CellProblem]]:
    """Find the header row among the first rows and map its cells to fields; problems name the sheet,
    the header row and the column."""
    for row_number, values in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        if looks_like_header(values):
            return _map_header(sheet, row_number, values)
    return None, [
        CellProblem(
            sheet, message=f"no header row (a row with 'ID', 'DR', 'Name' ... columns) in rows 1-{HEADER_SEARCH_ROWS}"
        )
    ]


def _map_header(sheet: str, row_number: int, values: Sequence[object]) -> tuple[Header | None, list[CellProblem]]:
    columns: dict[str, int] = {}
    problems: list[CellProblem] = []
    for index, value in enumerate(values):
        field = _field_of(normalise(value))
        if field is None:
            continue
        if field in columns:
            problems.append(
                CellProblem(
                    sheet,
                    row_number,
                    index,
                    f"header '{column_label(field)}' appears twice (also in column {_letter(columns[field])})",
                )
            )
            continue
        columns[field] = index
    for field in REQUIRED_COLUMNS:
        if field not in columns:
            problems.append(CellProblem(sheet, message=f"no column '{column_label(field)}' in header row {row_number}"))
    return (None if problems else Header(row_number, columns)), problems


def _field_of(text: str) -> str | None:
    if not text:
        return None
    for field, patterns in _COMPILED.items():
        if any(p.fullmatch(text) for p in patterns):
            return field
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
