"""Total cost of ownership: per-year schedule, undiscounted total and net present value."""

from __future__ import annotations

import pandas as pd
import pytest
from scoring_builders import expected, option, sample

from esg_workbench.domain.assessment import CostLine, ScenarioSettings
from esg_workbench.scoring.cost import discount_factors, line_schedule, tco


def test_hand_computed_npv() -> None:
    """Horizon 4 years at 10 %: factors 1, 1/1.1, 1/1.21, 1/1.331.
    one-off 100 in year 0; one-off 50 in year 2; yearly 20 from year 1 for 2 years; yearly 10 from year 0 to the
    horizon; one-off 999 in year 4 (beyond the horizon, ignored).
    Years: t0 = 100 + 10 = 110; t1 = 20 + 10 = 30; t2 = 50 + 20 + 10 = 80; t3 = 10. Undiscounted 230.
    NPV = 110 + 30/1.1 + 80/1.21 + 10/1.331 = 110 + 27.2727 + 66.1157 + 7.5131 = 210.9016."""
    opt = option(
        "A",
        cost_lines=[
            {"label": "licence", "kind": "one_off", "amount": 100},
            {"label": "upgrade", "kind": "one_off", "amount": 50, "start_year": 2},
            {"label": "support", "kind": "yearly", "amount": 20, "start_year": 1, "years": 2},
            {"label": "hosting", "kind": "yearly", "amount": 10},
            {"label": "late", "kind": "one_off", "amount": 999, "start_year": 4},
        ],
    )
    cost = tco(opt, ScenarioSettings(horizon_years=4, discount_rate=0.10, currency="EUR"))
    assert cost.per_year == [110, 30, 80, 10]
    assert cost.undiscounted == 230
    assert cost.npv == pytest.approx(210.9016, abs=1e-4)
    assert cost.discount_factors == pytest.approx([1, 1 / 1.1, 1 / 1.21, 1 / 1.331])
    assert [line.undiscounted for line in cost.lines] == [100, 50, 40, 40, 0]
    assert sum(line.npv for line in cost.lines) == pytest.approx(cost.npv)
    assert cost.currency == "EUR"


def test_yearly_line_is_cut_at_the_horizon() -> None:
    line = CostLine(label="x", kind="yearly", amount=5, start_year=3, years=10)
    assert line_schedule(line, 5) == [0, 0, 0, 5, 5]


def test_zero_rate_npv_equals_the_undiscounted_total() -> None:
    opt = option("A", cost_lines=[{"label": "x", "kind": "yearly", "amount": 7}])
    cost = tco(opt, ScenarioSettings(horizon_years=3, discount_rate=0.0))
    assert cost.npv == cost.undiscounted == 21


def test_bad_horizon() -> None:
    with pytest.raises(ValueError, match="at least 1 year"):
        discount_factors(0.04, 0)


@pytest.mark.parametrize(
    ("name", "option_id", "hand_checked"),
    [
        ("municipality", "opt-excel", 3_598_720),  # 80,000 + 760,000 x 4.6299
        ("municipality", "opt-erp", 4_931_065),  # 2,750,000 / 1.04 + 630,000 x 3.6299
        ("manufacturer", "opt-workbook", 5_424_380),  # 100,000 + 1,150,000 x 4.6299
    ],
)
def test_samples_hand_checked_with_a_calculator(name: str, option_id: str, hand_checked: float) -> None:
    """The notes of sample_data/expected/*.json show these by hand (5 years at 4 %)."""
    a = sample(name)
    cost = tco(a.option(option_id), a.settings)
    assert cost.npv == pytest.approx(hand_checked, abs=5)
    assert cost.npv == pytest.approx(expected(name)["tco_present_value"][option_id], abs=1)


# --- a missing cost is missing data, not a free option ----------------------------------------------


def _costed_and_uncosted():
    """Two options equal in everything but their cost: A has one honest cost line of 2M, B has none.
    Weights quality 1, TCO 1; TCO anchors best 1M, worst 5M; both score 4 on quality."""
    from scoring_builders import build, quantitative, scale

    criteria = [scale("quality", 1), quantitative("tco", 1, best=1e6, worst=5e6, source="tco", name="Cost")]
    options = [option("A", cost_lines=[{"label": "build", "kind": "one_off", "amount": 2e6}]), option("B")]
    return build(criteria, options, {"A": [4], "B": [4]}, settings=ScenarioSettings(horizon_years=3))


def test_an_option_without_cost_lines_has_no_tco() -> None:
    cost = tco(option("B"), ScenarioSettings(horizon_years=3))
    assert (cost.npv, cost.undiscounted) == (None, None)
    assert cost.missing
    assert cost.per_year == [0.0, 0.0, 0.0]


def test_a_missing_cost_scores_zero_and_is_listed_as_missing() -> None:
    """Before: B's TCO counted as 0, utility 1, so costing A honestly ranked it below B."""
    from esg_workbench.scoring import score

    result = score(_costed_and_uncosted(), samples=0)
    b_cost = next(c for c in result.explanations["B"].contributions if c.criterion_id == "tco")
    assert (b_cost.missing, b_cost.value, b_cost.utility, b_cost.points) == (True, None, 0.0, 0.0)
    assert result.explanations["B"].missing == ["tco"]
    assert result.explanations["A"].missing == []
    assert result.ranking == ["A", "B"]  # A (2M, utility 0.75) is no longer beaten by an option without a cost
    assert result.totals["B"] == pytest.approx(100 * 0.8 / 2)
    assert pd.isna(result.to_frame().loc["B", "tco_npv"])


def test_a_missing_time_to_first_report_scores_zero_and_is_listed_as_missing() -> None:
    from scoring_builders import build, quantitative, scale

    from esg_workbench.scoring import score

    criteria = [scale("quality", 1), quantitative("months", 1, best=3, worst=15, source="time_to_first_report")]
    assessment = build(criteria, [option("A", time_to_first_report_months=6), option("B")], {"A": [4], "B": [4]})
    result = score(assessment, samples=0)
    assert result.explanations["B"].missing == ["months"]
    assert result.explanations["B"].contributions[1].utility == 0.0
    assert result.ranking == ["A", "B"]
