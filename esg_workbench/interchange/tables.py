"""Rows of an imported table (a CSV in whatever encoding and delimiter it came, or a sheet of an .xlsx),
streamed one at a time, with the columns found by their header or by the user's mapping.

A CSV is decoded as UTF-8 (with or without a byte order mark) or UTF-16 with a mark; anything else is
read as Windows-1252 and said so (a notice), since Excel on Windows writes its CSVs that way. The
delimiter (``;`` ``,`` or tab) is sniffed from the header line. An .xlsx goes through the same upload
safety as a workbook (``xlsx_safety``) and is read row by row in read-only mode, so a 100,000-row
inventory never sits in memory as cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import Problem
from ..domain.problem_codes import Code
from ..xlsx_safety import UnsafeWorkbook, bounded_rows, open_xlsx, read_xlsx_source
from .plan import ImportRefused, Notice

MAX_COLUMNS = 256
MAX_SHEET_ROWS = 1_048_576  # Excel's own row limit
_DELIMITERS = (";", ",", "\t")
_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def norm(header: Any) -> str:
    """A header as compared: case, spacing and a trailing colon do not matter."""
    return " ".join(str(header or "").split()).casefold().rstrip(":")


def read_source(source: bytes | str | Path, *, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and its label; refuses an empty file or one over ``max_bytes`` (a path is measured
    before it is read)."""
    label = name or (Path(source).name if isinstance(source, str | Path) else "upload")
    try:
        return read_xlsx_source(source, max_bytes=max_bytes, name=label), label
    except UnsafeWorkbook as exc:
        raise ImportRefused([Problem.of("", Code(exc.code), **exc.params)], label) from None


def decode(data: bytes, label: str) -> tuple[str, Notice | None]:
    """The text of a CSV file and, when it was not Unicode, a notice naming the encoding it was read in."""
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise ImportRefused([Problem.of(f"byte {exc.start}", Code.NOT_UTF8)], label) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: then it is Latin-1, which reads any byte
        text = data.decode("latin-1")
        encoding = "ISO-8859-1"
    return text, Notice("encoding", {"file": label, "encoding": encoding, "byte": first_bad})


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the candidate found most often in its header line outside quotes."""
    head = text[: text.find("\n")] if "\n" in text else text
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in head:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class Table:
    """A table being read: its label (file and sheet), header and remaining rows as (row number, values)."""

    label: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    notices: list[Notice] = field(default_factory=list)

    def where(self, row: int, column: str = "") -> str:
        return f"{self.label} row {row}" + (f", column '{column}'" if column else "")


def csv_table(data: bytes, label: str) -> Table:
    text, notice = decode(data, label)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _numbered(reader, label)
    header = next(rows, None)
    if header is None:
        raise ImportRefused([Problem.of("", Code.WORKBOOK_EMPTY)], label)
    return Table(label, [str(v).strip() for v in header[1]], rows, [notice] if notice else [])


def _numbered(reader: Any, label: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                yield number, row
    except csv.Error as exc:
        raise ImportRefused(
            [Problem.of(f"row {reader.line_num}", Code.IMPORT_UNREADABLE, detail=str(exc))], label
        ) from None


@dataclass
class Sheets:
    """An .xlsx opened for import; ``table(name)`` streams one of its sheets. Use as a context manager."""

    data: bytes
    label: str
    max_bytes: int
    _context: Any = None
    _book: Any = None

    def __enter__(self) -> Sheets:
        self._context = open_xlsx(self.data, name=self.label, max_bytes=self.max_bytes)
        try:
            self._book = self._context.__enter__()
        except UnsafeWorkbook as exc:
            raise _refused(exc, self.label) from None
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._context.__exit__(*exc)
        except UnsafeWorkbook as error:  # open_xlsx turns a sheet's XML error, met while reading, into this
            raise _refused(error, self.label) from None

    @property
    def names(self) -> list[str]:
        return list(self._book.sheetnames)

    def table(self, sheet: str | None = None, *, else_index: int | None = None) -> Table:
        """The sheet named ``sheet`` (case-insensitive), or the first sheet; with ``else_index``, the sheet
        at that position when none has the name (an export whose sheets are named otherwise)."""
        wanted = next((n for n in self.names if sheet is None or norm(n) == norm(sheet)), None)
        if wanted is None and else_index is not None and else_index < len(self.names):
            wanted = self.names[else_index]
        if wanted is None:
            problem = Problem.of("", Code.IMPORT_NO_SHEET, sheet=sheet, sheets=", ".join(self.names))
            raise ImportRefused([problem], self.label)
        label = f"{self.label} sheet '{wanted}'"
        rows = _sheet_rows(self._book[wanted], label)
        header = next(rows, None)
        if header is None:
            raise ImportRefused([Problem.of("", Code.WORKBOOK_EMPTY)], label)
        return Table(label, header[1], rows)


def _sheet_rows(ws: Any, label: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for number, values in enumerate(bounded_rows(ws, MAX_SHEET_ROWS, MAX_COLUMNS), start=1):
            cells = ["" if v is None else str(v).strip() for v in values]
            if any(cells):
                yield number, cells
    except UnsafeWorkbook as exc:
        raise _refused(exc, label) from None


def _refused(exc: UnsafeWorkbook, label: str) -> ImportRefused:
    if exc.code:
        return ImportRefused([Problem.of("", Code(exc.code), **exc.params)], label)
    return ImportRefused([Problem.of("", Code.WORKBOOK_REFUSED, reason=str(exc).removeprefix(f"{label}: "))], label)


def is_xlsx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


# --- columns -------------------------------------------------------------------------------------------


def parse_mapping(pairs: Mapping[str, str] | list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """``FIELD=COLUMN`` pairs (the CLI's ``--map``) or a mapping as a dict; the field in lower case."""
    if not pairs:
        return {}
    if isinstance(pairs, Mapping):
        return {k.strip().casefold(): v for k, v in pairs.items() if v}
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"--map {pair!r}: write FIELD=COLUMN, e.g. name='Display Name'")
        out[key.strip().casefold()] = value.strip()
    return out


def find_columns(
    table: Table, fields: Mapping[str, tuple[str, ...]], required: tuple[str, ...], mapping: Mapping[str, str]
) -> dict[str, int]:
    """Field -> column index: the column the mapping names, else the first default header present.
    Refuses a mapping to a field that does not exist or to a column the table lacks, and a required field
    without a column, naming the columns the table has."""
    index = {norm(h): i for i, h in reversed(list(enumerate(table.header))) if norm(h)}
    columns = ", ".join(repr(h) for h in table.header if str(h).strip())
    problems = []
    found: dict[str, int] = {}
    for key, column in mapping.items():
        if key not in fields:
            problems.append(Problem.of("", Code.IMPORT_MAP_FIELD, field=key, fields=", ".join(fields)))
        elif norm(column) not in index:
            problems.append(Problem.of("", Code.IMPORT_MAP_COLUMN, field=key, column=column, columns=columns))
        else:
            found[key] = index[norm(column)]
    for key, defaults in fields.items():
        if key in found or key in mapping:
            continue
        hit = next((index[norm(d)] for d in defaults if norm(d) in index), None)
        if hit is not None:
            found[key] = hit
        elif key in required:
            problems.append(
                Problem.of("", Code.IMPORT_NO_COLUMN, field=key, looked=", ".join(defaults), columns=columns)
            )
    if problems:
        raise ImportRefused(problems, table.label)
    return found
