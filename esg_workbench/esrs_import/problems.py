"""What can be wrong with an imported datapoint list, located by sheet, row and column, and what the
import adjusted on the way (recorded, never silent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _where(sheet: str, row: int | None, column: int | None, column_name: str) -> str:
    parts = [f"sheet '{sheet}'"] if sheet else []
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {_letter(column)}" + (f" ({column_name})" if column_name else ""))
    return " ".join(parts)


@dataclass(frozen=True)
class CellProblem:
    """One problem; ``row`` is the sheet's row number, ``column`` 0-based (shown as a letter)."""

    sheet: str = ""
    row: int | None = None
    column: int | None = None
    message: str = ""
    column_name: str = ""

    def __str__(self) -> str:
        where = _where(self.sheet, self.row, self.column, self.column_name)
        return f"{where}: {self.message}" if where else self.message


class DatapointListInvalid(ValueError):
    """The workbook opened safely but is not a datapoint list in the IG 3 layout; ``problems`` lists
    every problem found, each with its sheet, row and column."""

    def __init__(self, problems: list[CellProblem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{head}not a valid datapoint list, {len(problems)} problem(s)\n{lines}")


@dataclass(frozen=True)
class ImportNote:
    """A value the import changed on purpose. ``kind`` is "corrected" for a source error put right
    (e.g. IG 3's S2-1_11 saying ESRS S1 on the S2 sheet) or "filled" for a value taken from context
    (the DR of an MDR "not adopted" row, which IG 3 leaves blank)."""

    kind: Literal["corrected", "filled"]
    datapoint_id: str
    sheet: str
    row: int
    column: int
    column_name: str
    message: str

    def __str__(self) -> str:
        return f"{self.datapoint_id} ({_where(self.sheet, self.row, self.column, self.column_name)}): {self.message}"
