"""``esg-workbench score FILE --lang da`` writes every number in Danish (1.250.000, 77,8, 4,0 %) and
``--lang en`` in English, tipping points included; numbers inside the assessment's own text (names in the
recommendation) are the user's and left as typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from number_text import bad_spans, typed_here

from esg_workbench.cli import cli
from esg_workbench.messages import translate

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
    # the section that wrote 12.3% in Danish output, headed in the output's language
    assert {"da": "Vendepunkter:", "en": "Tipping points:"}[lang] in result.output


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_score_labels_its_output_in_the_chosen_language(sample: Path) -> None:
    """The headings, column titles and yes/no of ``score --lang da`` are Danish (they were English)."""
    result = CliRunner().invoke(cli, ["score", str(sample), "--samples", "300", "--seed", "1", "--lang", "da"])
    assert result.exit_code == 0, result.output
    english = [translate(f"cli.score.{k}", "en", top="") for k in ("tipping.criterion", "tipping.up", "col.months")]
    english += ["Tipping points", "Rank acceptability", "samples", "eligible"]
    assert [word for word in english if re.search(rf"\b{re.escape(word)}\b", result.output)] == []
    head = next(line for line in result.output.splitlines() if line.lstrip().startswith("plads"))
    assert head.split() == ["plads", "løsning", "total", "valgbar", "P(nr.", "1)", "TCO", "NPV", *head.split()[8:]]
    assert "Rangaccept: 300 simuleringer" in result.output
