"""The engine's numbers arranged as the live sheets show them: the value each formula is written with.

Excel recalculates on opening, but viewers and PDF converters show the value stored with a formula, so
every formula carries the number the engine computed (a weighted-sum ``ScoreResult``); nothing is
recomputed here. Tests recalculate the workbook with an independent engine and check that the
formulas give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..domain.assessment import Assessment
from ..domain.results import BusinessCase, Contribution, CostBreakdown, ScoreResult
from ..scoring.business_case import manual_hours
from ..scoring.cost import discount_factors
from ..scoring.gates import TIE_DECIMALS
from .layout import INELIGIBLE_PENALTY

YEAR_COLUMNS = 30  # the longest horizon the model allows; columns past the horizon hold zeros


@dataclass
class LiveValues:
    assessment: Assessment
    costs: dict[str, CostBreakdown]
    result: ScoreResult | None  # weighted sum; None when the assessment cannot be scored yet

    def _pad(self, series: list[float]) -> list[float]:
        return [*series, *([0.0] * (YEAR_COLUMNS - len(series)))]

    def factors(self) -> list[float]:
        settings = self.assessment.settings
        return self._pad(discount_factors(settings.discount_rate, settings.horizon_years))

    def schedule(self, option_id: str) -> list[float]:
        return self._pad(self.costs[option_id].per_year)

    def nominal(self, option_id: str) -> float | None:
        """None (an empty cell) when no cost was entered for the option."""
        return self.costs[option_id].undiscounted

    def npv(self, option_id: str) -> float | None:
        return self.costs[option_id].npv

    @cached_property
    def line_values(self) -> list[float]:
        """Present value of every cost line, in the cost sheet's row order (options, then lines)."""
        return [line.npv for o in self.assessment.options for line in self.costs[o.id].lines]

    def manual_hours(self) -> float | None:
        return manual_hours(self.assessment)[0]

    def business_case(self, option_id: str) -> BusinessCase:
        return self.scored.business_case[option_id]

    def padded(self, series: list[float] | None, *, carry: bool = False) -> list[float | None]:
        """A per-year series over all year columns: past the horizon 0, or its last value for a running
        sum (``carry``); all None (empty cells) when the series is not known."""
        if series is None:
            return [None] * YEAR_COLUMNS
        fill = series[-1] if carry and series else 0.0
        return [*series, *([fill] * (YEAR_COLUMNS - len(series)))]

    @property
    def scored(self) -> ScoreResult:
        if self.result is None:
            raise RuntimeError("the assessment has no score result")
        return self.result

    @cached_property
    def _contributions(self) -> dict[tuple[str, str], Contribution]:
        return {
            (option_id, c.criterion_id): c
            for option_id, explanation in self.scored.explanations.items()
            for c in explanation.contributions
        }

    def _contribution(self, option_id: str, criterion_id: str) -> Contribution:
        return self._contributions[(option_id, criterion_id)]

    def value(self, option_id: str, criterion_id: str) -> float | None:
        return self._contribution(option_id, criterion_id).value

    def utility(self, option_id: str, criterion_id: str) -> float:
        return self._contribution(option_id, criterion_id).utility

    def total(self, option_id: str) -> float:
        return self.scored.totals[option_id]

    def failed_musts(self, option_id: str) -> list[str]:
        return [f.requirement_id for f in self.scored.explanations[option_id].failed_must_haves]

    def failed(self, option_id: str) -> int:
        return len(self.failed_musts(option_id))

    def eligible(self, option_id: str) -> bool:
        return self.scored.eligible[option_id]

    def adjusted(self, option_id: str) -> float:
        """The number the rank formula sorts on: the total as the engine compares it (rounded to its tie
        precision), less a penalty for an ineligible option."""
        total = round(self.total(option_id), TIE_DECIMALS)
        return total - (0 if self.eligible(option_id) else INELIGIBLE_PENALTY)

    def rank(self, option_id: str) -> int:
        return self.scored.ranks[option_id]

    def in_rank_order(self) -> list[str]:
        return list(self.scored.ranking)
