"""A workbook with macros (an .xlsm renamed .xlsx, or macro parts added) is refused with a message that
says so, by every way a workbook comes in; the workbench never imports or keeps macros."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.workbook import WorkbookInvalid, export_workbook_bytes, import_workbook
from esg_workbench.xlsx_safety import UnsafeWorkbook, check_xlsx, open_xlsx

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "assessments" / "minimal.json"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.fixture(scope="module")
def exported() -> bytes:
    return export_workbook_bytes(load_assessment(MINIMAL), "en", samples=0)


def _with(data: bytes, add: dict[str, bytes], types: list[tuple[str, str]] = (), main: str = "") -> bytes:
    """``data`` with parts added and content types declared, as Excel writes an .xlsm."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                extra = "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in types)
                content = content.replace(b"</Types>", extra.encode() + b"</Types>")
                if main:
                    content = content.replace(XLSX_MAIN, main.encode())
            target.writestr(info, content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


CASES = {
    "xlsm renamed xlsx": lambda d: _with(d, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"}, main=MACRO_MAIN),
    "vba project only": lambda d: _with(d, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"}),
    "vba project under another name": lambda d: _with(
        d, {"xl/media/image9.bin": b"\xd0\xcf\x11\xe0VBA"}, types=[("xl/media/image9.bin", VBA_TYPE)]
    ),
    "macro-enabled main type only": lambda d: _with(d, {}, main=MACRO_MAIN),
    "excel 4 macro sheet": lambda d: _with(d, {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"}),
}


@pytest.mark.parametrize("case", CASES)
def test_a_workbook_with_macros_is_refused_saying_so(exported: bytes, case: str) -> None:
    data = CASES[case](exported)
    with pytest.raises(UnsafeWorkbook, match=r"^acme\.xlsx: the workbook contains macros \(.+\)"):
        check_xlsx(data, name="acme.xlsx")
    with pytest.raises(WorkbookInvalid, match="contains macros"):
        import_workbook(data, name="acme.xlsx")
    with pytest.raises(UnsafeWorkbook, match="contains macros"), open_xlsx(data, name="acme.xlsx"):  # ESRS import
        pass


def test_the_cli_import_refuses_it_and_writes_nothing(exported: bytes, tmp_path: Path) -> None:
    workbook = tmp_path / "acme.xlsx"
    workbook.write_bytes(CASES["xlsm renamed xlsx"](exported))
    result = CliRunner().invoke(cli, ["import", str(workbook), "-o", str(tmp_path / "acme.json")])
    assert result.exit_code == 1, result.output
    assert "contains macros (part 'xl/vbaProject.bin')" in result.output
    assert "save it as 'Excel Workbook (*.xlsx)'" in result.output
    assert not (tmp_path / "acme.json").exists()


def test_the_plain_export_has_no_macros(exported: bytes) -> None:
    assert check_xlsx(exported, name="acme.xlsx") == {}
