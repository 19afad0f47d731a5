"""``esg-workbench score FILE --lang da`` writes every number in Danish (1.250.000, 77,8, 4,0 %) and
``--lang en`` in English, tipping points included; numbers inside the assessment's own text (names in the
recommendation) are the user's and left as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from number_text import bad_spans, typed_here

from esg_workbench.cli import cli

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.json"))


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_score_writes_numbers_in_the_chosen_language(sample: Path, lang: str) -> None:
    result = CliRunner().invoke(cli, ["score", str(sample), "--samples", "300", "--seed", "1", "--lang", lang])
    assert result.exit_code == 0, result.output
    typed = "\n".join(_strings(json.loads(sample.read_text(encoding="utf-8"))))
    wrong = [
        line
        for line in result.output.splitlines()
        for start, end in bad_spans(line, lang)
        if not typed_here(line, start, end, typed)
    ]
    assert wrong == [], "\n".join(wrong)
    assert "Tipping points" in result.output  # the section that wrote 12.3% in Danish output
