"""One readiness model, every surface: the CLI's ``score`` (text and JSON), the workbook's Readiness
sheet and summary, the recommendation, the report and the app's coverage view and to-be page state
the same readiness per standard and the same automation share against the target."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from app_helpers import SAMPLES, Seeded, assert_clean, run_app
from click.testing import CliRunner

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.formats import format_count, format_number
from esg_workbench.frameworks import framework_for_assessment
from esg_workbench.readiness import readiness_summary
from esg_workbench.report.document import build_html, report_context
from esg_workbench.scoring import score
from esg_workbench.workbook import export_workbook


def _summary(name: str):
    a = load_assessment(SAMPLES / f"{name}.json")
    return a, readiness_summary(a, framework_for_assessment(a))


@pytest.mark.parametrize("name", ["municipality", "manufacturer"])
def test_cli_recommendation_workbook_and_report_state_the_same_readiness(name: str, tmp_path: Path) -> None:
    a, summary = _summary(name)
    path = SAMPLES / f"{name}.json"
    runner = CliRunner()

    # CLI JSON: the result carries the model as computed by the core.
    data = json.loads(runner.invoke(cli, ["score", str(path), "--json", "--samples", "0"]).output)
    assert data["recommendation"]["readiness"] == json.loads(summary.model_dump_json())

    result = score(a, framework=framework_for_assessment(a), samples=0)
    assert result.recommendation.readiness == summary
    for lang in ("en", "da"):
        # CLI text: the sentence, one row per standard with its counts, the automation sentence.
        text = runner.invoke(cli, ["score", str(path), "--samples", "0", "--lang", lang]).output
        assert summary.sentence(lang) in text and summary.automation.sentence(lang) in text
        for c in summary.by_standard:
            cells = [format_count(c.counts[lv], lang) for lv in summary.levels]
            mean = "–" if c.mean_score is None else format_number(c.mean_score, lang)
            assert re.search(
                rf"^  {re.escape(c.standard)}\s+{c.material_drs}\s+" + r"\s+".join(cells) + rf"\s+{mean}$",
                text,
                re.M,
            ), (c.standard, text)
        # The recommendation says both.
        rec = result.recommendation.text(lang)
        assert summary.sentence(lang) in rec and summary.automation.sentence(lang) in rec

        # Workbook: the Readiness sheet's table is the model's, the summary sheet says both lines.
        xlsx = tmp_path / f"{name}-{lang}.xlsx"
        export_workbook(a, xlsx, lang=lang, samples=0)
        wb = openpyxl.load_workbook(xlsx)
        ws = wb["Readiness" if lang == "en" else "Parathed"]
        rows = list(ws.iter_rows(min_row=5, values_only=True))
        table = {r[0]: r for r in rows[: len(summary.by_standard)]}
        for c in summary.by_standard:
            row = table[c.standard]
            assert row[2] == c.material_drs
            assert list(row[3 : 3 + len(summary.levels)]) == [c.counts[lv] for lv in summary.levels]
            assert row[3 + len(summary.levels)] == pytest.approx(c.mean_score, abs=0.05)
        lines = [str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None]
        assert summary.sentence(lang) in lines and summary.automation.sentence(lang) in lines
        share = next(
            r for r in ws.iter_rows(values_only=True) if r[0] in ("Automation share today", "Automatiseringsgrad i dag")
        )
        assert share[2] == pytest.approx(summary.automation.share)
        cover = [str(v) for r in wb.worksheets[0].iter_rows(values_only=True) for v in r if v is not None]
        assert summary.sentence(lang) in cover and summary.automation.sentence(lang) in cover
        method = [
            str(v) for r in wb["Method" if lang == "en" else "Metode"].iter_rows(values_only=True) for v in r if v
        ]
        assert any(line.startswith(("Quality (30% of", "Kvalitet (30 % af")) for line in method)

        # Report: the coverage section's readiness table and both sentences.
        html = build_html(report_context(a, lang=lang, result=result))
        plain = re.sub(r"<[^>]+>", " ", html)
        assert summary.sentence(lang) in html and summary.automation.sentence(lang) in plain


def test_the_app_shows_readiness_under_coverage_and_the_automation_share_on_the_to_be_page(seeded: Seeded) -> None:
    a, summary = _summary("municipality")
    for lang in ("en", "da"):
        at = run_app(
            assessment_id=seeded.ids["municipality"], lang=lang, page="as_is", state={"view.as_is": "coverage"}
        )
        assert_clean(at)
        shown = [m.value.replace("\\", "") for m in at.markdown]
        assert summary.sentence(lang) in shown
        captions = [c.value.replace("\\", "") for c in at.caption]
        assert summary.automation.sentence(lang) in captions
        metrics = {m.label: m.value for m in at.metric}
        for level in summary.levels:
            assert metrics[summary.label(level, lang)] == format_count(summary.overall.counts[level], lang)
        assert metrics["Automated today" if lang == "en" else "Automatiseret i dag"] == (
            "6.0%" if lang == "en" else "6,0 %"
        )
        frames = [f.value for f in at.dataframe]
        per_standard = next(
            f for f in frames if list(f.columns)[:2] in (["Standard", "Material DRs"], ["Standard", "Væsentlige krav"])
        )
        assert list(per_standard.iloc[:, 0]) == [c.standard for c in summary.by_standard] + (
            ["All"] if lang == "en" else ["Alle"]
        )

        sources = next(f for f in frames if list(f.columns)[0] in ("Data source", "Datakilde"))
        weakest = next(s for s in a.data_sources if s.id == "ds-leverandoer-klima")
        assert (sources.iloc[0, 0], sources.iloc[0, 1]) == (weakest.name, "0")  # lowest first: not available
        assert list(sources.iloc[0, -1:]) == ["Availability" if lang == "en" else "Tilgængelighed"]  # the cap

        to_be = run_app(assessment_id=seeded.ids["municipality"], lang=lang, page="to_be")
        assert_clean(to_be)
        assert summary.automation.sentence(lang) in [c.value.replace("\\", "") for c in to_be.caption]
        gap = {m.label: m.value for m in to_be.metric}[
            "Gap (percentage points)" if lang == "en" else "Afstand (procentpoint)"
        ]
        assert gap == format_number(summary.automation.gap_points, lang, 1)
