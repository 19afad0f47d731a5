"""One coverage model, every surface: the app's coverage view, the CLI's ``score`` and the exported
workbook (cover and gap list) state the same counts of material disclosure requirements, not-assessed
ones included, and leave coverage recorded in a non-material standard out of the counts."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from app_helpers import SAMPLES, assert_clean, run_app
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment, save_assessment
from esg_workbench.cli import cli
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain.assessment import Coverage
from esg_workbench.frameworks import load_framework
from esg_workbench.store import Store
from esg_workbench.workbook import export_workbook

VIEW = "view.as_is"


@pytest.fixture(scope="module")
def fw():
    return load_framework()


def _with_outside_coverage():
    """The municipality sample (its water source already linked to E3-4, not assessed) plus an assessed
    coverage item in E3, which its DMA found not material."""
    a = load_assessment(SAMPLES / "municipality.json")
    extra = Coverage(id="cov-e3-extra", disclosure_requirement="E3-1", data_source_ids=["ds-vand"], status="gap")
    return a.model_copy(update={"coverage": [*a.coverage, extra]})


def _cover_lines(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def _gap_list(path: Path, lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(DR, status) rows of the coverage sheet's gap list, and the DRs listed outside the material standards."""
    wb = openpyxl.load_workbook(path)
    ws = wb["ESRS coverage" if lang == "en" else "ESRS-dækning"]
    rows = list(ws.iter_rows(values_only=True))
    head = "Gap list (as exported)" if lang == "en" else "Mangelliste (ved eksport)"
    outside_head = "Coverage recorded outside" if lang == "en" else "Dækning registreret uden for"
    start = next(i for i, r in enumerate(rows) if r[0] == head) + 3
    gaps, outside, in_outside = [], [], False
    for r in rows[start:]:
        if isinstance(r[0], str) and r[0].startswith(outside_head):
            in_outside = True
            continue
        if in_outside:
            if r[0] and r[2]:
                outside.append(r[0])
        elif r[0]:
            gaps.append((r[0], r[2]))
    return gaps, outside[1:]  # the first row after the heading is the column heads


def test_app_cli_and_workbook_state_the_same_coverage(app_db: Path, tmp_path: Path, fw) -> None:
    a = _with_outside_coverage()
    summary = coverage_summary(a, fw)
    assert summary.not_assessed > 0 and {o.item_id for o in summary.outside} == {"cov-e3-extra", "cov-e3-4"}
    assert not {"E3-1", "E3-4"} & {d.code for d in summary.drs}
    assert summary.material_drs == sum(summary.counts.values()) == summary.assessed + summary.not_assessed
    path = tmp_path / "a.json"
    save_assessment(a, path)

    # CLI: the JSON carries the model, the text states its sentence.
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["score", str(path), "--json", "--samples", "0"]).output)
    cov = data["recommendation"]["coverage"]
    assert (cov["material_drs"], cov["not_assessed"], cov["counts"]) == (
        summary.material_drs,
        summary.not_assessed,
        summary.counts,
    )
    assert {o["item_id"] for o in cov["outside"]} == {"cov-e3-extra", "cov-e3-4"}
    assert {g["disclosure_requirement"] for g in data["recommendation"]["coverage_gaps"]} == {
        d.code for d in summary.gaps if d.status in ("gap", "partial")
    }
    for lang in ("en", "da"):
        text = runner.invoke(cli, ["score", str(path), "--samples", "0", "--lang", lang]).output
        assert summary.sentence(lang) in text

    # Workbook: the cover states the sentence, the gap list holds exactly the model's gaps.
    for lang in ("en", "da"):
        xlsx = tmp_path / f"a-{lang}.xlsx"
        export_workbook(a, xlsx, lang=lang, samples=0)
        assert summary.sentence(lang) in _cover_lines(xlsx)
        gaps, outside = _gap_list(xlsx, lang)
        assert [code for code, _ in gaps] == [d.code for d in summary.gaps]
        assert sorted(outside) == ["E3-1", "E3-4"]

    # App: the coverage view states the same sentence.
    with Store(str(app_db)) as store:
        store.create(a, author="test")
    for lang in ("en", "da"):
        at = run_app(assessment_id=a.id, lang=lang, page="as_is", state={VIEW: "coverage"})
        assert_clean(at)
        shown = [m.value.replace("\\", "") for m in at.markdown]
        assert summary.sentence(lang) in shown


def test_the_municipality_sample_states_its_unassessed_requirements_everywhere(tmp_path: Path, fw) -> None:
    """Once the app said 62 of 84 not assessed while the cover and the recommendation said only 3 gaps and
    6 partial. The sample now assesses all but 4 (E1-9, E4-1, E4-6, E5-6, left open with a note), and every
    surface says those 4 with the same counts: 17 partial, 8 gaps."""
    a = load_assessment(SAMPLES / "municipality.json")
    summary = coverage_summary(a, fw)
    assert (summary.not_assessed, summary.material_drs, summary.counts["partial"], summary.counts["gap"]) == (
        4,
        84,
        17,
        8,
    )
    assert [d.code for d in summary.drs if d.status == "not_assessed"] == ["E1-9", "E4-1", "E4-6", "E5-6"]
    en = "4 of 84 material disclosure requirements of ESRS 2023 not yet assessed"
    da = "4 af 84 væsentlige oplysningskrav i ESRS 2023 er endnu ikke vurderet"
    assert summary.sentence("en").startswith(en) and summary.sentence("da").startswith(da)
    runner = CliRunner()
    for lang, head in (("en", en), ("da", da)):
        out = runner.invoke(cli, ["score", str(SAMPLES / "municipality.json"), "--samples", "0", "--lang", lang])
        assert head in out.output
        xlsx = tmp_path / f"m-{lang}.xlsx"
        export_workbook(a, xlsx, lang=lang, samples=0)
        assert any(line.startswith(head) for line in _cover_lines(xlsx))
