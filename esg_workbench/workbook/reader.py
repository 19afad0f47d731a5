"""Reading an uploaded workbook safely: refuse hostile files first (``xlsx_safety.check_xlsx``), pre-scan
each sheet's XML for cells beyond the limits, formulas and error cells, and only then let python-calamine read
the values, within bounds. Only the lists sheet and the input sheets are read; report sheets are not.
Errors and panics inside calamine become UnsafeWorkbook naming the sheet (and row, when it can be found).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from ..messages import LANGUAGES
from ..xlsx_safety import DEFAULT_MAX_BYTES, UnsafeWorkbook, check_xlsx, read_xlsx_source
from .layout import FIELD_ROW, FORMAT, FORMAT_VERSION, LISTS_SHEET, MAX_COLS, MAX_ROWS, added_after
from .lists_sheet import META_ROWS
from .sheet_columns import INPUT_SHEETS
from .sheet_prescan import SheetScan, open_archive, scan_sheet, sheet_parts
from .texts import SHEET_NAMES, sheet_name

Source = bytes | bytearray | memoryview | str | os.PathLike[str]


@dataclass
class RawSheet:
    """One sheet's values (rows of cells, 0-based) and what the pre-scan found."""

    name: str
    rows: list[list[Any]]
    scan: SheetScan
    format_version: int = FORMAT_VERSION  # the workbook's (layout.ADDED_IN: what it may lack)

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
    # The check inflates every part anyway: the worksheets it has inflated are kept for the pre-scan.
    inflated = check_xlsx(data, max_bytes=max_bytes, name=label, keep=_is_worksheet)
    with open_archive(data, label) as archive:
        parts = sheet_parts(archive, label)
        known = {names[i] for names in SHEET_NAMES.values() for i in (0, 1)}
        read = {SHEET_NAMES[key][i] for key in (LISTS_SHEET, *INPUT_SHEETS) for i in (0, 1)}
        wanted = {parts[name] for name in parts if name in read}
        inflated = {part: xml for part, xml in inflated.items() if part in wanted}  # not the report sheets

        def scan(sheet: str) -> SheetScan:
            return _scan(archive, parts, sheet, inflated)

        lists_name = _find_lists(parts, label)
        lists_scan = scan(lists_name)
        meta_book = _calamine(data, label)
        meta = _meta(_read(meta_book, lists_name, lists_scan, label, nrows=len(META_ROWS)), label)
        lang = meta["language"]
        sheets, missing, later = {}, {}, {}
        version = int(meta["format_version"])
        for key in INPUT_SHEETS:
            expected = sheet_name(key, lang)
            if expected not in parts:
                # a sheet newer than the workbook's format is absent from it (empty), unless renamed
                (later if added_after(key, version) else missing)[key] = expected
                continue
            sheets[key] = _read(meta_book, expected, scan(expected), label)
            sheets[key].format_version = version
        others = [n for n in parts if n not in known]
        renamed = _identify(scan, meta_book, others, label) if missing or later else {}
        # A sheet added later is absent from older workbooks (empty), unless another sheet looks like it.
        missing |= {key: name for key, name in later.items() if key in renamed}
    return RawWorkbook(label, meta, lang, sheets, missing, renamed)


def _is_worksheet(part: str) -> bool:
    return part.startswith("xl/worksheets/") and part.endswith(".xml")


def _identify(scan: Any, book: Any, names: list[str], label: str) -> dict[str, str]:
    """Unknown sheets that look like a missing input sheet (by their hidden field ids): key -> name."""
    found = {}
    for name in names:
        try:
            sheet = _read(book, name, scan(name), label)
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


def _scan(archive: Any, parts: dict[str, str], sheet: str, inflated: dict[str, bytes]) -> SheetScan:
    part = parts[sheet]
    xml = inflated.pop(part, None)  # each sheet is scanned once: its bytes can go
    if xml is None:
        try:
            xml = archive.read(part)
        except KeyError:
            raise UnsafeWorkbook(f"sheet '{sheet}': its part '{part}' is missing from the file") from None
    return scan_sheet(xml, sheet, max_rows=MAX_ROWS, max_cols=MAX_COLS)


def _calamine(data: bytes, label: str) -> python_calamine.CalamineWorkbook:
    with _calamine_failures(f"{label}: Excel workbook"):
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


def _read(
    book: python_calamine.CalamineWorkbook, sheet: str, scan: SheetScan, label: str, nrows: int | None = None
) -> RawSheet:
    """The sheet's values, its first ``nrows`` rows only when given."""
    if not scan.rows:
        return RawSheet(sheet, [], scan)
    # The scan has bounded the sheet's cells, so calamine's grid is at most MAX_ROWS x MAX_COLS.
    with _calamine_failures(f"{label}: sheet '{sheet}'", book, sheet):
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=min(scan.rows, nrows or scan.rows))
    return RawSheet(sheet, rows, scan)


@contextmanager
def _calamine_failures(what: str, book: Any = None, sheet: str = "") -> Iterator[None]:
    """Turn python-calamine's errors, and its panics, into UnsafeWorkbook naming ``what`` failed."""
    try:
        yield
    except python_calamine.CalamineError as exc:
        raise UnsafeWorkbook(f"{what} cannot be read ({exc})") from None
    except BaseException as exc:
        # A panic in calamine's Rust code reaches Python as pyo3's PanicException, which derives from
        # BaseException (so that `except Exception` cannot hide a Rust bug) and cannot be imported by
        # name. Only that class is turned into a refusal; anything else (KeyboardInterrupt,
        # SystemExit, MemoryError...) goes on unchanged.
        if not _is_rust_panic(exc):
            raise
        row = _panicking_row(book, sheet) if book is not None else None
        where = f"{what}, row {row + 1}" if row is not None else what
        raise UnsafeWorkbook(f"{where} {_panic_reason(exc)}") from None


def _is_rust_panic(exc: BaseException) -> bool:
    kind = type(exc)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def _panic_reason(exc: BaseException) -> str:
    # The known case: calamine turns a date-formatted number into a date with chrono, which panics
    # ("TimeDelta::milliseconds out of bounds") when the number is far beyond any date.
    if "TimeDelta" in str(exc):
        return "holds a number too large for the date format of its cell (Excel shows it as ####); correct or clear it"
    return f"cannot be read (python-calamine failed: {exc})"


def _panicking_row(book: python_calamine.CalamineWorkbook, sheet: str) -> int | None:
    """The 0-based row whose values make calamine panic, found by reading row by row (``iter_rows``
    starts at row 1 however high the data starts); None when it cannot be found."""
    index = None  # stays None when the panic comes before any row is converted
    try:
        rows = iter(book.get_sheet_by_name(sheet).iter_rows())
        index = 0
        for _ in rows:
            index += 1
    except python_calamine.CalamineError:
        return None
    except BaseException as exc:  # as above: only the panic is expected here
        if not _is_rust_panic(exc):
            raise
        return index
    return None


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
    if meta.get("language") not in LANGUAGES:
        raise UnsafeWorkbook(f"{label}: sheet '{lists.name}' names an unknown language {meta.get('language')!r}")
    return meta
