"""Recalculating an exported workbook with an independent spreadsheet engine (the ``formulas`` package,
or LibreOffice headless when installed) and reading the results by defined name."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.utils.cell import get_column_letter, range_boundaries

# LibreOffice keeps the values stored in an .xlsx unless told to recalculate on load.
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def named_cells(data: bytes, name: str) -> list[tuple[str, str]]:
    """(sheet, cell) of every cell of a defined name, in order."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False)
    cells = []
    for sheet, ref in workbook.defined_names[name].destinations:
        min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        cells += [
            (sheet, f"{get_column_letter(c)}{r}")
            for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)
        ]
    return cells


def recalc_formulas(data: bytes, folder: Path) -> dict[tuple[str, str], Any]:
    """Every formula cell's value as the ``formulas`` package computes it: (SHEET in capitals, A1) -> value."""
    import formulas

    path = folder / "recalc.xlsx"
    path.write_bytes(data)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, ranges in solution.items():
        text = str(key)
        if "!" not in text or ":" in text.split("!")[1]:
            continue
        sheet, cell = text.rsplit("!", 1)
        sheet = sheet.strip("'").split("]", 1)[1]
        value = ranges.value[0][0] if hasattr(ranges, "value") else ranges
        values[(sheet, cell)] = value.item() if hasattr(value, "item") else value
    return values


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(data: bytes, folder: Path, target: str, *, recalc: bool = True) -> Path:
    """Convert with LibreOffice headless (``target`` "xlsx" or "pdf"), recalculating on load."""
    profile = folder / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    if recalc:
        (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    source = folder / "source.xlsx"
    source.write_bytes(data)
    out = folder / "out"
    subprocess.run(
        [
            soffice() or "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"source.{target}"


def read_values(path: Path) -> dict[tuple[str, str], Any]:
    """Cell values (cached formula results included) of a workbook: (sheet, A1) -> value."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    values = {}
    for sheet in book.sheet_names:
        for r, row in enumerate(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False), start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    values[(sheet, f"{get_column_letter(c)}{r}")] = value
    return values
