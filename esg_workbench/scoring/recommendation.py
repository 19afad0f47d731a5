"""The recommendation: the top eligible option, how robust it is, the criteria that drive it, what it
leaves uncovered and a suggested roadmap, as structured data (texts in ``recommendation_text``).

- robustness: the probability of rank 1 in the Monte Carlo analysis; >= 0.75 robust, >= 0.5 moderate,
  below fragile ("not_assessed" without samples);
- drivers / trade-offs: the criteria with the largest positive / negative difference in weighted-utility
  points (100 x share x utility) against the runner-up, the best other eligible option (three each);
- uncovered: the coverage model of ``esg_workbench.coverage`` (``coverage``: counts of material
  disclosure requirements, not assessed included) and its material disclosure requirements with status
  gap or partial (``coverage_gaps``), the chain's flag counts (``chain_flags``: sources in systems to
  eliminate or migrate, DRs covered only by manual sources, ...; ``esg_workbench.chain``), maturity
  dimensions whose long-term target is above the current level, and should/could requirements checked
  not met;
- roadmap: interim -> foundation -> target -> improve. The interim is the option of an interim
  archetype (the framework's ``interim`` flag; "spreadsheet_interim" without a framework) with the
  shortest time to first report, when that is shorter than the target's. If the top option is itself
  an interim, the target is the best eligible option of another archetype.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chain import chain_of
from ..coverage import CoverageSummary, coverage_summary
from ..coverage import dr_standard as dr_standard
from ..domain.assessment import Assessment, Option
from ..domain.fields import Priority
from ..domain.framework import Framework
from ..domain.results import (
    BusinessCase,
    CostBreakdown,
    CoverageGap,
    Driver,
    GateFailure,
    MaturityGap,
    Method,
    OptionExplanation,
    Recommendation,
    RoadmapStep,
    Sensitivity,
    TippingPoint,
    UnmetRequirement,
)
from ..messages import LANGUAGES
from ..readiness import ReadinessSummary, readiness_summary
from .business_case import manual_hours
from .cost import tco_all
from .gates import option_gates
from .recommendation_text import CaseGaps, Labels, recommendation_texts, roadmap_texts
from .wording import missing_values

ROBUST, MODERATE = 0.75, 0.5
TOP_DRIVERS = 3
FALLBACK_INTERIM = frozenset({"spreadsheet_interim"})


@dataclass(frozen=True)
class AsIs:
    """What the recommendation reads of step 1: the coverage model, the readiness (None without a loaded
    framework: its rules are framework data) and the chain's flag counts. They depend on the assessment
    alone, so the engine computes them while its Monte Carlo analysis runs."""

    coverage: CoverageSummary
    readiness: ReadinessSummary | None
    chain_flags: dict[str, int]


def as_is_of(assessment: Assessment, framework: Framework | None) -> AsIs:
    coverage = coverage_summary(assessment, framework)
    readiness = readiness_summary(assessment, framework, coverage) if isinstance(framework, Framework) else None
    return AsIs(coverage, readiness, chain_of(assessment, framework, coverage, with_rows=False).flag_counts)


def robustness(probability: float | None) -> str:
    if probability is None:
        return "not_assessed"
    return "robust" if probability >= ROBUST else "moderate" if probability >= MODERATE else "fragile"


def interim_archetypes(framework: Framework | None) -> frozenset[str]:
    if framework is None:
        return FALLBACK_INTERIM
    return frozenset(a.id for a in framework.archetypes if a.interim)


def recommend(
    assessment: Assessment,
    framework: Framework | None,
    *,
    method: Method,
    ranking: list[str],
    eligible: dict[str, bool],
    explanations: dict[str, OptionExplanation],
    sensitivity: Sensitivity,
    costs: dict[str, CostBreakdown] | None = None,
    business_case: dict[str, BusinessCase] | None = None,
    as_is: AsIs | None = None,
) -> Recommendation:
    """Build the recommendation from a scoring run's ranking, explanations, sensitivity, costs (computed
    from the assessment when not given), business cases (none: the text says nothing about them) and
    step 1's findings (``as_is_of``; computed when not given)."""
    top = ranking[0] if ranking and eligible[ranking[0]] else None
    runner = next((o for o in ranking if eligible[o] and o != top), None) if top else None
    labels = Labels(assessment, framework)
    failures = {o: ex.failed_must_haves for o, ex in explanations.items()}
    gates = option_gates(assessment, failures)
    costs = tco_all(assessment.options, assessment.settings) if costs is None else costs
    missing = missing_values(explanations, costs, labels.cost_criteria)
    probability = sensitivity.first_rank_probability(top) if top else None
    drivers, trade_offs = _drivers(explanations, top, runner, labels)
    decision = assessment.decision.option_id if assessment.decision else None
    found = as_is if as_is is not None else as_is_of(assessment, framework)
    coverage = found.coverage
    roadmap, interim = _roadmap(assessment, framework, ranking, eligible, failures, top, labels, coverage)
    cases = business_case or {}
    rec = Recommendation(
        option_id=top,
        method=method,
        total=explanations[top].total if top else None,
        runner_up_id=runner,
        runner_up_total=explanations[runner].total if runner else None,
        probability_first=probability,
        robustness=robustness(probability),
        drivers=drivers,
        trade_offs=trade_offs,
        most_sensitive=_most_sensitive(sensitivity.tipping_points) if top else None,
        ineligible={o: [f.requirement_id for f in failures[o]] for o in ranking if not eligible[o]},
        coverage=coverage,
        coverage_gaps=coverage_gaps(coverage),
        readiness=found.readiness,
        chain_flags=found.chain_flags,
        maturity_gaps=maturity_gaps(assessment),
        unmet_requirements=_unmet(assessment, top) if top else [],
        missing_costs=missing.no_cost,
        missing_values=missing.values,
        unchecked_must_haves={o: [f.requirement_id for f in g.unchecked] for o, g in gates.items() if g.unchecked},
        roadmap=roadmap,
        business_case=cases.get(top) if top else None,
        dominated={o: c.dominated_by for o, c in cases.items() if c.dominated_by},
        interim_option_id=interim,
        decision_option_id=decision,
        agrees_with_decision=None if decision is None or top is None else decision == top,
        texts=dict.fromkeys(LANGUAGES, ""),
    )
    gaps = CaseGaps(cases, manual_hours(assessment)[1], len(assessment.data_sources))
    return rec.model_copy(update={"texts": recommendation_texts(rec, sensitivity, labels, gates, missing, gaps)})


def _drivers(
    explanations: dict[str, OptionExplanation], top: str | None, runner: str | None, labels: Labels
) -> tuple[list[Driver], list[Driver]]:
    if top is None:
        return [], []
    mine = {c.criterion_id: c.points for c in explanations[top].contributions}
    theirs = {c.criterion_id: c.points for c in explanations[runner].contributions} if runner else {}
    rows = [
        Driver(criterion_id=k, name=labels.criterion(k), points=p, advantage=p - theirs.get(k, 0.0))
        for k, p in mine.items()
    ]
    if runner is None:
        return sorted((r for r in rows if r.points > 0), key=lambda r: -r.points)[:TOP_DRIVERS], []
    ahead = sorted((r for r in rows if r.advantage > 1e-9), key=lambda r: -r.advantage)
    behind = sorted((r for r in rows if r.advantage < -1e-9), key=lambda r: r.advantage)
    return ahead[:TOP_DRIVERS], behind[:TOP_DRIVERS]


def _most_sensitive(points: list[TippingPoint]) -> TippingPoint | None:
    candidates = [p for p in points if p.smallest_change is not None]
    return min(candidates, key=lambda p: p.smallest_change) if candidates else None


def coverage_gaps(coverage: CoverageSummary) -> list[CoverageGap]:
    """The material disclosure requirements with status gap or partial (as rolled up by the coverage
    model), gaps first; not-assessed ones are counted in ``Recommendation.coverage`` instead."""
    gaps = [
        CoverageGap(
            coverage_id=d.item_ids[0],
            disclosure_requirement=d.code,
            standard=d.standard,
            datapoint_id=None,
            status=d.status,
        )
        for d in coverage.gaps
        if d.status in ("gap", "partial")
    ]
    return sorted(gaps, key=lambda g: g.status != "gap")  # gaps before partial coverage, stable otherwise


def maturity_gaps(assessment: Assessment) -> list[MaturityGap]:
    gaps = [
        MaturityGap(
            dimension=m.dimension,
            current=m.current,
            target_short=m.target_short,
            target_long=m.target_long,
            gap=m.target_long - m.current,
        )
        for m in assessment.to_be.maturity
        if m.target_long > m.current
    ]
    return sorted(gaps, key=lambda g: -g.gap)


def _unmet(assessment: Assessment, option_id: str) -> list[UnmetRequirement]:
    failed = {c.requirement_id: c.note for c in assessment.must_have_checks if c.option_id == option_id and not c.met}
    return [
        UnmetRequirement(requirement_id=r.id, priority=r.priority.value, text=r.text, note=failed[r.id])
        for r in assessment.requirements
        if r.id in failed and r.priority in (Priority.SHOULD, Priority.COULD)
    ]


# --- roadmap -------------------------------------------------------------------------------------


def _roadmap(
    assessment: Assessment,
    framework: Framework | None,
    ranking: list[str],
    eligible: dict[str, bool],
    failures: dict[str, list[GateFailure]],
    top: str | None,
    labels: Labels,
    coverage: CoverageSummary,
) -> tuple[list[RoadmapStep], str | None]:
    interims = interim_archetypes(framework)
    options = {o.id: o for o in assessment.options}
    if top is None:
        return [], None
    if options[top].archetype in interims:
        target = next((o for o in ranking if eligible[o] and options[o].archetype not in interims), None)
        interim: str | None = top
    else:
        target, interim = top, _bridge(assessment.options, interims, options[top])
    steps = []
    gaps = coverage_gaps(coverage)
    dims = maturity_gaps(assessment)
    if interim is not None:
        months = options[interim].time_to_first_report_months
        steps.append(
            RoadmapStep(
                phase="interim",
                option_id=interim,
                months=months,
                texts=roadmap_texts(
                    "interim",
                    labels,
                    option=interim,
                    target=target,
                    months=months,
                    failed=[f.requirement_id for f in failures[interim]],
                ),
            )
        )
    short = [d for d in dims if d.target_short > d.current]
    if gaps or short:
        steps.append(RoadmapStep(phase="foundation", texts=roadmap_texts("foundation", labels, gaps=gaps, dims=short)))
    if target is not None:
        months = options[target].time_to_first_report_months
        steps.append(
            RoadmapStep(
                phase="target",
                option_id=target,
                months=months,
                texts=roadmap_texts("target", labels, option=target, months=months),
            )
        )
    else:
        steps.append(RoadmapStep(phase="target", texts=roadmap_texts("no_target", labels)))
    if dims:
        steps.append(RoadmapStep(phase="improve", texts=roadmap_texts("improve", labels, dims=dims)))
    return steps, interim


def _bridge(options: list[Option], interims: frozenset[str], target: Option) -> str | None:
    """The interim option that reports first, if it reports before the target does."""
    candidates = [
        o
        for o in options
        if o.archetype in interims and o.id != target.id and o.time_to_first_report_months is not None
    ]
    if not candidates:
        return None
    fastest = min(candidates, key=lambda o: o.time_to_first_report_months)  # min keeps the first of equals
    target_months = target.time_to_first_report_months
    if target_months is None or fastest.time_to_first_report_months < target_months:
        return fastest.id
    return None
