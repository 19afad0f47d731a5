"""Fuzzing the interchange imports: whatever file a user gives (bytes, CSV rows of hostile text, mangled
ArchiMate or ReqIF), an import returns a plan, either with a valid assessment or with problems that each
name the file; it never raises, and a plan with problems carries no assessment to apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import esg_workbench as ew
from esg_workbench.interchange import (
    LANDSCAPE_FORMATS,
    ImportPlan,
    export_requirements,
    plan_landscape_import,
    plan_requirements_import,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"
ARCHISURANCE = (FIXTURES / "archisurance.xml").read_bytes()
_LONG = not settings.default.derandomize
FUZZ = settings(max_examples=settings.default.max_examples if _LONG else 60, suppress_health_check=list(HealthCheck))
ASSESSMENT = ew.load_assessment("sample_data/manufacturer.json")
FRAMEWORK = ew.load_framework("esg-architecture")
REQIF = export_requirements(ASSESSMENT, "reqif")

hostile = st.sampled_from(
    ["", " ", "=1+1", '"', '""', ";", "\t", "\x00", "\r", "a" * 600, "Must", "won't", "☃", "é", "\ufeff", "&lt;"]
)
cells = st.text(max_size=20) | hostile


def _check(plan: ImportPlan, name: str) -> None:
    assert isinstance(plan, ImportPlan)
    if plan.problems:
        assert plan.assessment is None and not plan.ok
        assert all(p.path.startswith(name) or p.path == "" for p in plan.problems), plan.problems
        assert all(p.text("da") for p in plan.problems)
    else:
        assert plan.assessment is not None
        assert ew.validate_assessment(plan.assessment, FRAMEWORK) == []


@FUZZ
@given(data=st.binary(max_size=400), fmt=st.sampled_from(LANDSCAPE_FORMATS))
def test_any_bytes_as_a_landscape(data: bytes, fmt: str) -> None:
    _check(plan_landscape_import(ASSESSMENT, data, format=fmt, name="f.bin", framework=FRAMEWORK), "f.bin")


@FUZZ
@given(
    rows=st.lists(st.lists(cells, min_size=1, max_size=6), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_csv_rows_of_hostile_text(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    header = delimiter.join(["id", "text", "priority", "category", "criteria", "type", "name"])
    text = "\n".join([header, *(delimiter.join(r) for r in rows)])
    data = text.encode(encoding, errors="replace")
    _check(plan_requirements_import(ASSESSMENT, data, name="r.csv", framework=FRAMEWORK), "r.csv")
    _check(plan_landscape_import(ASSESSMENT, data, format="leanix", name="r.csv", framework=FRAMEWORK), "r.csv")


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(ARCHISURANCE)), junk=st.binary(max_size=12))
@example(cut=31, junk=b"-")  # encoding="U-F-8": found by the long profile (LookupError)
def test_mangled_archimate(cut: int, junk: bytes) -> None:
    data = ARCHISURANCE[:cut] + junk + ARCHISURANCE[cut + len(junk) :]
    _check(plan_landscape_import(ASSESSMENT, data, format="archimate", name="a.xml", framework=FRAMEWORK), "a.xml")


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(REQIF)), junk=st.binary(max_size=12))
def test_mangled_reqif(cut: int, junk: bytes) -> None:
    data = REQIF[:cut] + junk + REQIF[cut + len(junk) :]
    _check(plan_requirements_import(ASSESSMENT, data, name="r.reqif", framework=FRAMEWORK), "r.reqif")


@pytest.mark.parametrize("fmt", LANDSCAPE_FORMATS)
def test_an_empty_file(fmt: str) -> None:
    _check(plan_landscape_import(ASSESSMENT, b"", format=fmt, name="e.xml"), "e.xml")
