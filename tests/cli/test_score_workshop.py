"""``score`` on a workshop: the group weighting and consensus in the text output, the stakeholders'
problems with their paths (exit 1, nothing changed), and the user's Monte Carlo weight spread."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esg_workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MANUFACTURER = ROOT / "sample_data" / "manufacturer.json"
FAVOURITE = "integration_fit"  # the CFO: SAP integrates with the ERP, so that is what counts


def workshop(tmp_path: Path, *, use_group: bool = True, cfo_ratio: float = 2, **weighting) -> Path:
    """The manufacturer sample with a CFO who puts integration fit first, a CIO who compares in pairs and a
    sustainability lead who ranks the criteria."""
    data = json.loads(MANUFACTURER.read_text(encoding="utf-8"))
    criteria = [c["id"] for c in data["criteria"]]
    data["stakeholders"] = [
        {"id": "sh-cfo", "name": "CFO", "role": "Finance", "voting_weight": 2, "method": "ahp"},
        {"id": "sh-cio", "name": "CIO", "role": "IT", "method": "ahp"},
        {"id": "sh-esg", "name": "Sustainability lead", "role": "ESG", "method": "rank"},
    ]
    data["stakeholder_weights"] = [
        {"stakeholder_id": "sh-esg", "criterion_id": c, "rank": i + 1} for i, c in enumerate(criteria)
    ]
    judgements = []
    for a, b in itertools.combinations(criteria, 2):
        judgements.append({"stakeholder_id": "sh-cio", "a": a, "b": b, "ratio": 1})
        cfo = 9 if a == FAVOURITE else 1 / 9 if b == FAVOURITE else 1
        judgements.append({"stakeholder_id": "sh-cfo", "a": a, "b": b, "ratio": cfo if cfo != 1 else cfo_ratio})
    data["stakeholder_judgements"] = judgements
    data["weighting"] = {**data["weighting"], "use_group": use_group, **weighting}
    path = tmp_path / "workshop.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, ["score", *map(str, args)], catch_exceptions=False)


def test_score_shows_the_group_weighting_consensus_and_each_stakeholder(tmp_path: Path) -> None:
    result = run(workshop(tmp_path, cfo_ratio=1), "--samples", "0")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Group weighting: 3 stakeholders, priorities aggregated (weighted geometric mean)" in out
    assert "scored with the group's weights" in out
    assert "Consensus " in out and "Goepel's AHP consensus indicator" in out
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.split()[:2] == ["stakeholder", "role"])
    assert lines[head + 1].split()[:4] == ["CFO", "Finance", "50%", "AHP"]
    # the CFO's integration-heavy weights put SAP first, unlike the group's
    assert "CFO's own weights would put" in out
    data = json.loads(run(workshop(tmp_path, cfo_ratio=1), "--samples", "0", "--json").output)
    group = data["group"]
    assert group["used"] and data["weights"] == pytest.approx(group["weights"], abs=1e-12)
    assert group["dissenters"] == ["sh-cfo"]
    cfo = next(p for p in group["stakeholders"] if p["stakeholder_id"] == "sh-cfo")
    assert cfo["weights"][FAVOURITE] > 0.3 and cfo["top"] == "opt-sap" != group["top"]
    assert "CFO" in data["recommendation"]["texts"]["en"] and "CFO" in data["recommendation"]["texts"]["da"]


def test_group_weights_not_chosen_are_shown_beside_the_scored_ones(tmp_path: Path) -> None:
    result = run(workshop(tmp_path, use_group=False), "--samples", "0", "--lang", "da")
    assert result.exit_code == 0, result.output
    assert "vist ved siden af kriteriernes egne vægte" in result.output


def test_an_inconsistent_stakeholder_stops_scoring_with_the_path_and_ratio(tmp_path: Path) -> None:
    path = workshop(tmp_path, cfo_ratio=9)  # "9 times as important" between every other pair: intransitive
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["score", str(path), "--samples", "0"])
    assert result.exit_code == 1
    assert "stakeholders[0]" in result.output and "'CFO'" in result.output
    assert "consistency ratio" in result.output
    assert path.read_bytes() == before


def test_spread_option_and_the_assessments_own_spread(tmp_path: Path) -> None:
    path = workshop(tmp_path, use_group=False, weight_spread=0.35)
    own = json.loads(run(path, "--samples", "200", "--json").output)
    assert own["sensitivity"]["weight_spread"] == 0.35
    given = json.loads(run(path, "--samples", "200", "--json", "--spread", "0.05").output)
    assert given["sensitivity"]["weight_spread"] == 0.05
    text = run(path, "--samples", "200", "--spread", "0.05").output
    assert "weights ±5%" in text
    refused = CliRunner().invoke(cli, ["score", str(path), "--spread", "1.5"])
    assert refused.exit_code == 2 and "--spread" in refused.output
