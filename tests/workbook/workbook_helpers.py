"""Helpers for the workbook tests: edit a workbook as a user in a spreadsheet program would, or tamper
with its file as an attacker would."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import openpyxl

from esg_workbench.workbook.sheet_prescan import sheet_parts


def edit(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    """Open the workbook in openpyxl (as a user's spreadsheet program would), change it, save it."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The same archive with some parts replaced."""
    replace = dict(replace or {})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.pop(info.filename, source.read(info.filename)))
        for name, content in replace.items():  # parts that were not there: added
            target.writestr(name, content)
    return out.getvalue()


def set_inline_string(xml: bytes, ref: str, text: str) -> bytes:
    """Sheet XML with cell ``ref`` holding ``text`` as an inline string, written as a hostile tool could
    (openpyxl and Excel cut text at 32,767 characters)."""
    import re

    row = int(re.sub(r"[A-Z]", "", ref))
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
    existing = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)', re.S)
    if existing.search(xml):
        return existing.sub(cell, xml, count=1)
    return re.sub(rb'(<row r="' + str(row).encode() + rb'"[^>]*>)', rb"\1" + cell, xml, count=1)


def part_of(data: bytes, sheet: str) -> tuple[str, bytes]:
    """(part name, XML) of a sheet."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    name = sheet_parts(archive, "test")[sheet]
    return name, archive.read(name)


def find_row(ws, column: int, value: str) -> int:
    """The 1-based row whose cell in ``column`` (1-based) holds ``value``."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not found in column {column} of {ws.title}")


def put(ws, row: int, values: dict[str, object]) -> None:
    """Write values into a row by field id, finding the columns through the hidden field-id row (3)."""
    columns = {str(ws.cell(3, col).value).split("/", 1)[-1]: col for col in range(1, ws.max_column + 1)}
    for field, value in values.items():
        ws.cell(row, columns[field]).value = value
