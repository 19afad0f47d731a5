"""Golden files: the recommendation text of both samples in English and Danish, as the app, the CLI and
the workbook cover show it (the engine's default samples and seed, the samples' framework).

The files in sample_data/expected/recommendation/ were read by a person as a steering committee would
read them. After a deliberate change to the wording, rewrite them with
``ESG_WORKBENCH_UPDATE_GOLDEN=1 pytest tests/test_recommendation_golden.py`` and read the diff."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

import esg_workbench as ew
from esg_workbench.domain.results import ScoreResult

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "sample_data" / "expected" / "recommendation"


@cache
def _result(name: str) -> ScoreResult:
    assessment = ew.load_assessment(ROOT / "sample_data" / f"{name}.json")
    return ew.score(assessment, framework=ew.load_framework(assessment.framework.id))


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("name", ["manufacturer", "municipality"])
def test_the_recommendation_reads_as_written(name: str, lang: str) -> None:
    text = _result(name).recommendation.text(lang) + "\n"
    path = GOLDEN / f"{name}.{lang}.txt"
    if os.environ.get("ESG_WORKBENCH_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["manufacturer", "municipality"])
def test_no_ids_or_technical_details_in_the_text(name: str) -> None:
    result = _result(name)
    assessment = ew.load_assessment(ROOT / "sample_data" / f"{name}.json")
    for lang in ("en", "da"):
        text = result.recommendation.text(lang)
        ids = [r.id for r in assessment.requirements] + [o.id for o in assessment.options]
        assert not [i for i in ids if i in text], lang
        assert "seed" not in text
