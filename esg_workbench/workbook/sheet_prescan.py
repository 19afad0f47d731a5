"""A pre-scan of worksheet XML: where the cells really are, which hold formulas and which hold errors.

Runs after ``xlsx_safety.check_xlsx`` and before python-calamine reads a sheet, because calamine sizes
its grid from the cells' positions and aborts the whole process (not an exception) when a single
cell sits at, say, XFD1048576. It also tells the import which cells hold a formula or an error value:
calamine returns only cached values, and returns an error (``#N/A``) as an empty string.

Regular expressions on the raw bytes keep the scan at C speed; a file whose cells all carry an ``r``
reference as their first attribute (every file Excel, LibreOffice, openpyxl or xlsxwriter writes)
takes a fast path, anything else a slower tokenizer that follows the spec's implicit positions. The
quickest path proves with one search that no cell lies beyond the limits, without finding the real
extent; where a cell does, a path that finds it names the farthest cell.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from posixpath import dirname, join, normpath

from defusedxml import ElementTree

from ..xlsx_safety import UnsafeWorkbook, open_zip
from .layout import col_letter

_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
_CELL_ANY = re.compile(rb"<" + _NAME + rb"c(?=[\s/>])")
_CELL_REF_FIRST = re.compile(rb"<" + _NAME + rb"c\s+r\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_FORMULA = re.compile(rb"<" + _NAME + rb"f(?=[\s/>])")
# A formula directly inside its cell's start tag, as every common writer puts it: one pass finds them all.
_CELL_WITH_FORMULA = re.compile(
    rb"<" + _NAME + rb"c\s+r\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"'][^>]{0,512}>\s*<" + _NAME + rb"f(?=[\s/>])"
)
_CELL_START = re.compile(rb"<" + _NAME + rb"c\s")
_T_ERROR = re.compile(rb"""\bt\s*=\s*["']e["']""")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_VALUE = re.compile(rb"<" + _NAME + rb"v>([^<]{0,40})<")
_TAG_START = re.compile(rb"<(/?)" + _NAME + rb"(row|c|f)(?=[\s/>])")
# The rest of a start tag, quote-aware (a ">" in a quoted value does not end it), read within MAX_TAG
# bytes: a tag that does not close that soon is refused, rather than read to the end of the sheet from
# each of its starts, which takes quadratic time on a hostile sheet of unclosed tags.
_TAG_REST = re.compile(_ATTRS + rb">")
MAX_TAG = 4096  # bytes; the row, cell and formula tags Excel writes take a few dozen
_ATTR_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*(["'])(.*?)\1""", re.S)
_ATTR_T = re.compile(rb"""(?<![\w:.-])t\s*=\s*(["'])(.*?)\1""", re.S)
_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_LOOKBACK = 512  # bytes searched backwards from a formula for its cell's start tag

# Without namespace prefixes on cell tags (the usual case) the patterns can start with a literal, which
# the regex engine finds at memchr speed; prefixed documents take the general patterns above.
_PREFIXED_TAG = re.compile(rb":[cf][ \t\r\n/>]")
_PLAIN_FORMULA_TAG = re.compile(rb"<f[ \t\r\n/>]")
_QUOTED_E = re.compile(b'"e"')  # the regex engine finds this literal faster than bytes.find does
# The fast paths read cells written as every common writer writes them: `<c r="B12"`, the reference
# first, double quotes, no leading zeros (so a row number cannot hide behind them). The sheet XML is
# megabytes, so each pass over it counts:
# - bounded: one search finds a cell written otherwise or beyond the limits (see _outlier); with none,
#   the limits bound the extent and only formula cells are collected, by one more pass;
# - plain: one search finds a cell written otherwise (then the tokenizer decides); one pass finds every
#   cell, for the real extent, and, in the optional third group, a formula directly inside it.
_NOT_PLAIN_CELL = re.compile(rb'<c(?=[ \t\r\n/>])(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")')
# The rest of a start tag is read for at most 512 bytes: a cell's attributes are a few dozen, and
# an unbounded [^>]* would rescan a hostile run without ">" from every cell in it (quadratic time). A
# formula after a longer tag is not seen as direct, so the slower paths place it.
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"([^>]{0,512}>\s*<f[\s/>])?')
# A formula directly inside its cell's start tag gives the cell's reference; any other formula tag b"".
_PLAIN_FORMULAS = re.compile(rb'<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"[^>]{0,512}+>\s*+<f[ \t\r\n/>]|<f[ \t\r\n/>]')

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class SheetScan:
    """What the pre-scan found; positions are 0-based (row, column).

    ``rows``/``cols`` bound the cells' extent (0 when there are none): the real extent where the scan
    had to find it, or the limits a sheet was proven to stay within (the fast path), which is all that
    python-calamine needs. Formula cells found by the fast path are kept as their references and turned
    into positions only when asked for: a sheet has thousands, the import needs those in input columns.
    """

    rows: int = 0
    cols: int = 0
    found_formulas: set[tuple[int, int]] | None = None
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formula_refs: list[bytes] = field(default_factory=list)  # b"D12": plain references, not yet positions

    @property
    def formulas(self) -> set[tuple[int, int]]:
        if self.found_formulas is None:
            self.found_formulas = set(map(_position, self.formula_refs))
        return self.found_formulas

    @formulas.setter
    def formulas(self, cells: set[tuple[int, int]]) -> None:
        self.found_formulas = cells

    def formulas_in(self, columns: set[int]) -> set[tuple[int, int]]:
        """The formula cells in ``columns``, converting only those."""
        if self.found_formulas is not None:
            return {cell for cell in self.found_formulas if cell[1] in columns}
        letters = {col_letter(col).encode() for col in columns}
        return {_position(ref) for ref in self.formula_refs if ref.rstrip(_DIGITS) in letters}


_DIGITS = b"0123456789"


def _position(ref: bytes) -> tuple[int, int]:
    """A plain reference (b"D12") as a 0-based (row, column)."""
    letters = ref.rstrip(_DIGITS)
    return int(ref[len(letters) :]) - 1, column_index(letters)


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
    if b"#" in xml and b"&#" in xml:  # "#" alone is found at memchr speed, and is rare in sheet XML
        # Character references can spell a reference or a type (r="&#88;FD1", t="&#101;") that a reader
        # decodes but a literal pattern misses: only the tokenizer, which reads every attribute, decides.
        scan = _exact_scan(xml, sheet)
    else:
        if _PREFIXED_TAG.search(xml):
            scan = _general_scan(xml, sheet)
        else:
            scan = _bounded_scan(xml, max_rows, max_cols) or _plain_scan(xml, sheet)
        # Error cells are rare: only look for them where a quoted lone "e" (t="e") appears at all. Single
        # quotes are rarer still: finding none at all (memchr speed) saves the slower second search.
        if _QUOTED_E.search(xml) or (b"'" in xml and b"'e'" in xml):
            scan.errors = _error_cells(xml, sheet)
    _check_bounds(scan, sheet, max_rows, max_cols)
    return scan


def _bounded_scan(xml: bytes, max_rows: int, max_cols: int) -> SheetScan | None:
    """The formula cells of a sheet whose cells are all plain and within the limits, with the limits as
    its extent; None when a cell is not (the slower paths find out which, and where)."""
    if _outlier(max_rows, max_cols).search(xml):
        return None
    refs = _PLAIN_FORMULAS.findall(xml)
    if b"" in refs:
        return None  # a formula not directly inside its cell's tag
    if b'<c r="' not in xml:
        return SheetScan()
    return SheetScan(max_rows, max_cols, formula_refs=refs)


@cache
def _outlier(max_rows: int, max_cols: int) -> re.Pattern[bytes]:
    """A pattern finding a cell that is not plain, or whose reference lies beyond the limits."""
    columns = _up_to(max_cols, _LETTERS, bijective=True)
    rows = _up_to(max_rows, _DECIMAL, bijective=False)
    return re.compile(rb'<c(?=[ \t\r\n/>])(?! r="(?:' + columns + rb")(?:" + rows + rb')")')


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DECIMAL = "0123456789"


def _up_to(limit: int, digits: str, *, bijective: bool) -> bytes:
    """A regex alternation matching exactly the numerals of 1..``limit`` (no leading zeros), decimal or
    in Excel's bijective column letters (A=1, Z=26, AA=27)."""
    numeral = _numeral(limit, digits, bijective=bijective)
    first, last = digits[0 if bijective else 1], digits[-1]  # the smallest and largest leading digit
    alternatives = []
    if len(numeral) > 1:  # every numeral with fewer digits is smaller
        alternatives.append(_span(first, last) + _repeat(_span(digits[0], last), 0, len(numeral) - 2))
    for i, digit in enumerate(numeral):  # as long: the same up to i, smaller at i, anything after
        low = first if i == 0 else digits[0]
        if digit > low:
            after = len(numeral) - i - 1
            alternatives.append(
                numeral[:i] + _span(low, chr(ord(digit) - 1)) + _repeat(_span(digits[0], last), after, after)
            )
    alternatives.append(numeral)
    return "|".join(alternatives).encode()


def _span(low: str, high: str) -> str:
    return low if low == high else f"[{low}-{high}]"


def _repeat(item: str, least: int, most: int) -> str:
    if most == 0:
        return ""
    if least == most:
        return item if most == 1 else f"{item}{{{most}}}"
    return f"{item}{{{least},{most}}}"


def _numeral(number: int, digits: str, *, bijective: bool) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1 if bijective else number, len(digits))
        text = digits[rest] + text
    return text


def _plain_scan(xml: bytes, sheet: str) -> SheetScan:
    if _NOT_PLAIN_CELL.search(xml):
        return _exact_scan(xml, sheet)
    cells = _PLAIN_CELL.findall(xml)
    scan = _fast_extent(cells)
    direct = list(filter(itemgetter(2), cells))
    if len(direct) == len(_PLAIN_FORMULA_TAG.findall(xml)):
        scan.formulas = {(int(row) - 1, column_index(col)) for col, row, _ in direct}
        return scan
    formulas = _fast_formulas(xml)
    return _exact_scan(xml, sheet) if formulas is None else SheetScan(scan.rows, scan.cols, found_formulas=formulas)


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


def _fast_extent(refs: list[tuple[bytes, ...]]) -> SheetScan:
    """The extent of (column letters, row digits, ...) references. Only the distinct rows and columns
    are converted (a few hundred for many thousand cells), as numbers: "0009" is row 9, not above 999."""
    if not refs:
        return SheetScan()
    rows = max(map(int, set(map(itemgetter(1), refs))))
    cols = max(map(column_index, set(map(itemgetter(0), refs)))) + 1
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
    for closing, tag, attrs, end in _tags(xml, sheet):
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
                scan.errors[current] = _error_value(xml, end)
        elif tag == b"f" and current[0] >= 0:
            scan.formulas.add(current)
    return scan


def _tags(xml: bytes, sheet: str) -> Iterator[tuple[bytes, bytes, bytes, int]]:
    """(b"/" for an end tag, name, attributes, end) of each row, cell and formula tag, in order."""
    end = 0
    for start in _TAG_START.finditer(xml):
        if start.start() < end:
            continue  # inside the previous tag (a quoted value)
        rest = _TAG_REST.match(xml, start.end(), start.end() + MAX_TAG)
        if rest is None:
            raise _unclosed(sheet, start.group(2))
        end = rest.end()
        yield start.group(1), start.group(2), rest.group(1), end


def _unclosed(sheet: str, tag: bytes) -> UnsafeWorkbook:
    return UnsafeWorkbook(
        f"sheet '{sheet}': a <{tag.decode()}> tag does not close within {MAX_TAG:,} bytes; the sheet is damaged "
        "(save the workbook again in Excel)"
    )


def _error_value(xml: bytes, end: int) -> str:
    found = _VALUE.search(xml, end, end + 200)
    return found.group(1).decode("utf-8", "replace") if found else "#ERROR"


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


def _error_cells(xml: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """The cells typed t="e", each found from that attribute back to its tag's start, so every byte is
    looked at a bounded number of times, whatever the sheet holds."""
    errors = {}
    done = 0  # the sheet up to here is looked at
    for found in _T_ERROR.finditer(xml):
        if found.start() < done:
            continue  # in a tag already read
        start = xml.rfind(b"<", done, found.start())
        done = found.end()
        cell = _CELL_START.match(xml, start) if start >= 0 else None
        if cell is None:
            continue  # in text, or in another element's tag
        rest = _TAG_REST.match(xml, cell.end(), cell.end() + MAX_TAG)
        if rest is None:
            raise _unclosed(sheet, b"c")
        if rest.end() <= found.start():
            continue  # after that cell's tag: in its text
        done = rest.end()
        attrs = rest.group(1)
        ref = _R_ATTR.search(attrs)
        if ref is None or not _T_ERROR.search(attrs):
            continue  # positions without r are known to the exact scan only; the value check still fails
        errors[(int(ref.group(2)) - 1, column_index(ref.group(1)))] = _error_value(xml, done)
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
    """check_xlsx has already refused a damaged archive; kept for direct callers, with its one rule."""
    return open_zip(data, label)
