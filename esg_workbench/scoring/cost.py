"""Total cost of ownership (TCO) of an option over the assessment's horizon, as a net present value.

Definition (the workbook's TCO sheet reproduces it with formulas):
- years t = 0 .. H-1 after the decision, H = ``settings.horizon_years``; t = 0 is the year of decision;
- a ``one_off`` line adds its ``amount`` in year ``start_year``;
- a ``yearly`` line adds its ``amount`` in each year from ``start_year`` for ``years`` years
  (``years`` None = to the end of the horizon);
- lines or years at or beyond the horizon are ignored;
- NPV = sum over t of cost_t / (1 + r)^t with r = ``settings.discount_rate`` (year 0 undiscounted).
The undiscounted total and the per-year series are reported beside the NPV.
An option without any cost line has no cost entered: its NPV and total are None (missing), not 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.assessment import CostLine, Option, ScenarioSettings
from ..domain.fields import CostKind
from ..domain.results import CostBreakdown, LineCost


def discount_factors(rate: float, horizon: int) -> list[float]:
    """1 / (1 + rate)^t for t = 0 .. horizon-1."""
    if horizon < 1:
        raise ValueError(f"horizon must be at least 1 year, not {horizon}")
    if rate <= -1:
        raise ValueError(f"discount rate must be above -100 %, not {rate}")
    return [1.0 / (1.0 + rate) ** t for t in range(horizon)]


def line_schedule(line: CostLine, horizon: int) -> list[float]:
    """The undiscounted cost of one line in each year t = 0 .. horizon-1."""
    years = [0.0] * horizon
    if line.kind == CostKind.ONE_OFF:
        if line.start_year < horizon:
            years[line.start_year] = float(line.amount)
        return years
    end = horizon if line.years is None else min(horizon, line.start_year + line.years)
    for t in range(line.start_year, end):
        years[t] = float(line.amount)
    return years


def present_value(series: Sequence[float], factors: Sequence[float]) -> float:
    """Sum of each year's amount times its discount factor."""
    return float(sum(c * f for c, f in zip(series, factors, strict=True)))


def tco(option: Option, settings: ScenarioSettings) -> CostBreakdown:
    """The option's cost per year, undiscounted total and NPV over the settings' horizon."""
    horizon, rate = settings.horizon_years, settings.discount_rate
    factors = discount_factors(rate, horizon)
    lines: list[LineCost] = []
    per_year = [0.0] * horizon
    for line in option.cost_lines:
        schedule = line_schedule(line, horizon)
        per_year = [a + b for a, b in zip(per_year, schedule, strict=True)]
        lines.append(
            LineCost(
                label=line.label,
                kind=line.kind.value,
                per_year=schedule,
                undiscounted=float(sum(schedule)),
                npv=present_value(schedule, factors),
            )
        )
    return CostBreakdown(
        option_id=option.id,
        currency=settings.currency,
        horizon_years=horizon,
        discount_rate=rate,
        per_year=per_year,
        discount_factors=factors,
        undiscounted=float(sum(per_year)) if option.cost_lines else None,
        npv=present_value(per_year, factors) if option.cost_lines else None,
        time_to_first_report_months=option.time_to_first_report_months,
        lines=lines,
    )


def tco_all(options: Sequence[Option], settings: ScenarioSettings) -> dict[str, CostBreakdown]:
    return {option.id: tco(option, settings) for option in options}
