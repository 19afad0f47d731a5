"""IG 3 import: the generated fixture (always) and EFRAG's real workbook checked against the reference
CSV (when ../shared/reference is present; required in CI). EFRAG's datapoint text is only read at run
time, never stored in the repository."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import os
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from esg_workbench.esrs_import import DatapointListInvalid, Ig3Import, import_ig3_workbook, read_ig3_workbook
from esg_workbench.xlsx_safety import UnsafeWorkbook

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
IG3_WORKBOOK = REFERENCE / "EFRAG_IG3_List_of_ESRS_Data_Points.xlsx"
IG3_CSV = REFERENCE / "esrs_datapoints.csv"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_ig3", ROOT / "tests" / "fixtures" / "ig3" / "make_ig3.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_ig3 = _load_generator()


def _require(path: Path) -> None:
    if path.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{path} is missing (../shared/reference is required in CI)")
    pytest.skip(f"{path} is not on this machine")


def _rezip(data: bytes, name: str, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, edit(content) if info.filename == name else content)
    return out.getvalue()


@pytest.fixture(scope="module")
def fixture_bytes() -> bytes:
    return make_ig3.build_ig3_workbook()


@pytest.fixture(scope="module")
def imported(fixture_bytes: bytes) -> Ig3Import:
    return import_ig3_workbook(fixture_bytes, filename="fixture.xlsx")


def _point(result: Ig3Import, datapoint_id: str):
    return next(p for p in result.catalogue.datapoints if p.id == datapoint_id)


# --- the generated fixture ---------------------------------------------------------------------------


def test_catalogue_header_names_the_source(imported: Ig3Import, fixture_bytes: bytes) -> None:
    catalogue = imported.catalogue
    assert (catalogue.id, catalogue.version, catalogue.title) == ("efrag-ig3", "2024-06-05", make_ig3.TITLE)
    assert catalogue.source_filename == "fixture.xlsx"
    assert catalogue.source_sha256 == hashlib.sha256(fixture_bytes).hexdigest()
    assert timedelta(0) <= datetime.now(UTC) - catalogue.imported_at < timedelta(minutes=5)


def test_every_row_with_an_id_in_sheet_order_and_nothing_else(imported: Ig3Import) -> None:
    assert [(p.source_sheet, p.source_row, p.id) for p in imported.catalogue.datapoints] == [
        ("ESRS 2", 3, "BP-1_01"), ("ESRS 2", 4, "BP-1_02"), ("ESRS 2", 5, "SBM-1_01"),
        ("ESRS 2 MDR", 3, "MDR-P_01"), ("ESRS 2 MDR", 6, "MDR-P_07"),  # row 4 blank, row 5 a section heading
        ("ESRS E1", 3, "E1.IRO-1_01"), ("ESRS E1", 4, "E1.MDR-P_01-06"), ("ESRS E1", 5, "E1-2_01"),
        ("ESRS E1", 6, "E1.MDR-P_07-08"), ("ESRS E1", 7, "E1-6_01"), ("ESRS E1", 8, "E1-6_02"),
        ("ESRS E2", 3, "E2-1_01"), ("ESRS E3", 3, "E3-1_01"), ("ESRS E4", 3, "E4-1_01"), ("ESRS E5", 3, "E5-1_01"),
        ("ESRS S1", 3, "S1-1_01"), ("ESRS S2", 3, "S2-1_01"), ("ESRS S2", 4, "S2-1_02"), ("ESRS S3", 3, "S3-1_01"),
        ("ESRS S4", 3, "S4-1_01"), ("ESRS G1", 3, "G1-1_01"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("datapoint_id", "expected"),
    [
        # whitespace and line breaks collapsed, trailing space trimmed; "Conditional" and "V" kept
        ("BP-1_02", {"name": "Fixture scope flag", "conditional_or_alternative": "Conditional", "may_voluntary": True}),
        # ESRS 2 sheet: column K is "DPs to be disclosed in case of phased-in", not a phase-in itself
        ("BP-1_02", {"phase_in": ""}),
        # DR padding trimmed, numeric paragraph as text, NBSP removed, column L = all undertakings
        ("SBM-1_01", {"disclosure_requirement": "SBM-1", "paragraph": "40", "name": "Fixture sector breakdown",
                      "related_ar": "AR 12", "appendix_b": "SFDR", "phase_in": "all undertakings: 3 years"}),
        # NBSP-only "May [V]" and Appendix B cells are blank
        ("MDR-P_01", {"may_voluntary": False, "appendix_b": "", "name": "Fixture policy contents", "esrs": "ESRS 2"}),
        # helper code "mdrp" blanked; the MDR reference row keeps its topical DR
        ("E1.MDR-P_01-06", {"related_ar": "", "disclosure_requirement": "E1-2", "paragraph": "24", "esrs": "E1"}),
        # a paragraph stored as 25.0 is "25"
        ("E1-2_01", {"paragraph": "25"}),
        # "not adopted" row: ESRS 2 in the source, no DR, helper code in Related AR
        ("E1.MDR-P_07-08", {"esrs": "E1", "disclosure_requirement": "E1-2", "related_ar": "", "data_type": ""}),
        # both phase-in columns combined; NBSP between words becomes one space
        ("E1-6_01", {"name": "Fixture gross Scope 1 emissions", "disclosure_requirement": "E1-6",
                     "phase_in": "<750 employees: 1 year; all undertakings: 1 year", "appendix_b": "SFDR + PILLAR 3"}),
        # lower-case "v" still means voluntary; data type as written
        ("E1-6_02", {"may_voluntary": True, "data_type": "Table 3/Decimal",
                     "conditional_or_alternative": "Alternative"}),
        ("E4-1_01", {"phase_in": "<750 employees: 2 years", "esrs": "E4"}),
        # the S2-1_11 kind of source error: ESRS "S1" on the S2 sheet
        ("S2-1_02", {"esrs": "S2", "disclosure_requirement": "S2-1", "paragraph": "AR 16"}),
    ],
)  # fmt: skip
def test_cells_are_cleaned_as_sources_md_describes(imported: Ig3Import, datapoint_id: str, expected: dict) -> None:
    point = _point(imported, datapoint_id)
    assert {field: getattr(point, field) for field in expected} == expected


def test_adjustments_are_recorded_with_their_cell(imported: Ig3Import) -> None:
    assert [(n.kind, str(n)) for n in imported.notes] == [
        (
            "filled",
            "E1.MDR-P_07-08 (sheet 'ESRS E1' row 6 column C (DR)): DR blank in source; set to E1-2, "
            "the DR of the sibling MDR-P row",
        ),
        (
            "corrected",
            "S2-1_02 (sheet 'ESRS S2' row 4 column B (ESRS)): source says ESRS 'S1'; set to S2, the standard "
            "of the sheet",
        ),
    ]


def test_a_later_list_with_moved_columns_and_more_instructions_loads_the_same(imported: Ig3Import) -> None:
    later = import_ig3_workbook(make_ig3.build_ig3_workbook("reordered"), filename="fixture.xlsx")
    shifted = [p.model_copy(update={"source_row": p.source_row + 1}) for p in imported.catalogue.datapoints]
    assert later.catalogue.datapoints == shifted


def test_path_input_uses_the_file_name(tmp_path: Path, fixture_bytes: bytes) -> None:
    path = tmp_path / "EFRAG IG 3 (copy).xlsx"
    path.write_bytes(fixture_bytes)
    catalogue = read_ig3_workbook(path, catalogue_id="mine", version="v1")
    assert (catalogue.id, catalogue.version, catalogue.source_filename) == ("mine", "v1", "EFRAG IG 3 (copy).xlsx")
    assert catalogue.source_sha256 == hashlib.sha256(fixture_bytes).hexdigest()


def test_version_falls_back_to_the_file_hash_without_saved_dates(fixture_bytes: bytes) -> None:
    def undated(xml: bytes) -> bytes:
        return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", xml)

    data = _rezip(fixture_bytes, "docProps/core.xml", undated)
    catalogue = read_ig3_workbook(data)
    assert catalogue.version == "sha-" + hashlib.sha256(data).hexdigest()[:12]
    assert catalogue.source_filename == "workbook.xlsx"


@pytest.mark.parametrize(
    ("variant", "problems"),
    [
        ("missing_sheet", ["no sheet 'ESRS E3'"]),
        ("missing_name_column", ["sheet 'ESRS E1': no column 'Name' in header row 2"]),
        ("duplicate_id", ["sheet 'ESRS S3' row 3: duplicate ID 'E1-2_01' (also in sheet 'ESRS E1' row 5)"]),
        ("id_without_dr", ["sheet 'ESRS E2' row 3 column C (DR): ID 'E2-1_01' has no DR"]),
        ("bad_may", ["sheet 'ESRS E1' row 5 column I (May [V]): 'x' is neither 'V' nor blank"]),
        ("no_header", ["sheet 'ESRS G1': no header row (a row with 'ID', 'DR', 'Name' ... columns) in rows 1-10"]),
        (
            "not_ig3",
            [
                "not an IG 3 list of ESRS datapoints: no sheet per standard such as 'ESRS 2' or 'ESRS E1' "
                "(sheets: 'Index', 'Sheet1')"
            ],
        ),
    ],
)
def test_invalid_lists_name_sheet_row_and_column(variant: str, problems: list[str]) -> None:
    with pytest.raises(DatapointListInvalid) as caught:
        import_ig3_workbook(make_ig3.build_ig3_workbook(variant), filename=f"{variant}.xlsx")
    assert [str(p) for p in caught.value.problems] == problems
    assert caught.value.source == f"{variant}.xlsx"
    assert str(caught.value).startswith(f"{variant}.xlsx: not a valid datapoint list, {len(problems)} problem(s)")


def test_every_workbook_goes_through_the_safety_checks(fixture_bytes: bytes) -> None:
    with pytest.raises(UnsafeWorkbook, match=r"^ig3\.xlsx: not an Excel \.xlsx workbook"):
        read_ig3_workbook(b"ID,Name\n", filename="ig3.xlsx")
    with pytest.raises(UnsafeWorkbook, match=r"the file is 0\.0 MB; the limit is 0\.0 MB"):
        import_ig3_workbook(fixture_bytes, max_bytes=1000)

    def with_doctype(xml: bytes) -> bytes:
        return xml.replace(b"<worksheet", b"<!DOCTYPE x []><worksheet", 1)

    entity = _rezip(fixture_bytes, "xl/worksheets/sheet2.xml", with_doctype)
    with pytest.raises(UnsafeWorkbook, match="declares a DOCTYPE or ENTITY"):
        read_ig3_workbook(entity)


def test_sheets_are_read_within_bounds() -> None:
    with pytest.raises(UnsafeWorkbook) as caught:
        read_ig3_workbook(make_ig3.build_ig3_workbook("stray_far_right"))
    assert str(caught.value) == "sheet 'ESRS E2': cell BH3 has a value; at most 40 columns (AN) are read"


def test_catalogue_id_and_version_are_checked_before_reading() -> None:
    with pytest.raises(ValueError, match=r"^catalogue id 'my list': use 1-64 letters, digits"):
        read_ig3_workbook(b"not read", catalogue_id="my list")
    with pytest.raises(ValueError, match=r"^catalogue version ''"):
        read_ig3_workbook(b"not read", version="")


# --- EFRAG's real workbook against the reference CSV --------------------------------------------------


@pytest.fixture(scope="module")
def real_import() -> Ig3Import:
    _require(IG3_WORKBOOK)
    return import_ig3_workbook(IG3_WORKBOOK)


@pytest.fixture(scope="module")
def reference_rows() -> dict[str, dict[str, str]]:
    _require(IG3_CSV)
    with IG3_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["datapoint_id"]: row for row in csv.DictReader(handle)}


def test_real_workbook_matches_the_reference_csv(real_import: Ig3Import, reference_rows: dict) -> None:
    """reference/esrs_datapoints.csv was converted from the same file (SOURCES.md section 1)."""
    points = real_import.catalogue.datapoints
    assert len(points) == len(reference_rows) == 1184
    assert [p.id for p in points] == list(reference_rows)  # same ids, same order
    fields = {
        "esrs": "esrs", "disclosure_requirement": "disclosure_requirement", "name": "name", "paragraph": "paragraph",
        "related_ar": "related_ar", "data_type": "data_type",
        "conditional_or_alternative": "conditional_or_alternative",
        "appendix_b": "appendix_b", "phase_in": "phase_in", "source_sheet": "source_sheet",
    }  # fmt: skip
    for point in points:
        row = reference_rows[point.id]
        assert {f: getattr(point, f) for f in fields} == {f: row[c] for f, c in fields.items()}, point.id
        assert (point.may_voluntary, point.source_row) == (row["may_voluntary"] == "true", int(row["source_row"]))


def test_real_workbook_identity_and_the_s2_1_11_correction(real_import: Ig3Import) -> None:
    catalogue = real_import.catalogue
    assert catalogue.source_sha256 == "90f15872c489786d86c445d8dc02e00783eb16ecd998d6e1f5a43ad48edd8be9"
    assert catalogue.version == "2024-06-05"  # the workbook's last-saved date
    corrected = [n for n in real_import.notes if n.kind == "corrected"]
    assert [(n.datapoint_id, n.sheet, n.row, n.message) for n in corrected] == [
        ("S2-1_11", "ESRS S2", 23, "source says ESRS 'S1'; set to S2, the standard of the sheet")
    ]
    filled = [n for n in real_import.notes if n.kind == "filled"]
    assert len(filled) == 28 and all(".MDR-" in n.datapoint_id for n in filled)


# --- the licence rule: EFRAG's datapoint list is never shipped -------------------------------------

_TEXT_SUFFIXES = {".py", ".md", ".txt", ".json", ".yaml", ".yml", ".csv", ".toml", ".cfg", ".ini", ".html"}
_SKIP_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts"}


def _repo_text_files() -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
        files += [Path(folder, name) for name in names if Path(name).suffix in _TEXT_SUFFIXES]
    return files


def test_no_efrag_datapoint_name_is_committed(reference_rows: dict) -> None:
    """Long names only: short ones can coincide with DR titles, which may be shipped."""
    names = {row["name"] for row in reference_rows.values() if len(row["name"]) >= 60}
    found = [
        (path.relative_to(ROOT), name)
        for path in _repo_text_files()
        for text in [" ".join(path.read_text(encoding="utf-8", errors="replace").split())]
        for name in names
        if name in text
    ]
    assert found == []
