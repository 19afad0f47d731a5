"""The assessment: one organisation taken through the four steps of the ESG architecture framework.

Field-level rules (types, ranges, id syntax) live here; rules that span fields or need the framework
(references, unique ids, vocabularies, score scales) live in ``domain.validation`` so that every
problem in a file can be reported at once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .fields import (
    Amount,
    Code,
    CostKind,
    Count,
    Country,
    CoverageStatus,
    CriterionKind,
    CriterionRank,
    Currency,
    DatapointId,
    Direction,
    EsrsCode,
    Factor,
    Horizon,
    HorizonYears,
    Hours,
    Id,
    Language,
    MaturityLevel,
    Measure,
    Months,
    Name,
    PairwiseRatio,
    Percent,
    Priority,
    Rate,
    Rating,
    ReportingYear,
    RequiredText,
    RevenueMDKK,
    Spread,
    TargetYear,
    Text,
    Weight,
    YearCount,
    YearOffset,
    ref,
    vocab,
)

# 2: data sources link DRs only through coverage items; 3: the assessment names its DR catalogue
# (domain.migrations)
SCHEMA_VERSION = 3
SCORE_SCALE_MAX = 5.0  # scale criteria are scored 0-5, 5 best


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Model(BaseModel):
    """Base for assessment parts: unknown keys are refused so a typo in a file is not lost silently."""

    # Numbers are finite through their types (domain.fields); allow_inf_nan=False here as well, so a
    # float field added without one of those types still cannot hold NaN or an infinity.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=False, allow_inf_nan=False)


# --- organisation and metadata -------------------------------------------------------------------


class FrameworkRef(Model):
    id: Id = "esg-architecture"
    version: Code = "1.0"


class CatalogueRef(Model):
    """The disclosure-requirement catalogue (standard and version) an assessment works against; its DR
    codes mean what that version says. A framework offers several (``Framework.catalogues``)."""

    id: Id
    version: Code

    def __str__(self) -> str:
        return f"{self.id} {self.version}"


# A new assessment works against the amended ESRS (mandatory from financial year 2027). Files and stored
# revisions from before assessments named a catalogue are moved to ESRS Set 1 by the schema migration,
# never to this default. The framework manifest names the same default (a test checks they agree).
DEFAULT_CATALOGUE = ("esrs-amended", "2026")


def _default_catalogue() -> CatalogueRef:
    return CatalogueRef(id=DEFAULT_CATALOGUE[0], version=DEFAULT_CATALOGUE[1])


class Organisation(Model):
    name: Name
    sector: Annotated[Code, vocab("sector")] = "private_enterprise"
    employees: Count | None = None
    annual_revenue_mdkk: RevenueMDKK | None = None
    country: Country = "DK"
    first_reporting_year: ReportingYear | None = None
    listed: bool | None = None  # securities on an EU regulated market (the scope check asks)
    language: Language = Language.EN
    description: Text = ""


# --- step 1: as-is --------------------------------------------------------------------------------


class Role(Model):
    """A role in ESG data governance, typed by the report's five generic role types."""

    id: Id
    name: Name
    role_type: Annotated[Code, vocab("role_type")]
    holder: Text = ""  # person or unit holding the role today
    responsibilities: Text = ""
    notes: Text = ""


class System(Model):
    """An IT system or tool that holds or moves ESG data."""

    id: Id
    name: Name
    category: Annotated[Code, vocab("system_category")]
    product: Text = ""
    vendor: Text = ""
    hosting: Annotated[Code, vocab("hosting")] | None = None
    integration_options: list[Annotated[Code, vocab("integration_method")]] = []
    disposition: Annotated[Code, vocab("disposition")] | None = None
    owner_role_id: Annotated[Id, ref("roles")] | None = None
    notes: Text = ""
    # The element's key in the EA tool it was imported from (``archimate:id-…``, ``leanix:…``), so a
    # second import updates it instead of adding a copy (``interchange.landscape``).
    external_id: Name | None = None


class DataSource(Model):
    """One source of ESG data: what it feeds, where it lives, and how good and how manual it is."""

    id: Id
    name: Name
    description: Text = ""
    esrs_standards: list[Annotated[Code, EsrsCode("standard")]] = []
    # The disclosure requirements a source feeds are not stored here: the coverage items link them
    # (``Coverage.data_source_ids``; schema version 2, see ``domain.migrations`` and ``source_drs``).
    source_type: Annotated[Code, vocab("data_source_type")]
    system_id: Annotated[Id, ref("systems")] | None = None
    owner_role_id: Annotated[Id, ref("roles")] | None = None
    availability: Annotated[Code, vocab("availability")]
    quality: Annotated[Code, vocab("data_quality")]
    aggregation: Annotated[Code, vocab("aggregation")]
    collection_frequency: Annotated[Code, vocab("frequency")]
    manual_effort_hours_per_year: Hours | None = None
    notes: Text = ""
    external_id: Name | None = None  # key in the EA tool it was imported from (see System)


class DataFlow(Model):
    """A movement of data between data sources, systems and the sustainability report."""

    id: Id
    from_id: Annotated[Id, ref("data_sources", "systems")]
    to_id: Annotated[Id, ref("data_sources", "systems", extra=("report",))]
    method: Annotated[Code, vocab("integration_method")]
    frequency: Annotated[Code, vocab("frequency")] | None = None
    automated: bool = False
    notes: Text = ""
    external_id: Name | None = None  # key in the EA tool it was imported from (see System)


class ReportingProcess(Model):
    """A step of today's reporting process (collect, validate, consolidate, report, assure)."""

    id: Id
    stage: Annotated[Code, vocab("process_stage")]
    description: Text = ""
    state: Annotated[Code, vocab("process_state")]
    owner_role_id: Annotated[Id, ref("roles")] | None = None
    system_ids: list[Annotated[Id, ref("systems")]] = []
    pain_points: Text = ""


class MaterialTopic(Model):
    """An ESRS topical standard and the outcome of the double materiality assessment for it.

    The outcome follows from the two flags (material when impact OR financially material; see
    ``domain.materiality``). ``material`` records it where the flags leave it open (files written before
    the flags, or a flag not answered); a ``material`` that contradicts the flags is a validation problem.
    """

    esrs: Annotated[Code, EsrsCode("standard")]
    material: bool | None = None
    impact_material: bool | None = None
    financial_material: bool | None = None
    rationale: Text = ""


# Review reasons whose item keeps the code of the version it came from (no honest target in the new one);
# an item under "datapoint_list" review has its new DR code, only its datapoint id is from the old list.
KEEPS_OLD_CODE: tuple[str, ...] = ("split", "dropped", "unmapped")


class Coverage(Model):
    """How a material disclosure requirement (or one datapoint of it) is covered by data sources.

    Together with the data source's system and the integration needed this is the chain
    datapoint -> data source -> system -> integration.

    A catalogue move (``catalogue_move``) records where an item came from in ``moved_from``
    ("esrs-set1 2023 E1-5"). ``review`` says why a person must look at it: its DR had no single honest
    target in the new version (``split``: one of ``review_candidates``; ``dropped``; ``unmapped``: the
    mapping does not name it), and the item then keeps its old code; or its datapoint id belongs to the
    old version's datapoint list (``datapoint_list``). Coverage counts items under review apart until
    someone clears ``review``.
    """

    id: Id
    disclosure_requirement: Annotated[Code, EsrsCode("dr")]
    datapoint_id: DatapointId | None = None
    data_source_ids: list[Annotated[Id, ref("data_sources")]] = []
    status: CoverageStatus
    integration_needed: Annotated[Code, vocab("integration_method")] | None = None
    notes: Text = ""
    review: Annotated[Code, vocab("coverage_review")] | None = None
    moved_from: Code = ""
    review_candidates: list[Code] = []


# --- step 2: to-be --------------------------------------------------------------------------------


class Goal(Model):
    id: Id
    text: RequiredText
    horizon: Horizon
    target_year: TargetYear | None = None
    kpi: Text = ""


class MaturityRating(Model):
    """Current and target maturity (1-5) on one dimension of the framework's maturity model."""

    dimension: Annotated[Code, vocab("maturity_dimension")]
    current: MaturityLevel
    target_short: MaturityLevel
    target_long: MaturityLevel
    notes: Text = ""


class SurveyAnswer(Model):
    """The organisation's own answer to one of the report's survey questions, for comparison."""

    question: Annotated[Code, vocab("survey_question")]
    answer: Annotated[Code, vocab("survey_answer")]


class ToBe(Model):
    vision: Text = ""
    ambition: Annotated[Code, vocab("ambition_level")] | None = None
    goals: list[Goal] = []
    maturity: list[MaturityRating] = []
    reporting_frequency: Annotated[Code, vocab("frequency")] | None = None
    automation_target_pct: Percent | None = None
    governance: Text = ""
    support: Text = ""
    survey: list[SurveyAnswer] = []


# --- step 3: requirements -------------------------------------------------------------------------


class Requirement(Model):
    id: Id
    text: RequiredText
    category: Annotated[Code, vocab("requirement_category")] = "business"
    priority: Priority
    source: Text = ""
    criterion_ids: list[Annotated[Id, ref("criteria")]] = []
    notes: Text = ""


# --- step 4: scenarios ----------------------------------------------------------------------------


class Criterion(Model):
    """A weighted decision criterion.

    Scale criteria are scored 0-5 (5 best). Quantitative ones carry a measured value with ``unit`` and
    ``direction``; the engine turns it into a utility with a linear value function anchored at ``worst``
    (utility 0) and ``best`` (utility 1), clipped to [0, 1]. Fixed anchors, not the options' own
    minimum and maximum, so adding an option never changes another option's total.
    ``value_source`` lets a quantitative criterion take its value from the option itself (its total
    cost of ownership or its time to first report) instead of an entered score.
    """

    id: Id
    name: Name
    description: Text = ""
    weight: Weight
    kind: CriterionKind = CriterionKind.SCALE
    unit: Text = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    best: Measure | None = None
    worst: Measure | None = None
    value_source: Literal["score", "tco", "time_to_first_report"] = "score"
    catalogue_id: Annotated[Code, vocab("criterion")] | None = None
    # The criterion's group (``criterion_groups``); with groups its ``weight`` is local to the group and
    # its global weight is the group's share x its share within the group (``scoring.weights``).
    group_id: Annotated[Id, ref("criterion_groups")] | None = None
    rank: CriterionRank | None = None  # the "rank" weighting aid: 1 = most important
    weight_spread: Spread | None = None  # Monte Carlo: this criterion's own spread (None: the global one)


class CriterionGroup(Model):
    """A group of criteria (functional, technical, economic, organisational, risk, or the organisation's
    own) with its weight relative to the other groups. Without any group the criteria are one flat list."""

    id: Id
    name: Name
    weight: Weight
    description: Text = ""


class PairwiseJudgement(Model):
    """One AHP judgement: how much more important criterion ``a`` is than ``b`` (Saaty 1/9..9)."""

    a: Annotated[Id, ref("criteria")]
    b: Annotated[Id, ref("criteria")]
    ratio: PairwiseRatio


class GroupJudgement(Model):
    """One AHP judgement between two criterion groups: how much more important group ``a`` is than ``b``."""

    a: Annotated[Id, ref("criterion_groups")]
    b: Annotated[Id, ref("criterion_groups")]
    ratio: PairwiseRatio


class Weighting(Model):
    """How the criterion weights were obtained; the weights themselves stay on the criteria (and groups).
    With criterion groups, AHP compares groups (``group_pairwise``) and criteria within each group
    (``pairwise``).

    ``use_group``: score with the stakeholders' group weights instead of the criteria's own (which are
    kept as typed); ``aggregation`` says how the group weights are formed (``scoring.group``).
    ``weight_spread``: the Monte Carlo weight spread (+-fraction) when the user has set one.
    """

    method: Literal["direct", "points", "moscow_rank", "ahp", "rank"] = "direct"
    pairwise: list[PairwiseJudgement] = []
    group_pairwise: list[GroupJudgement] = []
    use_group: bool = False
    aggregation: Literal["judgements", "priorities_geometric", "priorities_arithmetic"] = "priorities_geometric"
    weight_spread: Spread | None = None


class Stakeholder(Model):
    """A workshop participant who weights the criteria by ``method``: direct weights or points
    (``stakeholder_weights[].value``), a ranking (``.rank``, 1 = most important), MoSCoW priorities
    (``.priority``) or AHP pairwise judgements (``stakeholder_judgements``). ``voting_weight`` is the
    stakeholder's say in the group (None: the same as everyone's, 1)."""

    id: Id
    name: Name
    role: Text = ""
    voting_weight: Weight | None = None
    method: Literal["direct", "points", "rank", "moscow", "ahp"] = "direct"


class StakeholderWeight(Model):
    """One stakeholder's weight, points, rank or priority for one criterion."""

    stakeholder_id: Annotated[Id, ref("stakeholders")]
    criterion_id: Annotated[Id, ref("criteria")]
    value: Weight | None = None
    rank: CriterionRank | None = None
    priority: Priority | None = None


class StakeholderJudgement(Model):
    """One stakeholder's AHP judgement: criterion ``a`` is ``ratio`` times as important as ``b``."""

    stakeholder_id: Annotated[Id, ref("stakeholders")]
    a: Annotated[Id, ref("criteria")]
    b: Annotated[Id, ref("criteria")]
    ratio: PairwiseRatio


class CostLine(Model):
    """A cost line of an option; the same shape holds an option's other benefit lines (``benefit_lines``),
    so a benefit is entered, scheduled and discounted exactly as a cost is (``scoring.cost``)."""

    label: Name
    kind: CostKind
    amount: Amount  # in the assessment's currency; yearly lines are per year
    start_year: YearOffset = 0  # years after decision; 0 = year of decision
    years: YearCount | None = None  # yearly lines: how many; None = horizon


class Risk(Model):
    text: RequiredText
    likelihood: Rating = 3
    impact: Rating = 3
    mitigation: Text = ""


class Option(Model):
    """A candidate solution, based on one of the framework's option archetypes."""

    id: Id
    name: Name
    archetype: Annotated[Code, vocab("archetype")]
    description: Text = ""
    cost_lines: list[CostLine] = []
    time_to_first_report_months: Months | None = None
    risks: list[Risk] = []
    # The business case (``scoring.business_case``): the share of today's manual collection effort (the
    # data sources' ``manual_effort_hours_per_year``) the option automates, from which year after the
    # decision (None: year 1, the first year after the year of decision), and other benefits per year.
    # None is "not entered", never 0 %: an option whose automation is not known has no known benefit.
    automation_pct: Percent | None = None
    automation_from_year: YearOffset | None = None
    benefit_lines: list[CostLine] = []


class Score(Model):
    """One option's score on one criterion, with an optional uncertainty range."""

    option_id: Annotated[Id, ref("options")]
    criterion_id: Annotated[Id, ref("criteria")]
    value: Measure
    low: Measure | None = None
    high: Measure | None = None
    rationale: Text = ""


class MustHaveCheck(Model):
    """Whether an option meets a requirement (relevant for requirements of priority ``must``)."""

    option_id: Annotated[Id, ref("options")]
    requirement_id: Annotated[Id, ref("requirements")]
    met: bool
    note: Text = ""


class Decision(Model):
    option_id: Annotated[Id, ref("options")]
    interim_option_id: Annotated[Id, ref("options")] | None = None
    rationale: Text = ""
    decided_on: date | None = None


class RoadmapItem(Model):
    id: Id
    title: Name
    phase: Annotated[Code, vocab("roadmap_phase")]
    option_id: Annotated[Id, ref("options")] | None = None
    start: date
    end: date
    depends_on: list[Annotated[Id, ref("roadmap")]] = []
    description: Text = ""


class ScenarioSettings(Model):
    currency: Currency = "DKK"
    horizon_years: HorizonYears = 5
    discount_rate: Rate = 0.04
    # What one hour of manual data collection costs, in ``currency``; None = not entered (the business
    # case then says the automation benefit is unknown rather than counting it as 0).
    hourly_rate: Amount | None = None


# --- variants -------------------------------------------------------------------------------------


class WeightOverride(Model):
    """A weight a variant sets instead of the base's: of a criterion or of a criterion group (by id)."""

    target_id: Annotated[Id, ref("criteria", "criterion_groups")]
    weight: Weight


class OptionOverride(Model):
    """What a variant assumes differently about one option: every cost line times ``cost_factor`` (1.2 =
    20 % dearer) and another automation share."""

    option_id: Annotated[Id, ref("options")]
    cost_factor: Factor | None = None
    automation_pct: Percent | None = None


class Variant(Model):
    """A named variant of the decision ("compliance first", "automation first"): the assessment with
    these overrides (``scoring.variants``). Stored as overrides, not as a copy, so that every edit of the
    base reaches every variant and a variant's differences are exactly what it overrides. Deleting an
    option, criterion or group clears the variant's references to it (``domain.references``); overrides
    that leave nothing to score (every option left out, every weight 0) are said when it is compared."""

    id: Id
    name: Name
    description: Text = ""
    ambition: Annotated[Code, vocab("ambition_level")] | None = None
    excluded_option_ids: list[Annotated[Id, ref("options")]] = []
    weights: list[WeightOverride] = []
    options: list[OptionOverride] = []
    horizon_years: HorizonYears | None = None
    discount_rate: Rate | None = None
    hourly_rate: Amount | None = None


# --- the assessment -------------------------------------------------------------------------------


class Assessment(Model):
    """One ESG architecture assessment. Lists are top level so every problem has a short path such as
    ``data_sources[3].system_id``."""

    schema_version: Literal[3] = SCHEMA_VERSION
    id: Id
    title: Name
    framework: FrameworkRef = FrameworkRef()
    catalogue: CatalogueRef = Field(default_factory=_default_catalogue)
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)
    organisation: Organisation

    # step 1: as-is
    roles: list[Role] = []
    systems: list[System] = []
    data_sources: list[DataSource] = []
    data_flows: list[DataFlow] = []
    processes: list[ReportingProcess] = []
    material_topics: list[MaterialTopic] = []
    coverage: list[Coverage] = []

    # step 2: to-be
    to_be: ToBe = ToBe()

    # step 3: requirements
    requirements: list[Requirement] = []

    # step 4: scenarios
    criterion_groups: list[CriterionGroup] = []
    criteria: list[Criterion] = []
    options: list[Option] = []
    scores: list[Score] = []
    must_have_checks: list[MustHaveCheck] = []
    weighting: Weighting = Weighting()
    stakeholders: list[Stakeholder] = []
    stakeholder_weights: list[StakeholderWeight] = []
    stakeholder_judgements: list[StakeholderJudgement] = []
    settings: ScenarioSettings = ScenarioSettings()
    decision: Decision | None = None
    roadmap: list[RoadmapItem] = []
    variants: list[Variant] = []  # named variants of step 4, compared side by side

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Data of an older schema version (e.g. a stored revision) is upgraded before validation. Data
        that names no version is built in code (``Assessment(...)``) and is of this version: a new
        assessment gets the defaults of today (the amended ESRS). Files without a version are read as
        version 1 by ``validate_and_parse``, which upgrades them first."""
        from .migrations import migrate

        if isinstance(data, dict) and "schema_version" not in data:
            return data
        return migrate(data)[0]

    def source_drs(self) -> dict[str, list[str]]:
        """Data source id -> the disclosure requirements its coverage items link it to, in item order."""
        out: dict[str, list[str]] = {s.id: [] for s in self.data_sources}
        for item in self.coverage:
            for source_id in item.data_source_ids:
                codes = out.setdefault(source_id, [])
                if item.disclosure_requirement not in codes:
                    codes.append(item.disclosure_requirement)
        return out

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def score_of(self, option_id: str, criterion_id: str) -> Score | None:
        return next(
            (s for s in self.scores if s.option_id == option_id and s.criterion_id == criterion_id),
            None,
        )


# Collections whose items carry an ``id``; ids are unique across all of them so a reference (such as a
# data flow end point, which may be a source or a system) is never ambiguous.
ID_COLLECTIONS: tuple[str, ...] = (
    "roles",
    "systems",
    "data_sources",
    "data_flows",
    "processes",
    "coverage",
    "requirements",
    "criterion_groups",
    "criteria",
    "options",
    "roadmap",
    "variants",
    "stakeholders",
)
