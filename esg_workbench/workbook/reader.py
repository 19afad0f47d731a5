"""Reading an uploaded workbook safely: refuse hostile files first (``xlsx_safety.check_xlsx``), pre-scan
each sheet's XML for its real extent, formulas and error cells, and only then let python-calamine read
the values, within bounds. Only the lists sheet and the input sheets are read; report sheets are not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from ..xlsx_safety import DEFAULT_MAX_BYTES, UnsafeWorkbook, check_xlsx, read_xlsx_source
from .cell_scan import SheetScan, open_archive, scan_sheet, sheet_parts
from .layout import FIELD_ROW, FORMAT, FORMAT_VERSION, LISTS_SHEET, MAX_COLS, MAX_ROWS
from .lists_sheet import META_ROWS
from .specs import INPUT_SHEETS
from .texts import SHEET_NAMES

Source = bytes | bytearray | memoryview | str | os.PathLike[str]


@dataclass
class RawSheet:
    """One sheet's values (rows of cells, 0-based) and what the pre-scan found."""

    name: str
    rows: list[list[Any]]
    scan: SheetScan

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class RawWorkbook:
    label: str
    meta: dict[str, Any]
    lang: str
    sheets: dict[str, RawSheet]  # input sheet key -> sheet (present ones)
    missing: dict[str, str] = field(default_factory=dict)  # key -> expected name
    renamed: dict[str, str] = field(default_factory=dict)  # key of a missing sheet -> the sheet that looks like it


def read_workbook(source: Source, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawWorkbook:
    """Check and read the lists sheet and every input sheet. Raises UnsafeWorkbook for a file that must
    not be parsed, or that is not a workbook this tool exported (no format header)."""
    label = name or (os.path.basename(os.fspath(source)) if isinstance(source, str | os.PathLike) else "workbook")
    data = read_xlsx_source(source, max_bytes=max_bytes, name=label)
    check_xlsx(data, max_bytes=max_bytes, name=label)
    with open_archive(data, label) as archive:
        parts = sheet_parts(archive, label)
        lists_name = _find_lists(parts, label)
        scans = {lists_name: _scan(archive, parts, lists_name)}
        meta_book = _calamine(data, label)
        lists = _read(meta_book, lists_name, scans[lists_name], label)
        meta = _meta(lists, label)
        lang = meta["language"]
        sheets, missing = {}, {}
        for key in INPUT_SHEETS:
            expected = SHEET_NAMES[key][1 if lang == "da" else 0]
            if expected not in parts:
                missing[key] = expected
                continue
            sheets[key] = _read(meta_book, expected, _scan(archive, parts, expected), label)
        known = {names[i] for names in SHEET_NAMES.values() for i in (0, 1)}
        others = [n for n in parts if n not in known]
        renamed = _identify(archive, parts, meta_book, others, label) if missing else {}
    return RawWorkbook(label, meta, lang, sheets, missing, renamed)


def _identify(archive: Any, parts: dict[str, str], book: Any, names: list[str], label: str) -> dict[str, str]:
    """Unknown sheets that look like a missing input sheet (by their hidden field ids): key -> name."""
    found = {}
    for name in names:
        try:
            sheet = _read(book, name, _scan(archive, parts, name), label)
        except UnsafeWorkbook:
            continue
        marker = sheet.value(FIELD_ROW, 0)
        key = marker.split("/", 1)[0] if isinstance(marker, str) else ""
        if key in INPUT_SHEETS:
            found[key] = name
    return found


def _find_lists(parts: dict[str, str], label: str) -> str:
    for candidate in SHEET_NAMES[LISTS_SHEET]:
        if candidate in parts:
            return candidate
    raise UnsafeWorkbook(
        f"{label}: not a decision workbook exported by the ESG Architecture Workbench (its hidden "
        f"'{SHEET_NAMES[LISTS_SHEET][0]}' sheet is missing); export a workbook from the tool and edit that"
    )


def _scan(archive: Any, parts: dict[str, str], sheet: str) -> SheetScan:
    try:
        xml = archive.read(parts[sheet])
    except KeyError:
        raise UnsafeWorkbook(f"sheet '{sheet}': its part '{parts[sheet]}' is missing from the file") from None
    return scan_sheet(xml, sheet, max_rows=MAX_ROWS, max_cols=MAX_COLS)


def _calamine(data: bytes, label: str) -> python_calamine.CalamineWorkbook:
    import io

    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.CalamineError as exc:
        raise UnsafeWorkbook(f"{label}: Excel workbook cannot be read ({exc})") from None


def _read(book: python_calamine.CalamineWorkbook, sheet: str, scan: SheetScan, label: str) -> RawSheet:
    if not scan.rows:
        return RawSheet(sheet, [], scan)
    # The scan has bounded the sheet's cells, so calamine's grid is at most MAX_ROWS x MAX_COLS.
    try:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=scan.rows)
    except python_calamine.CalamineError as exc:
        raise UnsafeWorkbook(f"{label}: sheet '{sheet}' cannot be read ({exc})") from None
    return RawSheet(sheet, rows, scan)


def _meta(lists: RawSheet, label: str) -> dict[str, Any]:
    meta = {}
    for row in range(len(META_ROWS)):
        key = lists.value(row, 0)
        if key in META_ROWS:
            meta[key] = lists.value(row, 1)
    if meta.get("format") != FORMAT:
        raise UnsafeWorkbook(
            f"{label}: not a decision workbook exported by the ESG Architecture Workbench (sheet "
            f"'{lists.name}' has no format header); export a workbook from the tool and edit that"
        )
    version = meta.get("format_version")
    if not isinstance(version, int | float) or int(version) != version or not 1 <= version <= FORMAT_VERSION:
        shown = int(version) if isinstance(version, float) and version.is_integer() else repr(version)
        raise UnsafeWorkbook(
            f"{label}: workbook format version {shown} is not supported (this tool reads version "
            f"{FORMAT_VERSION}); export the workbook again from this version of the tool"
        )
    if meta.get("language") not in ("en", "da"):
        raise UnsafeWorkbook(f"{label}: sheet '{lists.name}' names an unknown language {meta.get('language')!r}")
    return meta
