"""The result object owns its presentation: JSON-ready dict, data frames, and a round trip."""

from __future__ import annotations

import json

import pytest
from scoring_builders import sample

from esg_workbench.domain.results import ScoreResult
from esg_workbench.scoring import score


@pytest.fixture(scope="module")
def result() -> ScoreResult:
    return score(sample("manufacturer"), "topsis", samples=500, seed=2)


def test_to_dict_is_json_and_round_trips(result: ScoreResult) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    for key in ("totals", "ranking", "eligible", "sensitivity", "recommendation", "explanations", "costs"):
        assert key in data
    assert ScoreResult.model_validate(data) == result


def test_to_frame_follows_the_ranking(result: ScoreResult) -> None:
    frame = result.to_frame()
    assert list(frame.index) == result.ranking
    assert list(frame["rank"]) == list(range(1, len(result.ranking) + 1))
    assert frame.loc["opt-bi", "failed_must_haves"] == "REQ-12, REQ-14"
    assert frame["total"].to_dict() == result.totals
    assert frame.loc["opt-esg", "tco_npv"] == pytest.approx(7_148_400, abs=1)
    assert frame["p_rank_1"].sum() == pytest.approx(1.0)


def test_contributions_frame_sums_to_weighted_sum_totals() -> None:
    ws = score(sample("municipality"), samples=0)
    frame = ws.contributions_frame()
    assert list(frame.columns) == ws.ranking
    assert frame.sum().to_dict() == pytest.approx(ws.totals)
    assert ws.recommended == ws.recommendation.option_id == "opt-hybrid"


def test_result_is_immutable(result: ScoreResult) -> None:
    with pytest.raises(ValueError):
        result.totals = {}  # type: ignore[misc]
