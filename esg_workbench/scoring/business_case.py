"""The business case of each option: what it saves against what it costs over the horizon.

Definition (the workbook's business case sheet reproduces it with formulas):
- hours removed a year = the option's ``automation_pct`` / 100 x the sum of the data sources'
  ``manual_effort_hours_per_year`` (sources without hours entered are named, not counted);
- labour benefit in year t = hours removed x ``settings.hourly_rate`` for t >= ``automation_from_year``
  (None: year 1, as year 0 is the year of decision and of the build), else 0;
- other benefits: the option's ``benefit_lines``, scheduled like cost lines (``cost.line_schedule``);
- net in year t = benefit_t - cost_t; NPV = sum over t of net_t / (1 + r)^t (``cost.discount_factors``);
- payback year = the first year t whose cumulative undiscounted net is at least 0 (simple payback);
  None when that never happens within the horizon;
- cost per point = TCO / total (weighted sum, 0-100) or TCO / (100 x closeness) for TOPSIS, the total
  rounded to the ranking's tie precision (none for a total of 0 points);
- dominated: an option is dominated when an eligible option scores at least as high for at most its
  TCO, better in one of the two (Pareto dominance on score and cost).
Unknowns are never zeros: no automation share, no hourly rate (for a share above 0) or no manual
hours at all make the benefit unknown; no cost line makes the net, payback and cost per point unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate

from ..domain.assessment import Assessment, Option
from ..domain.results import BusinessCase, BusinessCaseGap, CostBreakdown
from .cost import discount_factors, line_schedule, present_value
from .gates import TIE_DECIMALS

DEFAULT_AUTOMATION_FROM_YEAR = 1  # year 0 is the year of decision, spent building the solution


def manual_hours(assessment: Assessment) -> tuple[float | None, list[str]]:
    """The data sources' manual collection hours a year (None when no source has them entered) and the
    ids of the sources without hours entered."""
    known = [
        s.manual_effort_hours_per_year for s in assessment.data_sources if s.manual_effort_hours_per_year is not None
    ]
    without = [s.id for s in assessment.data_sources if s.manual_effort_hours_per_year is None]
    return (float(sum(known)) if known else None), without


def automation_from_year(option: Option) -> int:
    return DEFAULT_AUTOMATION_FROM_YEAR if option.automation_from_year is None else option.automation_from_year


def business_case(
    option: Option,
    assessment: Assessment,
    cost: CostBreakdown,
    total: float | None,
    *,
    hours: float | None,
    points_scale: float = 1.0,
) -> BusinessCase:
    """One option's business case; ``total`` is its score (None: not scored), ``points_scale`` turns the
    total into points (1 for the weighted sum, 100 for a TOPSIS closeness)."""
    settings = assessment.settings
    horizon = settings.horizon_years
    factors = discount_factors(settings.discount_rate, horizon)
    start = automation_from_year(option)
    missing: list[BusinessCaseGap] = []
    share = option.automation_pct
    removed: float | None = None
    if share is None:
        missing.append("automation_share")
    elif share == 0:
        removed = 0.0
    elif hours is None:
        missing.append("manual_hours")
    else:
        removed = share / 100 * hours
    a_year: float | None = None
    if removed is not None:
        if removed == 0:
            a_year = 0.0
        elif settings.hourly_rate is None:
            missing.append("hourly_rate")
        else:
            a_year = removed * settings.hourly_rate
    labour = None if a_year is None else [a_year if t >= start else 0.0 for t in range(horizon)]
    other = [0.0] * horizon
    for line in option.benefit_lines:
        other = [a + b for a, b in zip(other, line_schedule(line, horizon), strict=True)]
    benefit = None if labour is None else [a + b for a, b in zip(labour, other, strict=True)]
    if cost.missing:
        missing.append("cost")
    net = None
    if benefit is not None and not cost.missing:
        net = [b - c for b, c in zip(benefit, cost.per_year, strict=True)]
    # Rounded as the ranking compares totals: a total that rounds to 0 points has no cost per point.
    points = None if total is None else round(total * points_scale, TIE_DECIMALS)
    return BusinessCase(
        option_id=option.id,
        currency=settings.currency,
        horizon_years=horizon,
        hours_removed_per_year=removed,
        automation_from_year=start,
        labour_a_year=a_year,
        labour_per_year=labour,
        other_per_year=other,
        benefit_per_year=benefit,
        benefit_npv=None if benefit is None else present_value(benefit, factors),
        cost_npv=cost.npv,
        net_per_year=net,
        cumulative_net=None if net is None else list(accumulate(net)),
        net_npv=None if net is None else present_value(net, factors),
        payback_year=None if net is None else payback_year(net),
        cost_per_point=cost.npv / points if cost.npv is not None and points else None,
        missing=missing,
    )


def payback_year(net_per_year: Sequence[float]) -> int | None:
    """The first year t whose cumulative net (benefit - cost, undiscounted) is at least 0."""
    return next((t for t, cumulative in enumerate(accumulate(net_per_year)) if cumulative >= 0), None)


def dominated_by(
    totals: Mapping[str, float], costs: Mapping[str, float | None], eligible: Mapping[str, bool]
) -> dict[str, list[str]]:
    """Option -> the eligible options that dominate it on (score, TCO); an option without a cost is not
    compared (its cost is unknown, so it is neither dominated nor dominating)."""
    known = {o: c for o, c in costs.items() if c is not None}
    # Totals compared as the ranking compares them (rounded to its tie precision), so two options the
    # ranking calls tied are tied here too.
    totals = {o: round(v, TIE_DECIMALS) for o, v in totals.items()}
    out: dict[str, list[str]] = {}
    for option, cost in known.items():
        out[option] = [
            other
            for other, other_cost in known.items()
            if other != option
            and eligible.get(other, False)
            and totals[other] >= totals[option]
            and other_cost <= cost
            and (totals[other] > totals[option] or other_cost < cost)
        ]
    return out


def business_cases(
    assessment: Assessment,
    costs: Mapping[str, CostBreakdown],
    totals: Mapping[str, float],
    eligible: Mapping[str, bool],
    *,
    points_scale: float = 1.0,
) -> dict[str, BusinessCase]:
    """Every option's business case, with the options that dominate it."""
    hours, _ = manual_hours(assessment)
    dominance = dominated_by(totals, {o: c.npv for o, c in costs.items()}, eligible)
    return {
        option.id: business_case(
            option, assessment, costs[option.id], totals.get(option.id), hours=hours, points_scale=points_scale
        ).model_copy(update={"dominated_by": dominance.get(option.id, [])})
        for option in assessment.options
    }
