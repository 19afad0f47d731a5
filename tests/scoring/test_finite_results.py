"""Any assessment the model accepts gives finite numbers everywhere in its result and strict JSON:
weights, scores, anchors, amounts, months, horizons and rates drawn across their whole allowed range
(domain.fields), tiny and huge together. A property test (hypothesis) of the bounds' promise."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from esg_workbench import json_text
from esg_workbench.domain import Assessment, validate_data
from esg_workbench.domain.fields import MAX_AMOUNT, MAX_MEASURE, MAX_MONTHS, MAX_WEIGHT
from esg_workbench.scoring import score

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _edge_floats(low: float, high: float) -> st.SearchStrategy[float]:
    """Floats in [low, high], the bounds themselves, subnormals and zero more often than chance."""
    edges = [v for v in (low, high, 0.0, 5e-324, 1e-300, -5e-324, 1.0) if low <= v <= high]
    return st.one_of(st.sampled_from(edges), st.floats(low, high, allow_nan=False, allow_infinity=False))


WEIGHTS = _edge_floats(0, MAX_WEIGHT)
MEASURES = _edge_floats(-MAX_MEASURE, MAX_MEASURE)
AMOUNTS = _edge_floats(0, MAX_AMOUNT)
SCALE = _edge_floats(0, 5)


@st.composite
def extreme_assessments(draw: st.DrawFn) -> Assessment:
    criteria: list[dict[str, Any]] = []
    for j in range(draw(st.integers(1, 4))):
        item: dict[str, Any] = {"id": f"c{j}", "name": f"C{j}", "weight": draw(WEIGHTS)}
        if draw(st.booleans()):
            best, worst = draw(MEASURES), draw(MEASURES)
            assume(best != worst)
            item |= {
                "kind": "quantitative",
                "best": best,
                "worst": worst,
                "direction": "lower_is_better" if best < worst else "higher_is_better",
                "value_source": draw(st.sampled_from(["score", "tco", "time_to_first_report"])),
            }
        criteria.append(item)
    options = []
    for i in range(draw(st.integers(1, 4))):
        lines = [
            {
                "label": f"L{k}",
                "kind": draw(st.sampled_from(["one_off", "yearly"])),
                "amount": draw(AMOUNTS),
                "start_year": draw(st.integers(0, 50)),
                "years": draw(st.none() | st.integers(1, 50)),
            }
            for k in range(draw(st.integers(0, 3)))
        ]
        months = draw(st.none() | _edge_floats(0, MAX_MONTHS))
        options.append(
            {
                "id": f"o{i}",
                "name": f"O{i}",
                "archetype": "dedicated_esg",
                "cost_lines": lines,
                "time_to_first_report_months": months,
            }
        )
    scores = []
    for o in options:
        for c in criteria:
            if c.get("value_source", "score") != "score" or not draw(st.booleans()):
                continue
            values = sorted(draw(st.lists(SCALE if "kind" not in c else MEASURES, min_size=3, max_size=3)))
            ranged = draw(st.booleans())
            scores.append(
                {
                    "option_id": o["id"],
                    "criterion_id": c["id"],
                    "value": values[1],
                    "low": values[0] if ranged else None,
                    "high": values[2] if ranged else None,
                }
            )
    must = draw(st.booleans())
    data = {
        "id": "extreme",
        "title": "Extreme",
        "organisation": {"name": "Extreme A/S"},
        "criteria": criteria,
        "options": options,
        "scores": scores,
        "requirements": [{"id": "r1", "text": "Must", "priority": "must"}] if must else [],
        "must_have_checks": [
            {"option_id": o["id"], "requirement_id": "r1", "met": draw(st.booleans())} for o in options if must
        ],
        "settings": {"horizon_years": draw(st.integers(1, 30)), "discount_rate": draw(_edge_floats(0, 0.5))},
    }
    assume(not validate_data(data))  # e.g. all weights zero: refused, which is the point of validation
    try:
        return Assessment.model_validate(data)
    except ValidationError:  # pragma: no cover - validate_data reports whatever pydantic refuses
        raise AssertionError("validate_data passed data the model refuses") from None


def _numbers(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list | tuple):
        return [n for item in value for n in _numbers(item)]
    return []


@PROPERTY
@given(assessment=extreme_assessments(), method=st.sampled_from(["weighted-sum", "topsis"]))
def test_every_number_of_a_result_is_finite_and_its_json_strict(assessment: Assessment, method: str) -> None:
    result = score(assessment, method, samples=50, seed=1)
    data = result.to_dict()
    bad = [n for n in _numbers(data) if not math.isfinite(n)]
    assert not bad, bad
    assert all(0 <= t <= (100 if method == "weighted-sum" else 1) + 1e-9 for t in result.totals.values())
    for option_id, cost in result.costs.items():
        if cost.npv is None:  # no cost lines: missing, never counted as free
            assert not assessment.option(option_id).cost_lines
            continue
        assert math.isfinite(cost.npv) and 0 <= cost.npv <= cost.undiscounted * (1 + 1e-12)
        assert cost.undiscounted < 2**53  # every amount is exact to the unit
    for option_id in result.ranking:
        p = result.sensitivity.first_rank_probability(option_id)
        assert p is None or 0 <= p <= 1
        if not result.eligible[option_id] and any(result.eligible.values()):
            assert not p  # an ineligible option is never "ranked first"
    json.loads(json_text.dumps(data), parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
