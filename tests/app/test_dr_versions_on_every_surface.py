"""A DR code means what its catalogue version says: E1-5 is "Energy consumption and mix" in ESRS 2023 and
"Actions and resources ..." in the amended ESRS of 2026. Every surface that shows a code shows it with
its version's title or names the version: the app's gap list, the CLI's score, the workbook's coverage
sheet and cover, the recommendation and the report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from app_helpers import SAMPLES, assert_clean, run_app
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment, save_assessment
from esg_workbench.cli import cli
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.assessment import Assessment, Coverage
from esg_workbench.frameworks import load_framework
from esg_workbench.report import report_html
from esg_workbench.scoring import score
from esg_workbench.store import Store
from esg_workbench.workbook import export_workbook

OLD = "E1-5 · Energy consumption and mix"
NEW = "E1-5 · Actions and resources in relation to climate change mitigation and adaptation"
NEW_DA = "E1-5 · Handlinger og ressourcer i relation til modvirkning af og tilpasning til klimaændringer"


def _with_e1_5_gap(a: Assessment) -> Assessment:
    """Only one coverage item, on E1-5, a gap: so every gap list has exactly E1-5 in it."""
    return a.model_copy(update={"coverage": [Coverage(id="cov-x", disclosure_requirement="E1-5", status="gap")]})


@pytest.fixture(params=["set1", "amended"])
def case(request: pytest.FixtureRequest) -> tuple[Assessment, str, str]:
    if request.param == "set1":
        a = load_assessment(PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "manufacturer_set1.json")
        return _with_e1_5_gap(a), OLD, "ESRS 2023"
    return _with_e1_5_gap(load_assessment(SAMPLES / "manufacturer.json")), NEW, "ESRS 2026"


def test_cli_score_shows_e1_5_with_its_versions_title(case, tmp_path: Path) -> None:
    a, label, version = case
    path = tmp_path / "a.json"
    save_assessment(a, path)
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 0, result.output
    assert f"  {label}: Gap" in result.output
    assert f"material disclosure requirements of {version} not yet assessed" in result.output


def test_workbook_coverage_sheet_and_cover_show_the_versions_title(case, tmp_path: Path) -> None:
    a, label, version = case
    out = tmp_path / "a.xlsx"
    export_workbook(a, out)
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["ESRS coverage"].iter_rows(values_only=True) if r and r[0] == "E1-5"]
    assert rows and rows[0][1] == label.split(" · ", 1)[1]
    cover = [str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v is not None]
    assert any(line.startswith(f"{version} · ") for line in cover)
    assert any(line.startswith(label) for line in cover)  # the gap list on the cover


def test_recommendation_and_report_name_the_version(case) -> None:
    a, label, version = case
    text = score(a, samples=0, framework=load_framework()).recommendation.text("en")
    assert f"Coverage of {version}: " in text and "(E1-5)" in text
    html = report_html(a, "en")
    assert ">E1-5<" in html and label.split(" · ", 1)[1] in html


def _gap_title(at) -> str:  # noqa: ANN001 - the title the gap list gives E1-5 (its second column)
    gap_list = next(d.value for d in at.dataframe if d.value.shape[1] == 6 and "E1-5" in d.value.iloc[:, 0].tolist())
    return gap_list[gap_list.iloc[:, 0] == "E1-5"].iloc[0, 1]


def test_app_gap_list_shows_e1_5_with_its_versions_title_in_both_languages(case, app_db: Path) -> None:
    a, label, version = case
    with Store(str(app_db)) as store:
        store.create(a, author="test")
    at = run_app(assessment_id=a.id, page="as_is", state={"view.as_is": "coverage"})
    assert_clean(at)
    assert _gap_title(at) == label.split(" · ", 1)[1]
    if version == "ESRS 2026":
        at = run_app(assessment_id=a.id, page="as_is", lang="da", state={"view.as_is": "coverage"})
        assert _gap_title(at) == NEW_DA.split(" · ", 1)[1]
