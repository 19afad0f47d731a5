"""The business case: hours removed, benefit, net present value, payback year, cost per point and
dominated options; what is not entered is said and never counted as 0."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_builders import build, option, sample, scale

from esg_workbench.domain.assessment import CostLine, DataSource, ScenarioSettings
from esg_workbench.domain.fields import MAX_AMOUNT, MAX_HOURS
from esg_workbench.scoring import score
from esg_workbench.scoring.business_case import dominated_by, payback_year

SOURCE = {"source_type": "manual_spreadsheet", "availability": "on_request", "quality": "medium", "aggregation": "sum"}
SOURCE |= {"collection_frequency": "annual"}


def _sources(*hours: float | None) -> list[DataSource]:
    return [
        DataSource(id=f"ds-{k}", name=f"Source {k}", manual_effort_hours_per_year=h, **SOURCE)
        for k, h in enumerate(hours)
    ]


def _assessment(rate: float | None = 500.0, hours: tuple[float | None, ...] = (300.0, 100.0), **options_kw):
    """Horizon 4 years at 10 %; option A automates 50 % of 400 hours from year 1 at 500 an hour (100,000 a
    year) and has a benefit line of 20,000 a year from year 2; it costs 150,000 in year 0 and 30,000 a year.
    Option B costs more and scores lower (dominated); option C has no cost lines."""
    a_kw = {
        "automation_pct": 50.0,
        "benefit_lines": [CostLine(label="licence retired", kind="yearly", amount=20_000, start_year=2)],
        "cost_lines": [
            {"label": "build", "kind": "one_off", "amount": 150_000},
            {"label": "run", "kind": "yearly", "amount": 30_000},
        ],
    } | options_kw.get("A", {})
    options = [
        option("A", name="Alpha", **a_kw),
        option(
            "B", name="Beta", automation_pct=20.0, cost_lines=[{"label": "x", "kind": "one_off", "amount": 400_000}]
        ),
        option("C", name="Gamma", **options_kw.get("C", {})),
    ]
    return build(
        [scale("q", 1)],
        options,
        {"A": [4], "B": [3], "C": [2]},
        data_sources=_sources(*hours),
        settings=ScenarioSettings(horizon_years=4, discount_rate=0.10, hourly_rate=rate),
    )


def test_hand_computed_business_case() -> None:
    """Option A by hand: hours removed 0.5 x 400 = 200 a year, worth 100,000 from year 1.
    Benefit per year: t0 0; t1 100,000; t2 120,000; t3 120,000.
    Cost per year: t0 180,000; t1..t3 30,000. Net: -180,000; 70,000; 90,000; 90,000.
    Cumulative net: -180,000; -110,000; -20,000; 70,000, so it pays back in year 3.
    Net PV = -180,000 + 70,000/1.1 + 90,000/1.21 + 90,000/1.331 = -180,000 + 63,636.36 + 74,380.17 + 67,618.33
    = 25,634.86. Benefit PV = 90,909.09 + 99,173.55 + 90,157.78 = 280,240.42.
    Total 80 points (4 of 5), TCO 180,000 + 30,000 x (1/1.1 + 1/1.21 + 1/1.331) = 254,605.56; per point 3,182.57."""
    result = score(_assessment(), samples=0)
    case = result.business_case["A"]
    assert case.hours_removed_per_year == pytest.approx(200)
    assert case.labour_per_year == pytest.approx([0, 100_000, 100_000, 100_000])
    assert case.other_per_year == pytest.approx([0, 0, 20_000, 20_000])
    assert case.net_per_year == pytest.approx([-180_000, 70_000, 90_000, 90_000])
    assert case.benefit_npv == pytest.approx(280_240.42, abs=0.01)
    assert case.net_npv == pytest.approx(25_634.86, abs=0.01)
    assert case.payback_year == 3
    assert case.cost_npv == pytest.approx(254_605.56, abs=0.01)
    assert case.cost_per_point == pytest.approx(254_605.56 / 80, abs=0.01)
    assert case.missing == []


def test_dominated_options() -> None:
    """B (60 points, 400,000) is dominated by A (80 points, about 254,606); C has no cost: not compared."""
    result = score(_assessment(), samples=0)
    assert result.business_case["B"].dominated_by == ["A"]
    assert result.business_case["A"].dominated_by == []
    assert result.business_case["C"].dominated_by == []
    assert result.recommendation.dominated == {"B": ["A"]}


def test_dominance_needs_one_strict_improvement_and_an_eligible_dominator() -> None:
    totals = {"a": 50.0, "b": 50.0, "c": 40.0}
    costs = {"a": 100.0, "b": 100.0, "c": 100.0}
    assert dominated_by(totals, costs, {"a": True, "b": True, "c": True}) == {"a": [], "b": [], "c": ["a", "b"]}
    # An option that fails a must-have cannot be chosen, so it dominates nothing.
    assert dominated_by(totals, costs, {"a": False, "b": False, "c": True}) == {"a": [], "b": [], "c": []}
    assert dominated_by({"a": 50.0, "b": 40.0}, {"a": None, "b": 100.0}, {"a": True, "b": True}) == {"b": []}


def test_payback_year() -> None:
    assert payback_year([-10, 5, 5]) == 2
    assert payback_year([0, -1]) == 0
    assert payback_year([-10, 5, 4]) is None


def test_no_hourly_rate_is_unknown_not_zero() -> None:
    result = score(_assessment(rate=None), samples=0)
    case = result.business_case["A"]
    assert case.missing == ["hourly_rate"]
    assert case.hours_removed_per_year == pytest.approx(200)
    assert case.benefit_npv is None and case.net_npv is None and case.payback_year is None
    text = result.recommendation.text("en")
    assert (
        "No hourly rate for manual work is entered, so the automation benefit of Alpha and Beta is not known." in text
    )
    assert "The benefit of Alpha is not known yet." in text


def test_no_automation_share_and_no_cost_are_said() -> None:
    result = score(_assessment(), samples=0)
    gamma = result.business_case["C"]
    assert gamma.missing == ["automation_share", "cost"]
    assert gamma.benefit_npv is None and gamma.net_npv is None and gamma.cost_per_point is None
    text = result.recommendation.text("en")
    assert "No automation share is entered for Gamma, so its benefit is not known" in text
    assert "Ingen automatiseringsandel" not in text
    assert "Der er ikke angivet en automatiseringsandel for Gamma" in result.recommendation.text("da")


def test_zero_automation_needs_no_rate_and_benefit_lines_count() -> None:
    result = score(_assessment(rate=None, C={"automation_pct": 0.0}), samples=0)
    gamma = result.business_case["C"]
    assert gamma.hours_removed_per_year == 0 and gamma.benefit_npv == 0
    assert gamma.missing == ["cost"]


def test_benefit_without_cost_is_said_and_no_net() -> None:
    result = score(_assessment(C={"automation_pct": 10.0}), samples=0)
    gamma = result.business_case["C"]
    assert gamma.benefit_npv == pytest.approx(20_000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))
    assert gamma.net_npv is None and gamma.payback_year is None and gamma.missing == ["cost"]


def test_manual_hours_missing_or_partial() -> None:
    none = score(_assessment(hours=(None, None)), samples=0)
    assert none.business_case["A"].missing == ["manual_hours"]
    assert "No data source has its manual effort entered" in none.recommendation.text("en")
    some = score(_assessment(hours=(300.0, None)), samples=0)
    assert some.business_case["A"].hours_removed_per_year == pytest.approx(150)
    assert some.sources_without_hours == ["ds-1"]
    assert "1 of 2 data sources has no manual effort entered" in some.recommendation.text("en")


def test_automation_start_year_and_topsis_points() -> None:
    late = score(_assessment(A={"automation_from_year": 3}), samples=0).business_case["A"]
    assert late.labour_per_year == pytest.approx([0, 0, 0, 100_000])
    topsis = score(_assessment(), method="topsis", samples=0)
    case = topsis.business_case["A"]
    assert case.cost_per_point == pytest.approx(case.cost_npv / (100 * topsis.totals["A"]))


def test_manufacturer_sample_business_case() -> None:
    """The sample's recommended option by hand: 75 % of 748 hours = 561 hours at 450 DKK = 252,450 DKK a
    year from year 1, plus 120,000 DKK a year assurance fee from year 1: 372,450 a year for t = 1..4 at 4 %
    (factors 0.961538 + 0.924556 + 0.888996 + 0.854804 = 3.629895): benefit PV 1,351,954 DKK."""
    result = score(sample("manufacturer"), samples=0)
    case = result.business_case["opt-esg"]
    assert case.hours_removed_per_year == pytest.approx(561)
    assert case.benefit_npv == pytest.approx(1_351_954, abs=1)
    assert case.net_npv == pytest.approx(1_351_954 - 7_148_400, abs=2)
    assert case.payback_year is None
    assert result.recommendation.business_case == case


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rate=st.none() | st.sampled_from([0.0, 1e-300, 1.0, MAX_AMOUNT]) | st.floats(0, MAX_AMOUNT),
    hours=st.lists(st.none() | st.sampled_from([0.0, MAX_HOURS]) | st.floats(0, MAX_HOURS), min_size=0, max_size=4),
    share=st.none() | st.floats(0, 100),
    amount=st.sampled_from([0.0, MAX_AMOUNT]) | st.floats(0, MAX_AMOUNT),
    start=st.integers(0, 50),
    horizon=st.integers(1, 30),
)
def test_every_business_case_number_is_finite_across_the_fields_ranges(
    rate, hours, share, amount, start, horizon
) -> None:  # noqa: ANN001
    """Across the bounds of domain.fields (rates and amounts up to 1e13, hours up to 1e7 per source, 30
    years), every figure of the business case is a finite number or None (unknown), never NaN or infinite."""
    lines = [CostLine(label="b", kind="yearly", amount=amount, start_year=start)]
    costs = [{"label": "c", "kind": "one_off", "amount": amount}]
    a = build(
        [scale("q", 1)],
        [option("A", automation_pct=share, benefit_lines=lines, cost_lines=costs, automation_from_year=start)],
        {"A": [0.000001]},
        data_sources=_sources(*hours),
        settings=ScenarioSettings(horizon_years=horizon, hourly_rate=rate),
    )
    case = score(a, samples=0).business_case["A"]
    numbers = [case.hours_removed_per_year, case.labour_a_year, case.benefit_npv, case.net_npv, case.cost_per_point]
    numbers += [*(case.benefit_per_year or []), *(case.net_per_year or []), *(case.cumulative_net or [])]
    assert all(n is None or math.isfinite(n) for n in numbers)
