"""The exported workbook in LibreOffice headless (when installed): it opens without repair, converts to
PDF, and recalculating it gives the engine's numbers for every formula."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from recalc import libreoffice_convert, read_values, soffice
from test_live_formulas import _check_against_engine, _read_bytes

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _libreoffice_required() -> None:
    # .ci/run installs LibreOffice, so in CI its absence is a failure, not a reason to skip.
    if soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is not installed (required in CI)", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed")


def test_libreoffice_recalculates_the_sample_to_the_engines_numbers(
    tmp_path: Path, exported: Callable, sample: Callable
) -> None:
    data = exported("municipality", "da")
    recalculated = read_values(libreoffice_convert(data, tmp_path, "xlsx"))
    stored = _read_bytes(data)
    _check_against_engine(data, {(s.upper(), c): v for (s, c), v in recalculated.items()}, sample("municipality"))
    # Every number the workbook stores with its formulas is what LibreOffice computes from them.
    for key, value in stored.items():
        if isinstance(value, float):
            assert recalculated.get(key) == pytest.approx(value, rel=1e-9, abs=1e-9), key


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_sample_converts_to_pdf(tmp_path: Path, exported: Callable, lang: str) -> None:
    pdf = libreoffice_convert(exported("manufacturer", lang), tmp_path, "pdf", recalc=False)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    assert content.count(b"/Type /Page\n") + content.count(b"/Type/Page") >= 20  # one page or more per sheet
