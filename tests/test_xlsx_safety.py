"""Upload safety: every kind of bad workbook is refused with a message that says why, before openpyxl
parses it; sheets are read only within their row/column bounds."""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from esg_workbench import xlsx_safety
from esg_workbench.xlsx_safety import UnsafeWorkbook, bounded_rows, check_xlsx, ensure_defusedxml, open_xlsx

SHARED_WORKBOOK = (
    Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "EFRAG_IG3_List_of_ESRS_Data_Points.xlsx"
)
SHEET = "xl/worksheets/sheet1.xml"
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Data"
    workbook.active.append(["ID", "Name"])
    workbook.active.append(["X-1", "First"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rezip(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: list[tuple[str, bytes]] = (),
    drop: set[str] = frozenset(),
    stored: bool = False,
) -> bytes:
    """A copy of the zip with parts replaced, added or dropped (names are written as given)."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in drop:
                target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in add:
            target.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet_xml(cells: str, dimension: str = "A1:B2") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def _refused(data: bytes, **limits) -> str:
    with pytest.raises(UnsafeWorkbook) as caught:
        check_xlsx(data, name="upload.xlsx", **limits)
    message = str(caught.value)
    assert message.startswith("upload.xlsx: "), message
    return message


# --- files that pass ---------------------------------------------------------------------------------


def test_a_plain_workbook_passes_and_opens_read_only() -> None:
    data = _workbook_bytes()
    check_xlsx(data)
    with open_xlsx(data) as workbook:
        assert list(bounded_rows(workbook["Data"], 10, 3)) == [("ID", "Name", None), ("X-1", "First", None)]


def test_efrags_real_workbook_passes_when_present() -> None:
    if not SHARED_WORKBOOK.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_WORKBOOK} is missing (required in CI)")
        pytest.skip(f"{SHARED_WORKBOOK} is not on this machine")
    check_xlsx(SHARED_WORKBOOK)  # 56 parts, hyperlink relationships compressed 46 times


# --- size and file type ------------------------------------------------------------------------------


def test_too_big_bytes() -> None:
    data = _workbook_bytes()
    assert "the limit is 0.0 MB" in _refused(data, max_bytes=len(data) - 1)


def test_too_big_file_is_measured_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 4096)
    with pytest.raises(UnsafeWorkbook, match=r"^big\.xlsx: the file is 0\.0 MB; the limit is 0\.0 MB$"):
        check_xlsx(path, max_bytes=1000)


def test_empty_file() -> None:
    assert _refused(b"").endswith("the file is empty")


def test_not_a_zip() -> None:
    message = _refused(b"ID;Name\nX-1;First\n")
    assert "not an Excel .xlsx workbook (an .xlsx file is a zip archive; this one is not)" in message


def test_old_xls_gets_its_own_message() -> None:
    data = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024
    assert "old Excel 97-2003 .xls file; open it in Excel and save it as an .xlsx workbook" in _refused(data)


def _compound_file(*stream_names: str) -> bytes:
    """An OLE2 compound file header and one directory sector naming the given streams (MS-CFB 2.6.1:
    128-byte entries, UTF-16LE name, name length in bytes at offset 64)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * (512 - 8)
    entries = b""
    for name in ("Root Entry", *stream_names):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entries += encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + b"\0" * 62
    return header + entries.ljust(512, b"\0")


def test_password_protected_workbook_gets_its_own_message() -> None:
    message = _refused(_compound_file("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"))
    assert "the workbook is password-protected (encrypted); remove the password in Excel" in message


def test_xls_mentioning_the_stream_names_in_text_is_still_an_xls() -> None:
    # The same UTF-16 names at an offset that is not a directory entry, e.g. inside cell text.
    text = " EncryptionInfo EncryptedPackage".encode("utf-16-le") + b"\0\0"
    assert ".xls file" in _refused(_compound_file("Workbook") + b"x" + text)


# --- the zip directory -------------------------------------------------------------------------------


def test_compression_bomb_entry() -> None:
    data = _rezip(_workbook_bytes(), add=[("xl/media/image1.png", b"\0" * (5 * 1024 * 1024))])
    message = _refused(data)
    assert "zip entry 'xl/media/image1.png' inflates" in message
    assert "the limit is 200 (a compression bomb)" in message


def test_total_inflated_size_limit() -> None:
    message = _refused(_workbook_bytes(), max_uncompressed_bytes=1000)
    assert "the workbook inflates to" in message and "the limit is 0.0 MB" in message


def test_too_many_entries() -> None:
    data = _rezip(_workbook_bytes(), add=[(f"customXml/item{i}.xml", b"<a/>") for i in range(30)])
    assert "entries; the limit is 20" in _refused(data, max_entries=20)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../evil.xml", "parent-directory '..'"),
        ("xl/../../evil.xml", "parent-directory '..'"),
        ("/etc/evil.xml", "absolute path"),
        ("C:/evil.xml", "absolute path"),
        ("xl\\evil.xml", "backslash"),
        ("/".join(["d"] * 20) + "/evil.xml", "nested 21 levels deep; the limit is 16"),
    ],
)
def test_unsafe_part_names(name: str, reason: str) -> None:
    data = _rezip(_workbook_bytes(), add=[(name, b"<a/>")])
    assert _refused(data).endswith(f"zip entry '{name}' has an unsafe name ({reason})")


def test_duplicate_part_names() -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = _rezip(_workbook_bytes(), add=[(SHEET, _sheet_xml(""))])
    assert _refused(data).endswith(f"zip entry '{SHEET}' appears twice")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "[Content_Types].xml"])
def test_missing_required_part(part: str) -> None:
    message = _refused(_rezip(_workbook_bytes(), drop={part}))
    assert f"not an Excel workbook (missing part '{part}'; is it a Word or PowerPoint file, or a plain zip?)" in message


def test_encrypted_zip_entry() -> None:
    data = bytearray(_workbook_bytes())
    # zipfile cannot write encrypted entries, so set the "encrypted" bit of the first entry in the
    # central directory (general-purpose flags at offset 8); the entry is refused before it is read.
    header = data.index(b"PK\x01\x02")
    data[header + 8] |= 0x1
    name_length = int.from_bytes(data[header + 28 : header + 30], "little")
    name = data[header + 46 : header + 46 + name_length].decode()
    assert _refused(bytes(data)).endswith(f"zip entry '{name}' is encrypted")


def test_damaged_part_is_refused() -> None:
    data = bytearray(_rezip(_workbook_bytes(), stored=True))
    start = data.index(b"<sheetData>")
    data[start + 1] ^= 0x20  # one flipped bit: the CRC no longer matches
    message = _refused(bytes(data))
    assert f"part '{SHEET}' cannot be read (damaged zip archive: Bad CRC-32" in message


def test_damaged_zip_directory() -> None:
    assert "not a readable .xlsx (damaged zip archive:" in _refused(b"PK\x03\x04" + b"\0" * 100)


# --- XML entity attacks ------------------------------------------------------------------------------

_BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
    "</sheetData></worksheet>"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be"])
def test_doctype_and_entities_in_sheet_xml(encoding: str) -> None:
    data = _rezip(_workbook_bytes(), replace={SHEET: _BILLION_LAUGHS.encode(encoding)})
    message = _refused(data)
    assert f"part '{SHEET}' declares a DOCTYPE or ENTITY; Excel never writes these" in message


def test_external_entity_in_a_relationship_part() -> None:
    rels = b'<?xml version="1.0"?><!ENTITY xxe SYSTEM "file:///etc/passwd"><Relationships/>'
    data = _rezip(_workbook_bytes(), replace={"xl/_rels/workbook.xml.rels": rels})
    assert "part 'xl/_rels/workbook.xml.rels' declares a DOCTYPE or ENTITY" in _refused(data)


def test_declaration_split_across_read_chunks_is_found() -> None:
    padding = b" " * (xlsx_safety._SCAN_CHUNK - 4)  # "<!DO" ends one chunk, "CTYPE" starts the next
    xml = b'<?xml version="1.0"?>' + padding + b"<!DOCTYPE x []>" + _sheet_xml("")[38:]
    assert "declares a DOCTYPE or ENTITY" in _refused(_rezip(_workbook_bytes(), replace={SHEET: xml}))


def test_defusedxml_is_the_second_line_of_defence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_safety, "check_xlsx", lambda *args, **kwargs: None)
    data = _rezip(_workbook_bytes(), replace={SHEET: _BILLION_LAUGHS.encode()})
    refused = r"^workbook: the workbook's XML declares a DTD or entities \(EntitiesForbidden"
    with pytest.raises(UnsafeWorkbook, match=refused), open_xlsx(data) as workbook:
        list(bounded_rows(workbook["Data"], 10, 5))


def test_ensure_defusedxml_refuses_when_openpyxl_does_not_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_defusedxml()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="openpyxl does not use defusedxml"):
        ensure_defusedxml()


def test_ensure_defusedxml_refuses_when_it_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "defusedxml", None)  # makes "import defusedxml" fail
    with pytest.raises(RuntimeError, match="defusedxml is not installed"):
        ensure_defusedxml()


# --- reading within bounds ---------------------------------------------------------------------------


def _sheet(cells: str, dimension: str = "A1:B2"):
    data = _rezip(_workbook_bytes(), replace={SHEET: _sheet_xml(cells, dimension)})
    return open_xlsx(data)


def test_absurd_dimension_is_ignored_and_reading_stays_small() -> None:
    cells = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>'
    with _sheet(cells, dimension="A1:XFD1048576") as workbook:
        started = time.perf_counter()
        rows = list(bounded_rows(workbook["Data"], 100, 4))
        assert time.perf_counter() - started < 1.0
    assert rows == [(1, 2, None, None), (None, None, None, None), (3, None, None, None)]


def test_absurd_dimension_with_a_value_at_its_far_corner() -> None:
    cells = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>9</v></c></row>'
    with _sheet(cells, dimension="A1:XFD1048576") as workbook, pytest.raises(UnsafeWorkbook) as caught:
        list(bounded_rows(workbook["Data"], 5_000, 40))
    assert str(caught.value) == "sheet 'Data': cell XFD1048576 has a value; at most 40 columns (AN) are read"


def test_value_beyond_the_row_bound() -> None:
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in (1, 2, 9))
    with _sheet(cells) as workbook, pytest.raises(UnsafeWorkbook) as caught:
        list(bounded_rows(workbook["Data"], 5, 3))
    assert str(caught.value) == "sheet 'Data': row 9 has values; at most 5 rows are read"


def test_value_beyond_the_column_bound() -> None:
    cells = '<row r="1"><c r="A1"><v>1</v></c><c r="F1"><v>6</v></c></row>'
    with _sheet(cells) as workbook, pytest.raises(UnsafeWorkbook) as caught:
        list(bounded_rows(workbook["Data"], 5, 5))
    assert str(caught.value) == "sheet 'Data': cell F1 has a value; at most 5 columns (E) are read"


def test_formatting_without_values_beyond_the_bounds_is_not_data() -> None:
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="Z1" s="0"/></row><row r="3"><c r="B3"><v>3</v></c></row>'
        '<row r="4"><c r="A4" s="0"/></row><row r="50"><c r="A50" s="0"/></row>'
    )
    with _sheet(cells) as workbook:
        assert list(bounded_rows(workbook["Data"], 5, 2)) == [(1, None), (None, None), (None, 3)]


def test_bounded_rows_needs_a_read_only_sheet() -> None:
    with pytest.raises(TypeError, match="read-only workbook"):
        list(bounded_rows(openpyxl.Workbook().active, 5, 5))
