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
from ..readiness import ReadinessSummary
from .engine_warnings import EngineWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Method = Literal["weighted-sum", "topsis"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- weights -------------------------------------------------------------------------------------


class DerivedWeights(Frozen):
    """Weights derived by a weighting aid (points, MoSCoW or direct rank-order centroid, AHP), summing
    to 1."""

    method: Literal["direct", "points", "moscow_rank", "rank", "moscow", "ahp"]
    weights: dict[str, float]
    consistency_ratio: float | None = None  # AHP only (Saaty); above 0.10 the judgements need review
    consistency_index: float | None = None
    lambda_max: float | None = None
    ranks: dict[str, int] | None = None  # MoSCoW: 1 = linked to a must, 2 should, 3 could, 4 none
    # With criterion groups (AHP at both levels): each group's priority, and the consistency ratio of the
    # group comparisons ("groups") and of each group's criteria comparisons (by group id).
    group_weights: dict[str, float] | None = None
    consistency_ratios: dict[str, float] = {}
    # AHP: the priorities by the row geometric mean (Crawford & Williams 1985) beside the eigenvector's
    geometric_mean: dict[str, float] | None = None
    warnings: list[EngineWarning] = []  # coded: each says itself in any language (text(lang))

    def methods_disagree(self, tolerance: float = 0.005) -> bool:
        """AHP: whether the eigenvector and the row geometric mean differ by more than ``tolerance`` (a
        share) on some criterion, or order the criteria differently; then both are worth showing."""
        if not self.geometric_mean:
            return False
        eigen, geometric = self.weights, self.geometric_mean
        if max(abs(eigen[k] - geometric[k]) for k in eigen) > tolerance:
            return True
        return sorted(eigen, key=lambda k: (-eigen[k], k)) != sorted(geometric, key=lambda k: (-geometric[k], k))


class StakeholderWeights(Frozen):
    """One stakeholder's own weights (summing to 1) and where they put the options."""

    stakeholder_id: str
    name: str
    role: str = ""
    voting_share: float  # the stakeholder's share of the group's votes
    method: Literal["direct", "points", "rank", "moscow", "ahp"]
    weights: dict[str, float]
    consistency_ratio: float | None = None  # AHP
    top: str | None = None  # the top eligible option under this stakeholder's weights
    ranking: list[str] = []  # the options under these weights, best first (gates as in the ranking)
    totals: dict[str, float] = {}


class CriterionDisagreement(Frozen):
    """How far apart the stakeholders are on one criterion's weight (shares)."""

    lowest: float
    highest: float
    lowest_by: str  # stakeholder id
    highest_by: str
    spread: float  # highest - lowest
    deviation: float  # the voting-weighted standard deviation


class GroupWeighting(Frozen):
    """The stakeholders' weights, the group's weights formed from them, and how far they agree.

    ``consensus`` is Goepel's AHP consensus indicator S* (0-1) on the stakeholders' weights, None with
    fewer than two stakeholders. ``used``: the scoring ran on the group's weights (the criteria's own
    weights stay as typed); otherwise the group's weights are shown beside them.
    """

    aggregation: Literal["judgements", "priorities_geometric", "priorities_arithmetic"]
    used: bool
    weights: dict[str, float]
    consistency_ratio: float | None = None  # aggregated judgements: the group matrix's
    consensus: float | None = None
    disagreement: dict[str, CriterionDisagreement] = {}
    stakeholders: list[StakeholderWeights] = []
    top: str | None = None  # the top eligible option under the group's weights
    ranks: dict[str, int] = {}  # option -> rank under the group's weights (gates as in the ranking)
    dissenters: list[str] = []  # stakeholders whose own weights put another option on top
    # What to know about the stakeholders' input (left-out criteria, problems), per language ("en", "da")
    notes: dict[str, list[str]] = {}


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


BusinessCaseGap = Literal["cost", "automation_share", "hourly_rate", "manual_hours"]


class BusinessCase(Frozen):
    """An option's benefit against its cost over the horizon (``scoring.business_case``).

    The benefit is the manual collection effort the option removes (hours per year x hourly rate, from
    ``automation_from_year``) plus its other benefit lines, scheduled and discounted like cost lines.
    What is not known is listed in ``missing`` and makes the figures that depend on it None, never 0:
    without an automation share, an hourly rate (for a share above 0) or any data source's manual hours
    the benefit is unknown; without a cost the net figures and the cost per point are unknown."""

    option_id: str
    currency: str
    horizon_years: int
    hours_removed_per_year: float | None  # manual hours a year the option removes, when known
    automation_from_year: int  # the first year t the hours saved count
    labour_a_year: float | None  # hours removed x hourly rate: the labour benefit of each year it counts
    labour_per_year: list[float] | None  # hours x rate in each year t = 0 .. H-1, undiscounted
    other_per_year: list[float]  # the benefit lines in each year, undiscounted
    benefit_per_year: list[float] | None
    benefit_npv: float | None
    cost_npv: float | None  # the TCO (CostBreakdown.npv)
    net_per_year: list[float] | None  # benefit - cost in each year, undiscounted
    cumulative_net: list[float] | None  # the running sum of net_per_year (the payback year reads it)
    net_npv: float | None  # net present value of benefit minus cost
    payback_year: int | None  # first year t whose cumulative undiscounted net is >= 0; None: not in horizon
    cost_per_point: float | None  # TCO per point of the total (weighted sum 0-100; TOPSIS closeness x 100)
    dominated_by: list[str] = []  # eligible options scoring at least as high for at most the cost, one better
    missing: list[BusinessCaseGap] = []

    @property
    def known(self) -> bool:
        """Whether benefit and cost are both known, so the net figures are."""
        return self.net_npv is not None

    @property
    def pays_back(self) -> bool:
        return self.payback_year is not None


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
    criterion_spreads: dict[str, float] = {}  # criteria with their own spread instead of weight_spread
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
    # Readiness of the material DRs and today's automation share against the to-be target
    # (esg_workbench.readiness); None without a framework (the rules are framework data).
    readiness: ReadinessSummary | None = None
    chain_flags: dict[str, int] = {}  # the chain's flag counts (esg_workbench.chain); {} in older results
    maturity_gaps: list[MaturityGap] = []
    unmet_requirements: list[UnmetRequirement] = []  # should/could requirements the option does not meet
    # What is not known yet, said in the text rather than counted as good:
    missing_costs: list[str] = []  # options without any cost line (0 points on the cost criteria)
    missing_values: dict[str, list[str]] = {}  # option -> other criteria without a value (0 points)
    unchecked_must_haves: dict[str, list[str]] = {}  # option -> must-have requirements not checked yet
    roadmap: list[RoadmapStep] = []
    # The recommended option's business case and the options dominated on score and cost (option ->
    # the eligible options that dominate it); None / {} in results stored before the business case.
    business_case: BusinessCase | None = None
    dominated: dict[str, list[str]] = {}
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
    group: GroupWeighting | None = None  # the stakeholders' weighting, when there are stakeholders
    gates: dict[str, OptionGate] = {}  # option -> its must-have gate (the one computation, scoring.gates)
    # Criteria in groups: group id -> name (in the groups' order) and criterion -> its group; empty
    # without groups. ``weights`` are then the global weights (group share x share within the group).
    group_names: dict[str, str] = {}
    criterion_groups: dict[str, str] = {}
    business_case: dict[str, BusinessCase] = {}  # option -> benefit, net present value, payback, dominance
    # Data sources without manual hours entered: the automation benefit counts only the others'.
    sources_without_hours: list[str] = []
    warnings: list[EngineWarning] = []  # coded: each says itself in any language (text(lang))

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

    def group_points(self, option_id: str) -> dict[str, float]:
        """Group -> the weighted-utility points its criteria give the option (in the groups' order); the
        values sum to the weighted-sum total. Empty without groups."""
        points = dict.fromkeys(self.group_names, 0.0)
        for c in self.explanations[option_id].contributions:
            group = self.criterion_groups.get(c.criterion_id)
            if group in points:
                points[group] += c.points
        return points

    def group_weights(self) -> dict[str, float]:
        """Group -> its share of the total weight (the sum of its criteria's global weights)."""
        shares = dict.fromkeys(self.group_names, 0.0)
        for criterion_id, share in self.weights.items():
            group = self.criterion_groups.get(criterion_id)
            if group in shares:
                shares[group] += share
        return shares

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


# --- variants ------------------------------------------------------------------------------------


class VariantResult(Frozen):
    """One variant scored (or the base, ``variant_id`` None): its winner, each option's total, rank,
    probability of rank 1, TCO and net present value, and the input differences from the base. A variant
    that does not fit the base has ``problems`` (per language, each with its path) and no figures."""

    variant_id: str | None
    name: str
    ambition: str | None = None
    problems: dict[str, list[str]] = {}  # "en", "da" -> messages with their paths
    recommended: str | None = None  # the top eligible option
    totals: dict[str, float] = {}
    ranks: dict[str, int] = {}
    eligible: dict[str, bool] = {}
    first_rank_probability: dict[str, float | None] = {}
    tco: dict[str, float | None] = {}
    net_npv: dict[str, float | None] = {}
    excluded: list[str] = []  # options the variant leaves out
    differences: list[str] = []  # the changes from the base (domain.diff), one line each

    @property
    def valid(self) -> bool:
        return not self.problems


class VariantComparison(Frozen):
    """The base and every variant side by side (``scoring.variants.compare``), same method and seed."""

    method: Method
    currency: str
    option_names: dict[str, str]  # every option of the base, in its order
    results: list[VariantResult]  # the base first, then the variants in their order

    @property
    def winners_differ(self) -> bool:
        """Whether the variants (those that fit) do not all recommend the same option."""
        return len({r.recommended for r in self.results if r.valid}) > 1
