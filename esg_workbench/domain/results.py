"""The decision engine's result objects: totals, ranking, gates, explanations, cost, sensitivity and the
recommendation of one scoring run, with ``to_dict()`` / ``to_frame()`` so that the app, the workbook and
the CLI show the same numbers and never recompute them.

Shares and probabilities are fractions (0.25 = 25 %); weighted-sum totals are 0-100, TOPSIS totals are
closeness coefficients 0-1.
"""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from ..coverage import CoverageSummary
from ..messages import LANGUAGES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Method = Literal["weighted-sum", "topsis"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- weights -------------------------------------------------------------------------------------


class DerivedWeights(Frozen):
    """Weights derived by a weighting aid (points, MoSCoW rank-order centroid, AHP), summing to 1."""

    method: Literal["direct", "points", "moscow_rank", "ahp"]
    weights: dict[str, float]
    consistency_ratio: float | None = None  # AHP only (Saaty); above 0.10 the judgements need review
    consistency_index: float | None = None
    lambda_max: float | None = None
    ranks: dict[str, int] | None = None  # MoSCoW: 1 = linked to a must, 2 should, 3 could, 4 none
    warnings: list[str] = []


# --- cost ----------------------------------------------------------------------------------------


class LineCost(Frozen):
    label: str
    kind: Literal["one_off", "yearly"]
    per_year: list[float]  # t = 0 .. horizon-1, undiscounted
    undiscounted: float
    npv: float


class CostBreakdown(Frozen):
    """An option's total cost of ownership over the horizon and its time to first report.

    An option without cost lines has no cost entered: ``undiscounted`` and ``npv`` are None (missing
    data, scored as utility 0 like any missing value), never 0 (which would make it the cheapest)."""

    option_id: str
    currency: str
    horizon_years: int
    discount_rate: float
    per_year: list[float]  # undiscounted cost of year t = 0 .. horizon-1
    discount_factors: list[float]  # 1 / (1 + r)^t
    undiscounted: float | None
    npv: float | None
    time_to_first_report_months: float | None
    lines: list[LineCost]

    @property
    def missing(self) -> bool:
        """True when no cost was entered for the option."""
        return self.npv is None

    @property
    def one_off(self) -> float | None:
        """The one-off lines' undiscounted total (None when no cost was entered)."""
        return None if self.missing else sum(line.undiscounted for line in self.lines if line.kind == "one_off")

    @property
    def cumulative(self) -> list[float]:
        """Undiscounted cost up to and including each year t = 0 .. horizon-1."""
        return list(accumulate(self.per_year))


# --- explanation ---------------------------------------------------------------------------------


class Contribution(Frozen):
    """One criterion's part in one option's result."""

    criterion_id: str
    weight: float  # as entered
    weight_share: float  # weight / sum of all weights
    value: float | None  # the score, TCO or months; None when missing
    low: float | None = None  # uncertainty range used by the Monte Carlo analysis
    high: float | None = None
    missing: bool = False
    utility: float  # 0-1 after the criterion's value function
    points: float  # 100 x weight_share x utility; the weighted-sum total is the sum of these
    # TOPSIS only: the weighted normalised value and its squared distances to the ideal and anti-ideal.
    weighted_normalised: float | None = None
    to_ideal: float | None = None
    to_anti_ideal: float | None = None


class GateFailure(Frozen):
    """A must-have requirement an option does not pass."""

    requirement_id: str
    text: str
    status: Literal["not_met", "not_assessed"]
    note: str = ""


class OptionGate(Frozen):
    """One option's must-have gate: eligible, or the must-haves it fails (checked not met) and those it
    was never checked against (an unchecked must-have is not assumed to be met)."""

    option_id: str
    not_met: list[GateFailure] = []
    unchecked: list[GateFailure] = []

    @property
    def eligible(self) -> bool:
        return not self.not_met and not self.unchecked

    @property
    def status(self) -> Literal["eligible", "fails", "unchecked"]:
        """ "fails" when a must-have is checked not met, else "unchecked" when one is not checked yet."""
        return "fails" if self.not_met else "unchecked" if self.unchecked else "eligible"


class OptionExplanation(Frozen):
    option_id: str
    name: str
    archetype: str
    total: float
    rank: int
    eligible: bool
    contributions: list[Contribution]
    failed_must_haves: list[GateFailure] = []
    missing: list[str] = []  # criterion ids without a value (counted as utility 0)
    distance_to_ideal: float | None = None  # TOPSIS
    distance_to_anti_ideal: float | None = None


# --- sensitivity ---------------------------------------------------------------------------------


class Tip(Frozen):
    """The point at which the top option changes when one criterion's weight moves one way."""

    share: float  # the criterion's share of the total weight at the change
    weight: float  # the entered weight giving that share with the other weights unchanged
    change: float  # share minus the current share (negative when decreasing)
    new_top: str


class TippingPoint(Frozen):
    criterion_id: str
    weight: float
    share: float
    increase: Tip | None = None  # None: no increase of this weight changes the top option
    decrease: Tip | None = None

    @property
    def smallest_change(self) -> float | None:
        changes = [abs(t.change) for t in (self.increase, self.decrease) if t is not None]
        return min(changes) if changes else None


class Sensitivity(Frozen):
    method: Method
    top: str | None  # the top eligible option the tipping points refer to
    tipping_points: list[TippingPoint] = []
    samples: int = 0
    seed: int | None = None
    weight_spread: float = 0.0  # each weight is multiplied by U(1 - spread, 1 + spread)
    score_distribution: Literal["uniform"] = "uniform"
    uncertain_cells: int = 0  # option/criterion values drawn within a low-high range
    # option -> share of samples in which it takes rank 1, 2, ..., n (each list sums to 1)
    rank_acceptability: dict[str, list[float]] = {}
    # option -> 5th, 50th and 95th percentile of its total over the samples
    total_percentiles: dict[str, list[float]] = {}

    def first_rank_probability(self, option_id: str) -> float | None:
        shares = self.rank_acceptability.get(option_id)
        return shares[0] if shares else None

    def ranking_never_changed(self) -> bool:
        """Whether every option held one rank in every simulation (each option's rank shares are one
        100 %): then a chart of the shares says nothing the ranking does not."""
        shares = self.rank_acceptability.values()
        return bool(shares) and all(max(row, default=0.0) >= 1.0 - 1e-9 for row in shares)


# --- recommendation ------------------------------------------------------------------------------


class Driver(Frozen):
    """A criterion behind the recommendation: its weighted-utility points and the advantage over the
    runner-up (negative for a trade-off)."""

    criterion_id: str
    name: str
    points: float
    advantage: float


class CoverageGap(Frozen):
    coverage_id: str
    disclosure_requirement: str
    standard: str
    datapoint_id: str | None = None
    status: Literal["gap", "partial"]


class MaturityGap(Frozen):
    dimension: str
    current: int
    target_short: int
    target_long: int
    gap: int  # target_long - current


class UnmetRequirement(Frozen):
    """A should/could requirement the recommended option is checked not to meet."""

    requirement_id: str
    priority: str
    text: str
    note: str = ""


class RoadmapStep(Frozen):
    phase: Literal["interim", "foundation", "target", "improve"]
    option_id: str | None = None
    months: float | None = None  # expected months to the first report with this option, if known
    texts: dict[str, str]  # "en", "da"


class Recommendation(Frozen):
    option_id: str | None  # the top eligible option; None when no option passes the gates
    method: Method
    total: float | None = None
    runner_up_id: str | None = None
    runner_up_total: float | None = None
    probability_first: float | None = None  # rank acceptability of rank 1; None without samples
    robustness: Literal["robust", "moderate", "fragile", "not_assessed"] = "not_assessed"
    drivers: list[Driver] = []
    trade_offs: list[Driver] = []
    most_sensitive: TippingPoint | None = None
    ineligible: dict[str, list[str]] = {}  # option -> failed must-have requirement ids
    # The coverage model (esg_workbench.coverage): material DRs by status, not assessed included; the
    # same numbers the app and the workbook show. None only in results stored before it existed.
    coverage: CoverageSummary | None = None
    coverage_gaps: list[CoverageGap] = []  # material DRs with status gap or partial, gaps first
    chain_flags: dict[str, int] = {}  # the chain's flag counts (esg_workbench.chain); {} in older results
    maturity_gaps: list[MaturityGap] = []
    unmet_requirements: list[UnmetRequirement] = []  # should/could requirements the option does not meet
    # What is not known yet, said in the text rather than counted as good:
    missing_costs: list[str] = []  # options without any cost line (0 points on the cost criteria)
    missing_values: dict[str, list[str]] = {}  # option -> other criteria without a value (0 points)
    unchecked_must_haves: dict[str, list[str]] = {}  # option -> must-have requirements not checked yet
    roadmap: list[RoadmapStep] = []
    interim_option_id: str | None = None
    decision_option_id: str | None = None
    agrees_with_decision: bool | None = None
    texts: dict[str, str]  # "en", "da": the recommendation as readable paragraphs

    def text(self, lang: str = "en") -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        return self.texts[lang]


# --- the result ----------------------------------------------------------------------------------


class ScoreResult(Frozen):
    """Everything one scoring run produced. Options appear in the assessment's order in the dicts and in
    ``ranking`` best first (eligible options before ineligible ones)."""

    method: Method
    assessment_id: str
    currency: str
    option_names: dict[str, str]
    criterion_names: dict[str, str]
    weights: dict[str, float]  # criterion -> share of the total weight
    totals: dict[str, float]
    ranking: list[str]
    ranks: dict[str, int]
    eligible: dict[str, bool]
    tied_groups: list[list[str]] = []  # options with equal totals, in the order the tie rule keeps
    explanations: dict[str, OptionExplanation]
    costs: dict[str, CostBreakdown]
    sensitivity: Sensitivity
    recommendation: Recommendation
    weighting: DerivedWeights | None = None  # the weighting aid's derived weights, when not direct
    gates: dict[str, OptionGate] = {}  # option -> its must-have gate (the one computation, scoring.gates)
    warnings: list[str] = []

    @property
    def recommended(self) -> str | None:
        return self.recommendation.option_id

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")

    def to_frame(self) -> pd.DataFrame:
        """One row per option in ranking order: rank, total, eligibility, failed must-haves, cost, time to
        first report and the probability of rank 1."""
        import pandas as pd

        rows = []
        for option_id in self.ranking:
            ex, cost = self.explanations[option_id], self.costs[option_id]
            rows.append(
                {
                    "rank": self.ranks[option_id],
                    "option_id": option_id,
                    "option": self.option_names[option_id],
                    "total": self.totals[option_id],
                    "eligible": self.eligible[option_id],
                    "failed_must_haves": ", ".join(f.requirement_id for f in ex.failed_must_haves),
                    "p_rank_1": self.sensitivity.first_rank_probability(option_id),
                    "tco_npv": cost.npv,
                    "time_to_first_report_months": cost.time_to_first_report_months,
                }
            )
        return pd.DataFrame(rows).set_index("option_id")

    def contributions_frame(self) -> pd.DataFrame:
        """Criteria as rows, options (in ranking order) as columns, weighted-utility points as values; the
        column sums are the weighted-sum totals."""
        import pandas as pd

        data = {
            option_id: {c.criterion_id: c.points for c in self.explanations[option_id].contributions}
            for option_id in self.ranking
        }
        frame = pd.DataFrame(data, index=list(self.criterion_names))
        frame.index.name = "criterion_id"
        return frame
