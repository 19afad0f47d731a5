"""Upload safety for .xlsx files: refuse oversized, non-xlsx, encrypted and hostile workbooks before
openpyxl parses them, then open them read-only and read sheets only within stated row/column bounds.

Every workbook the product reads goes through :func:`check_xlsx` (or :func:`open_xlsx`, which calls it).
The limits are keyword parameters; their defaults are the module constants below.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .messages import Number, translate

if TYPE_CHECKING:
    from openpyxl import Workbook

MiB = 1024 * 1024

#: Largest file accepted, in bytes (the default of ``Settings.max_upload_mb``).
DEFAULT_MAX_BYTES = 25 * MiB
#: Most zip entries accepted; a large real workbook has a few hundred parts.
DEFAULT_MAX_ENTRIES = 10_000
#: Largest sum of the parts' inflated sizes; openpyxl holds shared strings and styles in memory.
DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * MiB
#: Largest inflated/compressed ratio of one part. Spreadsheet XML rarely passes 50 (EFRAG's IG 3
#: workbook peaks at 46, on hyperlink relationships); a deflate bomb reaches about 1,000.
DEFAULT_MAX_RATIO = 200
#: The ratio is only judged for parts at least this big once inflated: tiny parts compress oddly.
RATIO_MIN_BYTES = 1 * MiB
#: Deepest folder nesting of a part name; real packages use three or four levels.
MAX_PATH_DEPTH = 16

REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTION_STREAMS = ("EncryptionInfo", "EncryptedPackage")
_SCAN_CHUNK = 256 * 1024
# A DTD is never needed in an OOXML part, and entity declarations are how XML bombs (billion laughs)
# and external-entity attacks work. The token is searched in every encoding an XML part may use, so a
# UTF-16 part cannot hide it.
_DTD_TOKENS = tuple(t.encode(enc) for t in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_PATTERN = re.compile(b"|".join(re.escape(t) for t in _DTD_TOKENS), re.IGNORECASE)
_DTD_OVERLAP = max(len(t) for t in _DTD_TOKENS) - 1
# Every token starts with "<!" in its encoding: b"<!" in UTF-8, b"<\x00!" in both UTF-16 orders. "!" is
# rare in XML, so a chunk without it (found at memchr speed) is passed without running the pattern,
# which is case-insensitive and has no literal prefix, hence slow on megabytes of sheet XML.
_DTD_START = re.compile(b"<\x00?!")


#: Everything zipfile raises on damaged bytes, in the central directory or in a part: besides
#: BadZipFile, a version or compression method it does not support ("zip file version 25.1",
#: NotImplementedError), an encrypted entry (RuntimeError), a name that is not UTF-8 (ValueError),
#: truncated or inconsistent data (EOFError, zlib.error, struct.error, OSError). Any of them means the
#: file cannot be read, never a bug in the caller.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    EOFError,
    zlib.error,
    struct.error,
    OSError,
    OverflowError,
)


# Macros: a VBA project (what an .xlsm holds, also when renamed .xlsx) or Excel 4 macro sheets. Found by
# part name and by content type, so a VBA project stored under another part name is found too.
_MACRO_PART = re.compile(r"(^|/)vbaProject\.bin$|^xl/(macrosheets|dialogsheets)/", re.IGNORECASE)
_MACRO_TYPES = re.compile(rb"vbaProject|macroEnabled|macrosheet", re.IGNORECASE)
_CONTENT_TYPES = "[Content_Types].xml"


class UnsafeWorkbook(ValueError):
    """The workbook was refused: too big, not an .xlsx, encrypted, damaged or built to harm the reader.
    The message names the file and says why, in words the user can act on. ``code`` and ``params``,
    when set, are the problem code (``problem.<code>`` in the catalogue) whose English text the message
    is, so an upload page can say it in the user's language."""

    def __init__(self, message: str, code: str = "", params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}


def _refused(label: str, code: str, **params: Any) -> UnsafeWorkbook:
    """The refusal ``code`` of the file ``label``, its message the catalogue's English text."""
    return UnsafeWorkbook(f"{label}: {translate(f'problem.{code}', 'en', **params)}", code, params)


def ensure_defusedxml() -> None:
    """Fail loudly unless openpyxl parses XML through defusedxml (the second line of defence)."""
    try:
        import defusedxml  # noqa: F401
    except ImportError:
        raise RuntimeError(
            "defusedxml is not installed; the workbench refuses to read Excel files without it "
            "(pip install -r requirements.txt)"
        ) from None
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError(
            "openpyxl does not use defusedxml (is OPENPYXL_DEFUSEDXML set to something other than "
            "'True'?); the workbench refuses to read Excel files without it"
        )


ensure_defusedxml()


# --- reading the source ------------------------------------------------------------------------------


def read_xlsx_source(
    source: bytes | bytearray | memoryview | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> bytes:
    """The file's bytes, refusing anything over ``max_bytes`` (a path is measured before it is read).

    Raises OSError when a path cannot be read, UnsafeWorkbook when it is too big or empty."""
    label = _label(source, name)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        _check_size(path.stat().st_size, max_bytes, label)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow between stat and read
    _check_size(len(data), max_bytes, label)
    if not data:
        raise _refused(label, "workbook_empty")
    return data


def _label(source: object, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return "workbook"


def _check_size(size: int, max_bytes: int, label: str) -> None:
    if size > max_bytes:
        raise _refused(label, "workbook_too_large", size=_megabytes(size), limit=_megabytes(max_bytes))


def _mb(size: int) -> str:
    return f"{size / MiB:.1f} MB"


def _megabytes(size: int) -> Number:
    return Number(round(size / MiB, 1), f"{size / MiB:.1f}")


# --- the checks --------------------------------------------------------------------------------------


def check_xlsx(
    source: bytes | bytearray | memoryview | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = DEFAULT_MAX_RATIO,
    name: str | None = None,
    keep: Callable[[str], bool] | None = None,
) -> dict[str, bytes]:
    """Refuse a workbook that is unsafe or not an .xlsx, without handing it to an XML parser.

    Checks, in order: size; zip magic (with own messages for an old .xls and a password-protected file);
    the zip directory (entry count, total inflated size, per-part ratio, part names, encrypted entries,
    required parts); then every part is inflated in a stream, bounded by the directory's sizes, and
    searched for DOCTYPE/ENTITY declarations. ``name`` labels messages (default: the file name).

    Returns the inflated content of the checked parts whose name ``keep`` accepts (none by default), so
    a caller that reads them next need not inflate them again; their total is bounded by
    ``max_uncompressed_bytes``.

    Raises UnsafeWorkbook (a ValueError) with the reason, OSError when a path cannot be read."""
    label = _label(source, name)
    data = read_xlsx_source(source, max_bytes=max_bytes, name=label)
    _check_magic(data, label)
    # zipfile builds an object per central-directory header before we can count them; each header
    # starts with this signature, so the count bounds the entries and keeps a small file from
    # allocating millions of them.
    headers = data.count(b"PK\x01\x02")
    if headers > max_entries:
        raise UnsafeWorkbook(f"{label}: the zip archive has up to {headers:,} entries; the limit is {max_entries:,}")
    archive = open_zip(data, label)
    kept: dict[str, bytes] = {}
    with archive:
        infos = archive.infolist()
        _check_directory(infos, label, max_entries, max_uncompressed_bytes, max_ratio)
        for info in infos:
            wanted = keep is not None and keep(info.filename)
            content = _scan_part(archive, info, label, keep=wanted or info.filename == _CONTENT_TYPES)
            if info.filename == _CONTENT_TYPES and content is not None:
                _refuse_macros(label, content_types=content)
            if wanted and content is not None:
                kept[info.filename] = content
    return kept


def _refuse_macros(label: str, *, part: str = "", content_types: bytes = b"") -> None:
    """A workbook with macros is refused rather than imported without them: the workbench keeps only
    cell values, so the macros would be lost without the user noticing, and a macro-enabled file renamed
    .xlsx is a classic way to smuggle one past a check that trusts the extension."""
    if part:
        raise _refused(label, "workbook_macros_part", part=part)
    if match := _MACRO_TYPES.search(content_types):
        raise _refused(label, "workbook_macros_type", type=match.group().decode("ascii", "replace"))


def open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """The bytes as a zip archive; UnsafeWorkbook whatever zipfile finds wrong with its directory."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise UnsafeWorkbook(f"{label}: not a readable .xlsx (damaged zip archive: {exc})") from None


def _check_magic(data: bytes, label: str) -> None:
    if data.startswith(_ZIP_MAGIC):
        return
    if data.startswith(_OLE2_MAGIC):
        if _is_encrypted_ooxml(data):
            raise _refused(label, "workbook_encrypted")
        raise _refused(label, "workbook_old_xls")
    raise _refused(label, "workbook_not_zip")


def _is_encrypted_ooxml(data: bytes) -> bool:
    """True when an OLE2 compound file holds the streams Office writes for an encrypted .xlsx.

    Directory entries are 128 bytes, start at 128-byte-aligned offsets, and hold the name in UTF-16LE
    followed by its byte length at offset 64 (MS-CFB 2.6.1), so a name in cell text cannot match."""
    return all(_has_cfb_entry(data, stream) for stream in _ENCRYPTION_STREAMS)


def _has_cfb_entry(data: bytes, stream: str) -> bool:
    encoded = stream.encode("utf-16-le") + b"\x00\x00"
    start = data.find(encoded)
    while start != -1:
        if start % 128 == 0 and start + 66 <= len(data):
            (length,) = struct.unpack_from("<H", data, start + 64)
            if length == len(encoded):
                return True
        start = data.find(encoded, start + 1)
    return False


def _check_directory(
    infos: list[zipfile.ZipInfo], label: str, max_entries: int, max_uncompressed: int, max_ratio: float
) -> None:
    if len(infos) > max_entries:
        raise UnsafeWorkbook(f"{label}: the zip archive has {len(infos):,} entries; the limit is {max_entries:,}")
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed:
        raise UnsafeWorkbook(
            f"{label}: the workbook inflates to {_mb(total)}; the limit is {_mb(max_uncompressed)} "
            "(a compression bomb, or a workbook too big to import)"
        )
    seen: set[str] = set()
    for info in infos:
        _check_entry(info, label, max_ratio)
        if _MACRO_PART.search(info.filename):
            _refuse_macros(label, part=info.filename)
        if info.filename in seen:
            raise UnsafeWorkbook(f"{label}: zip entry '{info.filename}' appears twice")
        seen.add(info.filename)
    missing = [part for part in REQUIRED_PARTS if part not in seen]
    if missing:
        raise _refused(label, "workbook_not_excel", parts=", ".join(repr(m) for m in missing))


def _check_entry(info: zipfile.ZipInfo, label: str, max_ratio: float) -> None:
    problem = _path_problem(info.filename)
    if problem:
        raise UnsafeWorkbook(f"{label}: zip entry '{info.filename}' has an unsafe name ({problem})")
    if info.flag_bits & 0x1:
        raise UnsafeWorkbook(f"{label}: zip entry '{info.filename}' is encrypted")
    if info.file_size >= RATIO_MIN_BYTES:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > max_ratio:
            raise UnsafeWorkbook(
                f"{label}: zip entry '{info.filename}' inflates {ratio:,.0f} times "
                f"({_mb(info.compress_size)} to {_mb(info.file_size)}); the limit is {max_ratio:g} "
                "(a compression bomb)"
            )


def _path_problem(name: str) -> str:
    if "\x00" in name:
        return "NUL character"
    if "\\" in name:
        return "backslash"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path"
    parts = [part for part in name.split("/") if part not in ("", ".")]  # as PurePosixPath(name).parts
    if ".." in parts:
        return "parent-directory '..'"
    if len(parts) > MAX_PATH_DEPTH:
        return f"nested {len(parts)} levels deep; the limit is {MAX_PATH_DEPTH}"
    return ""


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, *, keep: bool) -> bytes | None:
    """Inflate one part (zipfile stops at the directory's size and checks the CRC) and refuse DTD or
    entity declarations; reading every part also proves the archive is not damaged. A part to keep is
    read whole and returned; any other is read in chunks, so it is never held in memory at once."""
    try:
        with archive.open(info) as stream:
            if keep:
                content = stream.read()
                _refuse_dtd(content, label, info)
                return content
            tail = b""
            while chunk := stream.read(_SCAN_CHUNK):
                _refuse_dtd(tail + chunk[:_DTD_OVERLAP], label, info)  # a token across the boundary
                _refuse_dtd(chunk, label, info)
                tail = chunk[-_DTD_OVERLAP:]
    except ZIP_ERRORS as exc:
        if isinstance(exc, UnsafeWorkbook):  # our own refusal (a DTD) is a ValueError too
            raise
        raise UnsafeWorkbook(f"{label}: part '{info.filename}' cannot be read (damaged zip archive: {exc})") from None
    return None


def _refuse_dtd(data: bytes, label: str, info: zipfile.ZipInfo) -> None:
    if _may_declare_dtd(data) and _DTD_PATTERN.search(data):
        raise UnsafeWorkbook(
            f"{label}: part '{info.filename}' declares a DOCTYPE or ENTITY; Excel never writes these, and they "
            "are how XML entity attacks work"
        )


def _may_declare_dtd(window: bytes) -> bool:
    """False when the bytes cannot hold a DTD token in any encoding (a cheap necessary condition)."""
    return b"!" in window and _DTD_START.search(window) is not None


# --- opening and reading within bounds ---------------------------------------------------------------


@contextmanager
def open_xlsx(
    source: bytes | bytearray | memoryview | str | os.PathLike[str], *, name: str | None = None, **limits: Any
) -> Iterator[Workbook]:
    """Check the workbook, then open it with openpyxl read-only with cached values (not formulas) and
    external links ignored; the workbook is closed when the block ends. ``limits`` go to check_xlsx.

    XML errors raised while the block reads sheets become UnsafeWorkbook too."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    label = _label(source, name)
    data = read_xlsx_source(source, max_bytes=limits.get("max_bytes", DEFAULT_MAX_BYTES), name=label)
    check_xlsx(data, name=label, **limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise _unreadable(label, exc) from None
    try:
        yield workbook
    except (DefusedXmlException, SyntaxError) as exc:  # xml.etree's ParseError is a SyntaxError
        raise _unreadable(label, exc) from None
    finally:
        workbook.close()


def _unreadable(label: str, exc: BaseException) -> UnsafeWorkbook:
    """openpyxl wraps parser errors in a generic message; name defusedxml's refusal when it is the cause."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        return UnsafeWorkbook(f"{label}: the workbook's XML declares a DTD or entities ({cause!r}); refused")
    return UnsafeWorkbook(f"{label}: Excel workbook cannot be read ({' '.join(str(exc).split())})")


def bounded_rows(ws: Any, max_rows: int, max_cols: int) -> Iterator[tuple[Any, ...]]:
    """Yield the values of rows 1..n of a read-only worksheet as tuples of exactly ``max_cols`` values,
    never trusting the sheet's stated ``<dimension>``; n <= max_rows is the last row holding a value.

    Raises UnsafeWorkbook naming the sheet when a value (not just formatting) lies beyond ``max_rows``
    or ``max_cols``."""
    from openpyxl.utils import get_column_letter

    if not hasattr(ws, "reset_dimensions"):
        raise TypeError("bounded_rows needs a worksheet from a read-only workbook (see open_xlsx)")
    # A stated dimension such as A1:XFD1048576 would make openpyxl pad every row to 16,384 columns and
    # invent a million empty rows; without it, rows are only as wide as their last stored cell.
    ws.reset_dimensions()
    empty = (None,) * max_cols
    pending = 0  # empty rows held back until a row with a value follows
    for row_number, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        beyond = next((i for i in range(max_cols, len(row)) if row[i] is not None), None)
        if beyond is not None:
            raise UnsafeWorkbook(
                f"sheet '{ws.title}': cell {get_column_letter(beyond + 1)}{row_number} has a value; "
                f"at most {max_cols} columns ({get_column_letter(max_cols)}) are read"
            )
        if all(value is None for value in row):
            pending += 1
            continue
        if row_number > max_rows:
            raise UnsafeWorkbook(f"sheet '{ws.title}': row {row_number} has values; at most {max_rows:,} rows are read")
        yield from (empty,) * pending
        pending = 0
        yield tuple(row[:max_cols]) + empty[len(row) :]
