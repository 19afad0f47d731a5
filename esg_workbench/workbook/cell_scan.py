"""A pre-scan of worksheet XML: where the cells really are, which hold formulas and which hold errors.

Runs after ``xlsx_safety.check_xlsx`` and before python-calamine reads a sheet, because calamine sizes
its grid from the cells' positions and aborts the whole process (not an exception) when a single
cell sits at, say, XFD1048576. It also tells the import which cells hold a formula or an error value:
calamine returns only cached values, and returns an error (``#N/A``) as an empty string.

Regular expressions on the raw bytes keep the scan at C speed; a file whose cells all carry an ``r``
reference as their first attribute (every file Excel, LibreOffice, openpyxl or xlsxwriter writes)
takes the fast path, anything else a slower tokenizer that follows the spec's implicit positions.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from posixpath import dirname, join, normpath

from defusedxml import ElementTree

from ..xlsx_safety import UnsafeWorkbook
from .layout import col_letter

_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
_CELL_ANY = re.compile(rb"<" + _NAME + rb"c(?=[\s/>])")
_CELL_REF_FIRST = re.compile(rb"<" + _NAME + rb"c\s+r\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_FORMULA = re.compile(rb"<" + _NAME + rb"f(?=[\s/>])")
# A formula directly inside its cell's start tag, as every common writer puts it: one pass finds them all.
_CELL_WITH_FORMULA = re.compile(
    rb"<" + _NAME + rb"c\s+r\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"'][^>]*>\s*<" + _NAME + rb"f(?=[\s/>])"
)
_ERROR_CELL = re.compile(rb"<" + _NAME + rb"c\s" + _ATTRS + rb">")
_T_ERROR = re.compile(rb"""\bt\s*=\s*["']e["']""")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_VALUE = re.compile(rb"<" + _NAME + rb"v>([^<]{0,40})<")
_TOKEN = re.compile(rb"<(/?)" + _NAME + rb"(row|c|f)(?=[\s/>])" + _ATTRS + rb">")
_ATTR_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*(["'])(.*?)\1""", re.S)
_ATTR_T = re.compile(rb"""(?<![\w:.-])t\s*=\s*(["'])(.*?)\1""", re.S)
_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_LOOKBACK = 512  # bytes searched backwards from a formula for its cell's start tag

# Without namespace prefixes on cell tags (the usual case) the patterns can start with a literal, which
# the regex engine finds at memchr speed; prefixed documents take the general patterns above.
_PREFIXED_TAG = re.compile(rb":[cf][ \t\r\n/>]")
_PLAIN_CELL_TAG = re.compile(rb"<c[ \t\r\n/>]")
_PLAIN_FORMULA_TAG = re.compile(rb"<f[ \t\r\n/>]")
# No leading zeros, so the largest row number is also the longest (see _fast_extent).
_PLAIN_REF = re.compile(rb"<c\s+r\s*=\s*[\"']([A-Z]{1,3})([1-9][0-9]{0,6})[\"']")
_PLAIN_FORMULA_CELL = re.compile(rb"<c\s+r\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"'][^>]*>\s*<f[\s/>]")

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class SheetScan:
    """Positions are 0-based (row, column); ``rows``/``cols`` are the real extent (0 when empty)."""

    rows: int = 0
    cols: int = 0
    formulas: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)


@cache
def column_index(letters: bytes | str) -> int:
    """Excel column letters to a 0-based index: A -> 0, XFD -> 16383."""
    index = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def sheet_parts(archive: zipfile.ZipFile, label: str) -> dict[str, str]:
    """Sheet name -> part name in the archive, from xl/workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise UnsafeWorkbook(f"{label}: not a readable .xlsx (missing {exc})") from None
    except ElementTree.ParseError as exc:
        raise UnsafeWorkbook(f"{label}: not a readable .xlsx (workbook part: {exc})") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{NS_PKG}Relationship")}
    parts = {}
    for sheet in book.iter(f"{NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{NS_REL}id"), "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else normpath(join(dirname("xl/workbook.xml"), target))
            parts[sheet.get("name", "")] = path
    return parts


def scan_sheet(xml: bytes, sheet: str, *, max_rows: int, max_cols: int) -> SheetScan:
    """Scan one worksheet part; raise UnsafeWorkbook naming the sheet and cell when a cell lies beyond
    ``max_rows`` x ``max_cols``."""
    if xml.find(b"&#") >= 0:
        # Character references can spell a reference or a type (r="&#88;FD1", t="&#101;") that a reader
        # decodes but a literal pattern misses: only the tokenizer, which reads every attribute, decides.
        scan = _exact_scan(xml, sheet)
    else:
        prefixed = _PREFIXED_TAG.search(xml) is not None
        scan = _general_scan(xml, sheet) if prefixed else _plain_scan(xml, sheet)
        # Error cells are rare: only look for them where a quoted lone "e" (t="e") appears at all.
        if xml.find(b'"e"') >= 0 or xml.find(b"'e'") >= 0:
            scan.errors = _error_cells(xml)
    _check_bounds(scan, sheet, max_rows, max_cols)
    return scan


def _plain_scan(xml: bytes, sheet: str) -> SheetScan:
    total = len(_PLAIN_CELL_TAG.findall(xml))
    refs = _PLAIN_REF.findall(xml)
    if len(refs) != total:
        return _exact_scan(xml, sheet)
    scan = _fast_extent(refs)
    direct = _PLAIN_FORMULA_CELL.findall(xml)
    if len(direct) == len(_PLAIN_FORMULA_TAG.findall(xml)):
        scan.formulas = {(int(row) - 1, column_index(col)) for col, row in direct}
        return scan
    formulas = _fast_formulas(xml)
    return _exact_scan(xml, sheet) if formulas is None else SheetScan(scan.rows, scan.cols, formulas)


def _general_scan(xml: bytes, sheet: str) -> SheetScan:
    total = len(_CELL_ANY.findall(xml))
    refs = _CELL_REF_FIRST.findall(xml)
    if len(refs) == total:
        formulas = _fast_formulas(xml)
        if formulas is not None:
            scan = _fast_extent(refs)
            scan.formulas = formulas
            return scan
    return _exact_scan(xml, sheet)


def _fast_extent(refs: list[tuple[bytes, bytes]]) -> SheetScan:
    if not refs:
        return SheetScan()
    # Row numbers without leading zeros compare as (length, digits): only the largest is converted.
    rows = int(max((r for _, r in refs), key=lambda r: (len(r), r)))
    cols = max(column_index(letters) for letters in {c for c, _ in refs}) + 1
    return SheetScan(rows=rows, cols=cols)


def _fast_formulas(xml: bytes) -> set[tuple[int, int]] | None:
    """The cell of every <f>, found from the nearest preceding cell tag; None when one is not found."""
    direct = _CELL_WITH_FORMULA.findall(xml)
    if len(direct) == len(_FORMULA.findall(xml)):
        return {(int(row) - 1, column_index(col)) for col, row in direct}
    found = set()
    for match in _FORMULA.finditer(xml):
        window_start = max(0, match.start() - _LOOKBACK)
        last = None
        for last in _CELL_REF_FIRST.finditer(xml, window_start, match.start()):  # noqa: B007
            pass
        if last is None:
            return None
        found.add((int(last.group(2)) - 1, column_index(last.group(1))))
    return found


def _exact_scan(xml: bytes, sheet: str = "") -> SheetScan:
    """Follow rows and cells in order, as a reader must when ``r`` attributes are missing; every ``r``
    and ``t`` attribute must be plain (no character references), or the sheet is refused."""
    scan = SheetScan()
    row, col, current = -1, -1, (-1, -1)
    for match in _TOKEN.finditer(xml):
        closing, tag, attrs = match.groups()
        if closing:
            continue
        if tag == b"row":
            value = _attribute(attrs, _ATTR_R, sheet)
            if value is not None and not value.isdigit():
                raise UnsafeWorkbook(f"sheet '{sheet}': a row number cannot be read ({value[:20]!r})")
            row, col = (int(value) - 1 if value is not None else row + 1), -1
        elif tag == b"c":
            value = _attribute(attrs, _ATTR_R, sheet)
            if value is not None:
                ref = _CELL_REF.fullmatch(value)
                if ref is None:
                    raise UnsafeWorkbook(f"sheet '{sheet}': a cell reference cannot be read ({value[:20]!r})")
                row, col = int(ref.group(2)) - 1, column_index(ref.group(1))
            else:
                row, col = max(row, 0), col + 1
            current = (row, col)
            scan.rows, scan.cols = max(scan.rows, row + 1), max(scan.cols, col + 1)
            if _attribute(attrs, _ATTR_T, sheet) == b"e":
                found = _VALUE.search(xml, match.end(), match.end() + 200)
                scan.errors[current] = found.group(1).decode("utf-8", "replace") if found else "#ERROR"
        elif tag == b"f" and current[0] >= 0:
            scan.formulas.add(current)
    return scan


def _attribute(attrs: bytes, pattern: re.Pattern[bytes], sheet: str) -> bytes | None:
    found = pattern.search(attrs)
    if found is None:
        return None
    value = found.group(2)
    if b"&" in value:
        raise UnsafeWorkbook(
            f"sheet '{sheet}': a cell attribute uses character references ({value[:20]!r}); "
            "save the workbook again in Excel"
        )
    return value


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    errors = {}
    for match in _ERROR_CELL.finditer(xml):
        attrs = match.group(1)
        if not _T_ERROR.search(attrs):
            continue
        ref = _R_ATTR.search(attrs)
        if ref is None:
            continue  # positions without r are known to the exact scan only; the value check still fails
        value = _VALUE.search(xml, match.end(), match.end() + 200)
        errors[(int(ref.group(2)) - 1, column_index(ref.group(1)))] = (
            value.group(1).decode("utf-8", "replace") if value else "#ERROR"
        )
    return errors


def _check_bounds(scan: SheetScan, sheet: str, max_rows: int, max_cols: int) -> None:
    if scan.rows > max_rows:
        raise UnsafeWorkbook(
            f"sheet '{sheet}': has cells down to row {scan.rows:,}; at most {max_rows:,} rows are read "
            "(delete the rows below the data)"
        )
    if scan.cols > max_cols:
        raise UnsafeWorkbook(
            f"sheet '{sheet}': has cells out to column {col_letter(scan.cols - 1)}; at most {max_cols} columns "
            f"({col_letter(max_cols - 1)}) are read (delete the columns to the right of the data)"
        )


def open_archive(data: bytes, label: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:  # check_xlsx has already refused this; kept for direct callers
        raise UnsafeWorkbook(f"{label}: not a readable .xlsx ({exc})") from None
