"""``esg-workbench report``: the decision report of a file or a stored assessment (a chosen revision),
in the format its output's name or --format says, in English or Danish; contradictions and unknown
sources are refused with what to do, exit code 2, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json"


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_a_file_becomes_an_html_report_in_the_language_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = _run("report", str(SAMPLE), "-o", str(out), "--lang", "da")
    assert done.exit_code == 0, done.output
    assert f"{out}: the decision report of nordhavn-components-2026 (html, da)" in done.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="da">' in html
    assert "<h1>Beslutningsrapport</h1>" in html


def test_a_stored_assessment_is_reported_at_the_revision_asked_for(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = load_assessment(SAMPLE)
    with Store(str(db)) as store:
        rev = store.create(first)
        store.save(first.model_copy(update={"title": "Second revision"}), base_revision=rev)
    out = tmp_path / "r1.html"
    done = _run("--db", str(db), "report", first.id, "-o", str(out), "--revision", "1")
    assert done.exit_code == 0, done.output
    assert "revision 1 (html, en)" in done.output
    html = out.read_text(encoding="utf-8")
    assert first.title in html and "Second revision" not in html
    newest = _run("--db", str(db), "report", first.id, "-o", str(tmp_path / "r2.html"))
    assert "revision 2" in newest.output and "Second revision" in (tmp_path / "r2.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/r.pdf", "--format", "html"], "the name says pdf, --format says html"),
        (["-o", "{tmp}/r.txt"], "give --format pdf or html"),
        (["-o", "{tmp}/r.html", "--revision", "2"], "is a file; --revision is for an assessment in the store"),
    ],
    ids=["format-contradicts-name", "no-format", "revision-of-a-file"],
)
def test_contradictions_are_refused_and_nothing_is_written(tmp_path: Path, args: list[str], message: str) -> None:
    done = _run("report", str(SAMPLE), *(a.format(tmp=tmp_path) for a in args))
    assert done.exit_code == 2 and message in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_source_says_it_is_neither_a_file_nor_stored(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(str(db)):
        pass
    done = _run("--db", str(db), "report", "acme", "-o", str(tmp_path / "r.html"))
    assert done.exit_code == 2
    assert "acme: no such file, and no assessment 'acme' in the store" in done.stderr
    missing = _run("report", str(tmp_path / "typo.json"), "-o", str(tmp_path / "r.html"))
    assert missing.exit_code == 2 and "typo.json: not an assessment file (no such file)" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
