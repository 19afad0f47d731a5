"""Fuzzing the importers with hypothesis: whatever a user uploads, the JSON reader and the workbook
importer either return a valid assessment or raise one of their documented errors (AssessmentInvalid,
the workbook's WorkbookInvalid, UnsafeWorkbook) with a message; never any other exception."""

from __future__ import annotations

import copy
import io
import json
import random
import struct
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from esg_workbench.assessment_files import load_assessment, parse_assessment, read_assessment_data
from esg_workbench.domain import Assessment, AssessmentInvalid
from esg_workbench.workbook import WorkbookInvalid, export_workbook_bytes, import_workbook, preview_import
from esg_workbench.xlsx_safety import UnsafeWorkbook, check_xlsx, open_xlsx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "assessments" / "minimal.json"
DOCUMENTED = (AssessmentInvalid, UnsafeWorkbook)  # WorkbookInvalid is an AssessmentInvalid
# The profile (tests/conftest.py) decides: "ci" draws the same 60 (20 for workbooks, each of which writes
# and reads a whole .xlsx) examples everywhere; "fuzz-long" draws its own, many more, new each run.
_LONG = not settings.default.derandomize
FUZZ = settings(
    max_examples=settings.default.max_examples if _LONG else 60,
    suppress_health_check=[HealthCheck.too_slow],
)
FUZZ_XLSX = settings(FUZZ, max_examples=settings.default.max_examples // 4 if _LONG else 20)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)
hostile_text = st.sampled_from(
    ["", " ", "=1+1", "-5", "1e400", "NaN", "Infinity", "2024-02-30", "\x00", "a" * 600, "[]", "{}", "null", "☃"]
)
cell_values = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**18), max_value=10**18)
    | st.floats(allow_nan=False, allow_infinity=False)
    # Characters a worksheet cannot hold at all are refused by openpyxl itself (Excel cannot save them).
    | st.text(max_size=40).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
    | hostile_text.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
    | st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1))
)


def _is_valid_or_documented(call) -> Assessment | None:  # noqa: ANN001 - a zero-argument callable
    try:
        result = call()
    except DOCUMENTED as exc:
        assert str(exc).strip(), f"{type(exc).__name__} without a message"
        problems = getattr(exc, "problems", None)
        assert problems is None or problems, "AssessmentInvalid without a problem"
        return None
    assert isinstance(result, Assessment)
    return result


# --- JSON -----------------------------------------------------------------------------------------


@FUZZ
@given(data=json_values)
@example(data={"¹": None})  # a key that str.isdigit() calls a digit but int() cannot read
@example(data={"criteria": [{"id": []}], "scores": [{"criterion_id": {}}]})  # unhashable ids
@example(data={"framework": {"id": ["esg-architecture"], "version": {}}})  # not text where the id belongs
def test_any_json_value_parses_or_is_invalid(data: Any) -> None:
    _is_valid_or_documented(lambda: parse_assessment(data, source="fuzz.json"))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _mutated(base: dict, rng: random.Random, replacement: Any, mode: str) -> Any:
    data = copy.deepcopy(base)
    path = rng.choice(_paths(data)[1:])
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if mode == "delete":
        del parent[path[-1]]
    elif mode == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
    else:
        parent[path[-1]] = replacement
    return data


@FUZZ
@given(
    seed=st.integers(0, 2**32),
    replacement=json_values | hostile_text,
    mode=st.sampled_from(["replace", "delete", "duplicate"]),
)
def test_mutated_sample_json_parses_or_is_invalid(seed: int, replacement: Any, mode: str) -> None:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data = _mutated(base, random.Random(seed), replacement, mode)
    _is_valid_or_documented(lambda: parse_assessment(data, source="fuzz.json"))


@FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_file_content_reads_or_is_invalid(raw: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "upload.json"
    path.write_bytes(raw)
    try:
        data = read_assessment_data(path)
    except AssessmentInvalid as exc:
        assert exc.problems and str(path) in str(exc)
        return
    _is_valid_or_documented(lambda: parse_assessment(data, source=str(path)))


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000])
def test_deeply_nested_json_is_invalid_not_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AssessmentInvalid, match="nested too deeply"):
        read_assessment_data(path)


# --- workbook -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported() -> bytes:
    return export_workbook_bytes(load_assessment(SAMPLE), samples=200)


@pytest.fixture(scope="module")
def opened(exported: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(exported))


@FUZZ_XLSX
@given(seed=st.integers(0, 2**32), values=st.lists(cell_values, min_size=1, max_size=4))
def test_workbook_with_changed_cells_imports_or_is_invalid(
    opened: openpyxl.Workbook, seed: int, values: list[Any]
) -> None:
    rng = random.Random(seed)
    sheets = [ws for ws in opened.worksheets if ws.sheet_state == "visible"] or opened.worksheets
    changed = []
    try:
        for value in values:
            sheet = rng.choice(sheets)
            cell = sheet.cell(rng.randint(1, sheet.max_row + 2), rng.randint(1, sheet.max_column + 1))
            changed.append((cell, cell.value, cell.number_format))
            cell.value = value
        out = io.BytesIO()
        opened.save(out)
    finally:
        # One workbook object serves every example; a datetime also sets the cell's number format.
        for cell, old, number_format in reversed(changed):
            cell.value, cell.number_format = old, number_format
    _is_valid_or_documented(lambda: import_workbook(out.getvalue(), name="fuzz.xlsx"))
    preview = preview_import(out.getvalue(), None, name="fuzz.xlsx")
    assert preview.ok or preview.problems


def test_huge_number_in_a_date_cell_is_refused_clearly(opened: openpyxl.Workbook) -> None:
    cell = opened["Roles" if "Roles" in opened.sheetnames else opened.sheetnames[1]]["B10"]
    saved = cell.value, cell.number_format
    cell.value, cell.number_format = -37_432_044_084_483, "yyyy-mm-dd"  # typed by a user, Excel shows ####
    out = io.BytesIO()
    try:
        opened.save(out)
    finally:
        cell.value, cell.number_format = saved
    try:
        _is_valid_or_documented(lambda: import_workbook(out.getvalue(), name="fuzz.xlsx"))
    except BaseException as exc:  # noqa: BLE001 - the panic is not an Exception; report it as a failure
        pytest.fail(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")


@FUZZ_XLSX
@given(seed=st.integers(0, 2**32), flips=st.integers(1, 40), cut=st.booleans())
def test_damaged_workbook_bytes_are_refused_clearly(exported: bytes, seed: int, flips: int, cut: bool) -> None:
    rng = random.Random(seed)
    damaged = bytearray(exported)
    for _ in range(flips):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    if cut:
        damaged = damaged[: rng.randrange(1, len(damaged))]
    _is_valid_or_documented(lambda: import_workbook(bytes(damaged), name="fuzz.xlsx"))


@FUZZ
@given(raw=st.binary(max_size=2_000) | st.just(b"PK\x03\x04") | st.just(bytes.fromhex("D0CF11E0A1B11AE1")))
def test_random_bytes_are_refused_as_unsafe_or_invalid(raw: bytes) -> None:
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(raw, name="fuzz.xlsx")
    assert caught.value.problems and str(caught.value.problems[0]).strip()


# --- damaged zip structures, each once found by the fuzz test above, kept as explicit cases -----------

_CENTRAL, _END = b"PK\x01\x02", b"PK\x05\x06"


def _patched(data: bytes, signature: bytes, offset: int, fmt: str, value: int, *, index: int = 0) -> bytes:
    """``data`` with one field of the ``index``-th record starting with ``signature`` set to ``value``."""
    start = -1
    for _ in range(index + 1):
        start = data.index(signature, start + 1)
    out = bytearray(data)
    struct.pack_into(fmt, out, start + offset, value)
    return bytes(out)


def _flag(data: bytes, bit: int) -> bytes:
    start = data.index(_CENTRAL)
    (flags,) = struct.unpack_from("<H", data, start + 8)
    return _patched(data, _CENTRAL, 8, "<H", flags | bit)


def _non_utf8_name(data: bytes) -> bytes:
    flagged = bytearray(_flag(data, 0x800))  # "the name is UTF-8" ...
    flagged[flagged.index(_CENTRAL) + 46] = 0xFF  # ... but its first byte cannot start a UTF-8 character
    return bytes(flagged)


DAMAGED_ZIPS = {
    # The fresh-clone failure: zipfile.ZipFile raised NotImplementedError("zip file version 25.1").
    "version needed 25.1": lambda d: _patched(d, _CENTRAL, 6, "<H", 251),
    "version needed 6.4 in the last entry": lambda d: _patched(d, _CENTRAL, 6, "<H", 64, index=d.count(_CENTRAL) - 1),
    "unknown compression method 99": lambda d: _patched(d, _CENTRAL, 10, "<H", 99),
    "compressed patched data (flag bit 5)": lambda d: _flag(d, 0x20),
    "strong encryption (flag bit 6)": lambda d: _flag(d, 0x40),
    "name flagged UTF-8 but is not": _non_utf8_name,
    "central directory beyond the end": lambda d: _patched(d, _END, 16, "<I", 0xFFFFFFF0),
    "extra field longer than the record": lambda d: _patched(d, _CENTRAL, 30, "<H", 0xFFFF),
    "local header offset beyond the end": lambda d: _patched(d, _CENTRAL, 42, "<I", 0xFFFFFFF0),
}


@pytest.mark.parametrize("damage", DAMAGED_ZIPS, ids=list(DAMAGED_ZIPS))
def test_damaged_zip_structures_are_refused_clearly(exported: bytes, damage: str) -> None:
    damaged = DAMAGED_ZIPS[damage](exported)
    assert damaged != exported
    with pytest.raises(UnsafeWorkbook, match=r"^fuzz\.xlsx: .+"):
        check_xlsx(damaged, name="fuzz.xlsx")
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(damaged, name="fuzz.xlsx")
    assert caught.value.problems and str(caught.value.problems[0]).strip()
    with pytest.raises(UnsafeWorkbook), open_xlsx(damaged, name="fuzz.xlsx"):  # the ESRS importer's way in
        pass
