"""Where everything sits in the decision workbook: sheet keys, input columns and their kinds, rows.

Export and import are both driven by these specs, so a column cannot be written one way and read
another. Cells hold ids (never display labels); labels are shown in computed help columns beside them.
Every input sheet carries a hidden row (or column) of field ids, so columns map back to fields
whatever the display language, header text or column order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

FORMAT = "esg-workbench/workbook"
FORMAT_VERSION = 2  # 2: catalogue versions, interchange ids, the decision workshop, business case (ADDED_IN)
# What a format version added: sheet keys, and "sheet key:field" for a column or form row. A workbook
# of an earlier version lacks them, and they read as their defaults (no stakeholders, no rank, ...); in
# a workbook of this version a missing one is an error as for every other sheet, column and row.
ADDED_IN: dict[str, int] = {
    # catalogue versions (schema 3; domain.migrations fills the catalogue in for an older workbook)
    "assessment:catalogue.id": 2,
    "assessment:catalogue.version": 2,
    "assessment:organisation.listed": 2,
    "coverage:review": 2,
    "coverage:moved_from": 2,
    "coverage:review_candidates": 2,
    # landscape imports from EA tools
    "systems:external_id": 2,
    "data_sources:external_id": 2,
    "data_flows:external_id": 2,
    # business case, criteria in groups, variants
    "options:automation_pct": 2,
    "options:automation_from_year": 2,
    "settings:settings.hourly_rate": 2,
    "criteria:group_id": 2,
    "benefit_lines": 2,
    "criterion_groups": 2,
    "group_pairwise": 2,
    "variants": 2,
    "variant_weights": 2,
    "variant_options": 2,
    # the decision workshop
    "stakeholders": 2,
    "stakeholder_weights": 2,
    "stakeholder_judgements": 2,
    "criteria:rank": 2,
    "criteria:weight_spread": 2,
    "settings:weighting.use_group": 2,
    "settings:weighting.aggregation": 2,
    "settings:weighting.weight_spread": 2,
}


def added_after(key: str, version: int) -> bool:
    """Whether the sheet or ``sheet:field`` came after format ``version`` (so it may be missing)."""
    return ADDED_IN.get(key, 1) > version


# Rows are 0-based here (xlsxwriter); Excel shows them 1-based.
TITLE_ROW = 0
HINT_ROW = 1
FIELD_ROW = 2  # hidden: field ids
HEADER_ROW = 3
FIRST_DATA_ROW = 4

# Form sheets: one field per row.
FORM_FIELD_COL, FORM_LABEL_COL, FORM_VALUE_COL, FORM_HELP_COL = 0, 1, 2, 3

# Live formulas over input tables look this many rows past the last exported row, so rows appended
# in Excel are counted too.
HEADROOM_ROWS = 200

# Reading is always bounded: an input sheet may not hold values outside this box.
MAX_ROWS = 100_000
MAX_COLS = 64

LIST_SEPARATOR = ", "  # list cells: "api, file_export"; ids and codes never contain a comma
CALC_PREFIX = "calc:"  # field ids of computed (export-only) columns
VIEW_PREFIX = "view:"  # field ids of display-only columns beside a table (the roadmap's months)
EXCEL_MAX_TEXT = 32_767  # characters (UTF-16 code units) one cell holds
MAX_EXACT_INT = 2**53  # larger integers do not survive a spreadsheet's double-precision numbers
INELIGIBLE_PENALTY = 1000  # subtracted from an ineligible option's total (0-100) before ranking


class Kind(StrEnum):
    """How a field is stored in a cell (and validated in Excel)."""

    ID = "id"
    NAME = "name"  # required short text
    TEXT = "text"
    NUMBER = "number"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"  # ISO 8601 text: keeps the time zone, which Excel dates cannot
    VOCAB = "vocab"  # a framework vocabulary id
    ENUM = "enum"  # a fixed set of ids defined by the model
    REF = "ref"  # the id of an item in another table
    ESRS_STANDARD = "esrs_standard"
    ESRS_DR = "esrs_dr"
    LIST = "list"  # comma-separated values of kind ``item``


@dataclass(frozen=True)
class Column:
    """One input field. ``field`` is relative to the row's item (tables) or the assessment (forms)."""

    field: str
    kind: Kind
    width: float = 14
    vocab: str | None = None
    values: tuple[str, ...] = ()  # ENUM
    refs: tuple[str, ...] = ()  # REF / LIST of REF: referenced table keys
    extra: tuple[str, ...] = ()  # literal values accepted besides the referenced ids
    item: Kind | None = None  # LIST: the kind of each value
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    label: bool = False  # add a computed help column with the label / name of the id
    num_format: str | None = None


@dataclass(frozen=True)
class TableSheet:
    """An input sheet holding one list of the assessment as an Excel table, one item per row.

    ``path`` is where the list lives (``"to_be.goals"``); ``parent`` marks a list nested in the items
    of another table, flattened here with a reference column (cost lines and risks of options)."""

    key: str
    path: str
    columns: tuple[Column, ...]
    step: int
    parent: tuple[str, str] | None = None  # (parent table key, this sheet's reference field)
    computed: tuple[str, ...] = ()  # keys of computed columns appended after the inputs


@dataclass(frozen=True)
class FormSheet:
    """An input sheet holding single values, one field per row (field ids in a hidden column)."""

    key: str
    columns: tuple[Column, ...]
    step: int
    optional_groups: tuple[str, ...] = field(default=())  # objects that are None when all blank


LISTS_SHEET = "lists"


def table_name(key: str) -> str:
    """The Excel table (ListObject) name of an input sheet."""
    return f"tbl_{key}"


def ids_name(key: str) -> str:
    """The defined name of a table's id column (with headroom), used by drop-downs and lookups."""
    return f"ids_{key}"


def vocab_name(vocab: str) -> str:
    """The defined name of a vocabulary's id list on the hidden lists sheet."""
    return f"vocab_{vocab}"


def id_field(sheet: TableSheet) -> str | None:
    return "id" if any(c.field == "id" for c in sheet.columns) else None


@cache
def col_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
