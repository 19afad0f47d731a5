"""A result the caller gives (the app passes the one it shows) exports the very workbook the export makes
when it scores the assessment itself: the recommendation is rebuilt with the workbook's framework, and
step 1's findings the result already holds (coverage, readiness, chain flags) are the ones the export
would compute. Byte for byte, apart from the export's own time stamp."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest

from esg_workbench.scoring import score
from esg_workbench.workbook import export_workbook_bytes

SAMPLES = 200
_STAMP = re.compile(rb"<t>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00</t>")  # when the workbook was exported


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}
    parts["xl/sharedStrings.xml"] = _STAMP.sub(b"<t>stamp</t>", parts["xl/sharedStrings.xml"])
    return parts


@pytest.mark.parametrize("name", ["municipality", "manufacturer"])
def test_a_given_result_exports_the_workbook_the_export_would_make(sample: Callable, framework, name: str) -> None:
    assessment = sample(name)
    result = score(assessment, framework=framework, samples=SAMPLES)
    given = _parts(export_workbook_bytes(assessment, "da", result=result))
    own = _parts(export_workbook_bytes(assessment, "da", samples=SAMPLES))
    assert given.keys() == own.keys()
    assert [part for part in own if given[part] != own[part]] == []


@pytest.mark.parametrize("name", ["municipality", "manufacturer"])
def test_the_fast_sheet_writer_writes_what_xlsxwriter_writes(
    sample: Callable, framework, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook writes its sheet data with its own loop (``ExactWorksheet._write_rows``, spans and
    formulas; for speed at datapoint scale). It must write exactly what xlsxwriter's own code writes for
    the same cells, so an xlsxwriter release that changes its sheet XML fails here, not in a user's Excel."""
    from xlsxwriter.worksheet import Worksheet

    from esg_workbench.workbook.book import ExactWorksheet

    assessment = sample(name)
    result = score(assessment, framework=framework, samples=SAMPLES)
    fast = _parts(export_workbook_bytes(assessment, "en", result=result))
    for method in ("_write_rows", "_calculate_spans", "_write_formula"):
        monkeypatch.setattr(ExactWorksheet, method, getattr(Worksheet, method))
    stock = _parts(export_workbook_bytes(assessment, "en", result=result))
    assert fast.keys() == stock.keys()
    assert [part for part in stock if fast[part] != stock[part]] == []
