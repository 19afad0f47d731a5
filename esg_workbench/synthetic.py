"""Deterministic synthetic assessments of any size, for benchmarks and scale tests, and datapoint lists in
the shape of EFRAG's IG 3 list (which is never shipped) with an assessment covering every datapoint.

Every vocabulary value, ESRS code and archetype comes from the framework, so a generated assessment is
valid against the framework it was generated from. The same seed always gives the same assessment.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

from .domain.assessment import (
    Assessment,
    CatalogueRef,
    CostLine,
    Coverage,
    Criterion,
    DataFlow,
    DataSource,
    Decision,
    FrameworkRef,
    Goal,
    MaterialTopic,
    MaturityRating,
    MustHaveCheck,
    Option,
    Organisation,
    ReportingProcess,
    Requirement,
    Risk,
    RoadmapItem,
    Role,
    ScenarioSettings,
    Score,
    SurveyAnswer,
    System,
    ToBe,
)
from .domain.datapoints import Datapoint, DatapointCatalogue
from .domain.fields import CriterionKind, Direction, Priority
from .domain.framework import EsrsCatalogue, Framework
from .frameworks import FrameworkError, FrameworkNotFound, load_framework

_CREATED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # fixed, so the output depends on the seed only
_QUANT_ANCHORS = {"tco": ("DKK", 1_000_000.0, 12_000_000.0), "time_to_first_report": ("months", 3.0, 24.0)}
_MEASURES = (
    "consumption",
    "emissions",
    "headcount",
    "incidents",
    "volumes",
    "spend",
    "certificates",
    "waste",
    "assessments",
    "hours",
)
_PRIORITY_WEIGHTS = ((Priority.MUST, 15), (Priority.SHOULD, 45), (Priority.COULD, 30), (Priority.WONT, 10))
_PHASE_MONTHS = 4  # each roadmap item lasts about four months
_SIZE_DEFAULTS = {"data_sources": 500, "systems": 150, "criteria": 80, "options": 10, "requirements": 120}


_Vocab = Callable[[str], list[str]]  # vocabulary name -> its ids, sorted so choices follow the seed


def _check_sizes(**sizes: int) -> None:
    minimum = {"systems": 1, "criteria": 1, "options": 1}
    for name, value in sizes.items():
        if not isinstance(value, int) or value < minimum.get(name, 0):
            raise ValueError(f"{name} must be an integer of at least {minimum.get(name, 0)}, got {value!r}")


def generate_assessment(
    *,
    data_sources: int = 500,
    systems: int = 150,
    criteria: int = 80,
    options: int = 10,
    requirements: int = 120,
    seed: int = 0,
    framework: Framework | None = None,
) -> Assessment:
    """A large valid assessment: every option scored on every scored criterion (with low/high ranges),
    a must-have check for every option and must requirement, coverage for every material DR, a roadmap.

    ``framework`` defaults to the installed ``esg-architecture`` framework; the assessment works against
    the framework's DR catalogue (``framework.with_catalogue(...)`` picks another).
    """
    _check_sizes(
        data_sources=data_sources, systems=systems, criteria=criteria, options=options, requirements=requirements
    )
    if framework is None:
        framework = load_framework("esg-architecture")
    rng = random.Random(seed)
    vocab: _Vocab = cache(lambda name: sorted(framework.vocabulary_ids(name)))

    roles = _roles(rng, vocab, max(len(vocab("role_type")), systems // 10))
    role_ids = [r.id for r in roles]
    system_list = _systems(rng, vocab, systems, role_ids)
    sources, feeds = _data_sources(rng, vocab, framework, data_sources, [s.id for s in system_list], role_ids)
    criterion_list = _criteria(rng, framework, criteria)
    option_list = _options(rng, framework, options)
    requirement_list = _requirements(rng, vocab, requirements, [c.id for c in criterion_list])
    checks = _must_have_checks(rng, framework, option_list, requirement_list)
    topics = _material_topics(rng, framework)
    return Assessment(
        id=f"synthetic-{seed}",
        title=f"Synthetic assessment (seed {seed})",
        framework=FrameworkRef(id=framework.id, version=framework.version),
        catalogue=CatalogueRef(id=framework.esrs.id, version=framework.esrs.version),
        created_at=_CREATED,
        updated_at=_CREATED,
        organisation=Organisation(
            name=f"Synthetic Organisation {seed}",
            sector=rng.choice(vocab("sector")),
            employees=rng.randrange(250, 20_000),
            annual_revenue_mdkk=float(rng.randrange(200, 30_000)),
            first_reporting_year=rng.choice((2025, 2026, 2027)),
            description="Generated for benchmarks and scale tests; not a real organisation.",
        ),
        roles=roles,
        systems=system_list,
        data_sources=sources,
        data_flows=_data_flows(rng, vocab, sources, system_list),
        processes=_processes(rng, vocab, role_ids, [s.id for s in system_list]),
        material_topics=topics,
        coverage=_coverage(rng, vocab, framework, topics, sources, feeds),
        to_be=_to_be(rng, vocab),
        requirements=requirement_list,
        criteria=criterion_list,
        options=option_list,
        scores=_scores(rng, criterion_list, option_list),
        must_have_checks=checks,
        settings=ScenarioSettings(),
        decision=_decision(framework, option_list, checks),
        roadmap=_roadmap(rng, vocab, option_list),
    )


# --- step 1: as-is --------------------------------------------------------------------------------


def _roles(rng: random.Random, vocab: _Vocab, count: int) -> list[Role]:
    types = vocab("role_type")
    # The first len(types) roles take each role type once, so every type is present.
    return [
        Role(
            id=f"role-{i:03d}",
            name=f"Role {i}",
            role_type=types[i - 1] if i <= len(types) else rng.choice(types),
            holder=f"Unit {rng.randrange(1, 40)}",
            responsibilities="Owns and approves ESG data in its area.",
        )
        for i in range(1, count + 1)
    ]


def _systems(rng: random.Random, vocab: _Vocab, count: int, role_ids: Sequence[str]) -> list[System]:
    categories = vocab("system_category")
    methods = vocab("integration_method")
    result = []
    for i in range(1, count + 1):
        category = categories[(i - 1) % len(categories)]
        result.append(
            System(
                id=f"sys-{i:04d}",
                name=f"{category.replace('_', ' ').title()} system {i}",
                category=category,
                product=f"Product {rng.randrange(1, 60)}",
                vendor=f"Vendor {rng.randrange(1, 30)}",
                hosting=rng.choice(vocab("hosting")),
                integration_options=sorted(rng.sample(methods, rng.randint(1, 3))),
                disposition=rng.choice(vocab("disposition")),
                owner_role_id=rng.choice(role_ids),
            )
        )
    return result


def _drs_by_standard(framework: Framework) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for dr in framework.esrs.disclosure_requirements:
        result.setdefault(dr.standard, []).append(dr.code)
    return result


def _data_sources(
    rng: random.Random,
    vocab: _Vocab,
    framework: Framework,
    count: int,
    system_ids: Sequence[str],
    role_ids: Sequence[str],
) -> tuple[list[DataSource], dict[str, list[str]]]:
    """The sources, and the DRs each feeds (linked by the coverage items built from them)."""
    drs = _drs_by_standard(framework)
    standards = sorted(drs)
    result = []
    feeds: dict[str, list[str]] = {}
    for i in range(1, count + 1):
        standard = standards[(i - 1) % len(standards)]
        codes = sorted(rng.sample(drs[standard], min(len(drs[standard]), rng.randint(1, 3))))
        measure = rng.choice(_MEASURES)
        result.append(
            DataSource(
                id=f"ds-{i:05d}",
                name=f"{standard} {measure} {i}",
                description=f"Synthetic {measure} data for {', '.join(codes)}.",
                esrs_standards=[standard],
                source_type=rng.choice(vocab("data_source_type")),
                system_id=rng.choice(system_ids) if rng.random() < 0.9 else None,
                owner_role_id=rng.choice(role_ids),
                availability=rng.choice(vocab("availability")),
                quality=rng.choice(vocab("data_quality")),
                aggregation=rng.choice(vocab("aggregation")),
                collection_frequency=rng.choice(vocab("frequency")),
                manual_effort_hours_per_year=float(rng.randrange(0, 400, 4)),
            )
        )
        feeds[result[-1].id] = codes
    return result, feeds


def _data_flows(
    rng: random.Random, vocab: _Vocab, sources: Sequence[DataSource], systems: Sequence[System]
) -> list[DataFlow]:
    """Sources feed their system; systems feed a later system or the report, so every path ends in it."""
    methods = vocab("integration_method")
    frequencies = vocab("frequency")
    flows = []

    def add(from_id: str, to_id: str) -> None:
        method = rng.choice(methods)
        automated = method not in ("manual_entry", "none") and rng.random() < 0.7
        flows.append(
            DataFlow(
                id=f"flow-{len(flows) + 1:05d}",
                from_id=from_id,
                to_id=to_id,
                method=method,
                frequency=rng.choice(frequencies),
                automated=automated,
            )
        )

    for source in sources:
        add(source.id, source.system_id or "report")
    for i, system in enumerate(systems):
        later = systems[i + 1 :]
        add(system.id, rng.choice(later).id if later and rng.random() < 0.6 else "report")
    return flows


def _processes(
    rng: random.Random, vocab: _Vocab, role_ids: Sequence[str], system_ids: Sequence[str]
) -> list[ReportingProcess]:
    return [
        ReportingProcess(
            id=f"proc-{stage}",
            stage=stage,
            description=f"Synthetic {stage} step.",
            state=rng.choice(vocab("process_state")),
            owner_role_id=rng.choice(role_ids),
            system_ids=sorted(rng.sample(system_ids, min(len(system_ids), 3))),
            pain_points="Manual hand-overs between units.",
        )
        for stage in vocab("process_stage")
    ]


def _material_topics(rng: random.Random, framework: Framework) -> list[MaterialTopic]:
    topics = []
    for standard in framework.esrs.standards:
        if standard.pillar == "cross_cutting":
            continue  # ESRS 2 applies always; the DMA decides the topical standards only
        impact, financial = rng.random() < 0.6, rng.random() < 0.4
        topics.append(
            MaterialTopic(
                esrs=standard.code,
                material=impact or financial,
                impact_material=impact,
                financial_material=financial,
                rationale=f"Synthetic DMA outcome for {standard.code}.",
            )
        )
    return topics


def _coverage(
    rng: random.Random,
    vocab: _Vocab,
    framework: Framework,
    topics: Sequence[MaterialTopic],
    sources: Sequence[DataSource],
    feeds: dict[str, list[str]],
) -> list[Coverage]:
    feeding: dict[str, list[str]] = {}
    for source in sources:
        for code in feeds[source.id]:
            feeding.setdefault(code, []).append(source.id)
    drs = _drs_by_standard(framework)
    items = []
    for topic in (t for t in topics if t.material):
        for code in drs.get(topic.esrs, []):
            ids = feeding.get(code, [])[:5]
            status = rng.choice(["automated", "manual", "partial"]) if ids else "gap"
            needed = None if status == "automated" else rng.choice(vocab("integration_method"))
            items.append(
                Coverage(
                    id=f"cov-{len(items) + 1:04d}",
                    disclosure_requirement=code,
                    data_source_ids=ids,
                    status=status,
                    integration_needed=needed,
                )
            )
    return items


# --- step 2: to-be --------------------------------------------------------------------------------


def _to_be(rng: random.Random, vocab: _Vocab) -> ToBe:
    maturity = []
    for dimension in vocab("maturity_dimension"):
        current = rng.randint(1, 3)
        short = min(5, current + rng.randint(0, 1))
        maturity.append(
            MaturityRating(
                dimension=dimension, current=current, target_short=short, target_long=min(5, short + rng.randint(0, 2))
            )
        )
    goals = [
        Goal(
            id=f"goal-{i}", text=f"Synthetic {horizon} goal {i}.", horizon=horizon, target_year=2026 + i, kpi=f"KPI {i}"
        )
        for i, horizon in enumerate(("short", "short", "long", "long"), start=1)
    ]
    return ToBe(
        vision="Synthetic vision: one controlled ESG data foundation.",
        ambition=rng.choice(vocab("ambition_level")),
        goals=goals,
        maturity=maturity,
        reporting_frequency=rng.choice(vocab("frequency")),
        automation_target_pct=float(rng.randrange(30, 95, 5)),
        governance="Data owners approve their data before consolidation.",
        support="Super-users per unit.",
        survey=[SurveyAnswer(question=q, answer=rng.choice(vocab("survey_answer"))) for q in vocab("survey_question")],
    )


# --- step 3: requirements -------------------------------------------------------------------------


def _requirements(rng: random.Random, vocab: _Vocab, count: int, criterion_ids: Sequence[str]) -> list[Requirement]:
    categories = vocab("requirement_category")
    priorities, weights = zip(*_PRIORITY_WEIGHTS, strict=True)
    result = []
    for i in range(1, count + 1):
        # The first requirement is always a must, so every generated assessment has a must-have gate.
        priority = Priority.MUST if i == 1 else rng.choices(priorities, weights)[0]
        result.append(
            Requirement(
                id=f"req-{i:04d}",
                text=f"Synthetic requirement {i}.",
                category=categories[(i - 1) % len(categories)],
                priority=priority,
                source="Synthetic workshop",
                criterion_ids=sorted(rng.sample(criterion_ids, min(len(criterion_ids), rng.randint(1, 3)))),
            )
        )
    return result


# --- step 4: scenarios ----------------------------------------------------------------------------


def _criteria(rng: random.Random, framework: Framework, count: int) -> list[Criterion]:
    result = []
    for entry in framework.criteria_catalogue:
        if entry.kind == CriterionKind.QUANTITATIVE and entry.id not in _QUANT_ANCHORS:
            continue  # a catalogue quantity we have no anchors for; extras below cover that kind
        if entry.kind == CriterionKind.QUANTITATIVE:
            unit, best, worst = _QUANT_ANCHORS[entry.id]
            result.append(
                Criterion(
                    id=entry.id,
                    name=entry.name.en,
                    weight=float(rng.randint(1, 10)),
                    kind=entry.kind,
                    unit=unit,
                    direction=Direction.LOWER_IS_BETTER,
                    best=best,
                    worst=worst,
                    value_source=entry.id,
                    catalogue_id=entry.id,
                )
            )
        else:
            result.append(
                Criterion(id=entry.id, name=entry.name.en, weight=float(rng.randint(1, 10)), catalogue_id=entry.id)
            )
    for i in range(len(result) + 1, count + 1):
        result.append(_extra_criterion(rng, i))
    return result[:count]


def _extra_criterion(rng: random.Random, i: int) -> Criterion:
    weight = float(rng.randint(0, 10))
    if i % 10 == 0:  # every tenth extra criterion is a measured quantity entered as a score
        return Criterion(
            id=f"crit-{i:03d}",
            name=f"Measured criterion {i}",
            weight=weight,
            kind=CriterionKind.QUANTITATIVE,
            unit="%",
            direction=Direction.HIGHER_IS_BETTER,
            best=100.0,
            worst=0.0,
        )
    return Criterion(id=f"crit-{i:03d}", name=f"Criterion {i}", weight=weight)


def _options(rng: random.Random, framework: Framework, count: int) -> list[Option]:
    archetypes = framework.archetypes
    result = []
    for i in range(1, count + 1):
        archetype = archetypes[(i - 1) % len(archetypes)]
        scale = 0.2 if archetype.interim else 1.0  # an interim is cheap to set up
        result.append(
            Option(
                id=f"opt-{i:02d}",
                name=f"{archetype.name.en} {i}",
                archetype=archetype.id,
                description=archetype.description.en,
                cost_lines=_cost_lines(rng, scale),
                time_to_first_report_months=float(rng.randint(1, 4) if archetype.interim else rng.randint(5, 24)),
                risks=[
                    Risk(
                        text=f"Synthetic risk {k}.",
                        likelihood=rng.randint(1, 5),
                        impact=rng.randint(1, 5),
                        mitigation="Monitor monthly.",
                    )
                    for k in range(1, rng.randint(1, 3) + 1)
                ],
            )
        )
    return result


def _cost_lines(rng: random.Random, one_off_scale: float) -> list[CostLine]:
    def amount(low: int, high: int) -> float:
        return float(rng.randrange(low, high, 10_000))

    return [
        CostLine(label="Licence", kind="yearly", amount=amount(0, 900_000)),
        CostLine(label="Implementation", kind="one_off", amount=one_off_scale * amount(200_000, 3_000_000)),
        CostLine(label="Internal effort", kind="yearly", amount=amount(100_000, 900_000), start_year=rng.randint(0, 1)),
        CostLine(label="Change management", kind="one_off", amount=one_off_scale * amount(50_000, 500_000)),
    ]


def _scores(rng: random.Random, criteria: Sequence[Criterion], options: Sequence[Option]) -> list[Score]:
    result = []
    for criterion in (c for c in criteria if c.value_source == "score"):
        if criterion.kind == CriterionKind.SCALE:
            lo_bound, hi_bound, step = 0.0, 5.0, 0.5
        else:
            lo_bound, hi_bound = sorted((criterion.best, criterion.worst))
            step = (hi_bound - lo_bound) / 20
        for option in options:
            value = lo_bound + step * rng.randint(0, round((hi_bound - lo_bound) / step))
            low = max(lo_bound, value - step * rng.randint(0, 2))
            high = min(hi_bound, value + step * rng.randint(0, 2))
            result.append(
                Score(
                    option_id=option.id,
                    criterion_id=criterion.id,
                    value=value,
                    low=low,
                    high=high,
                    rationale="Synthetic score.",
                )
            )
    return result


def _must_have_checks(
    rng: random.Random, framework: Framework, options: Sequence[Option], requirements: Sequence[Requirement]
) -> list[MustHaveCheck]:
    interim = {a.id for a in framework.archetypes if a.interim}
    musts = [r for r in requirements if r.priority == Priority.MUST]
    checks = []
    for option in options:
        fail_rate = 0.5 if option.archetype in interim else 0.08
        for requirement in musts:
            checks.append(
                MustHaveCheck(option_id=option.id, requirement_id=requirement.id, met=rng.random() >= fail_rate)
            )
    return checks


def _decision(framework: Framework, options: Sequence[Option], checks: Sequence[MustHaveCheck]) -> Decision:
    """Choose the first target option with no failed must-have, and the first interim option as bridge."""
    interim = {a.id for a in framework.archetypes if a.interim}
    failed = {c.option_id for c in checks if not c.met}
    targets = [o for o in options if o.archetype not in interim] or list(options)
    chosen = next((o for o in targets if o.id not in failed), targets[0])
    bridge = next((o.id for o in options if o.archetype in interim and o.id != chosen.id), None)
    return Decision(
        option_id=chosen.id, interim_option_id=bridge, rationale="Synthetic decision.", decided_on=_CREATED.date()
    )


def _roadmap(rng: random.Random, vocab: _Vocab, options: Sequence[Option]) -> list[RoadmapItem]:
    """Two items per phase, in phase order; each item depends on the previous one and starts after it."""
    items: list[RoadmapItem] = []
    start = date(2026, 3, 2)
    for phase in vocab("roadmap_phase"):
        for k in (1, 2):
            end = start + timedelta(days=30 * _PHASE_MONTHS - 1)
            items.append(
                RoadmapItem(
                    id=f"rm-{len(items) + 1:02d}",
                    title=f"{phase.title()} step {k}",
                    phase=phase,
                    option_id=rng.choice(options).id,
                    start=start,
                    end=end,
                    depends_on=[items[-1].id] if items else [],
                )
            )
            start = end + timedelta(days=1)
    return items


# --- step 1 at datapoint level ----------------------------------------------------------------------

SET1 = ("esrs-set1", "2023")  # the DR catalogue EFRAG's IG 3 datapoint list belongs to
DATAPOINTS = 1_150  # about the size of IG 3 (1,184 datapoints in 99 DRs), when a catalogue has no counts
# Roughly IG 3's mix (its data types as written, its flags and phase-ins), so filters and roll-ups see
# realistic proportions. Only the shape: every id, name and paragraph below is invented.
_DATA_TYPES = (
    ("narrative", 54), ("semi-narrative", 14), ("monetary", 5), ("percent", 5), ("integer", 3), ("table", 3),
    ("mass", 2), ("energy", 2), ("ghgEmissions", 2), ("volume", 1), ("date", 1), ("boolean", 1), ("", 2),
)  # fmt: skip
_CONDITIONAL = (("", 76), ("Conditional", 23), ("Alternative", 1))
_PHASE_IN = (
    ("", 48), ("<750 employees: 2 years", 28), ("<750 employees: 1 year", 14), ("all undertakings: 1 year", 5),
    ("all undertakings: 3 years", 5),
)  # fmt: skip
_APPENDIX_B = (("", 89), ("SFDR", 7), ("SFDR+PILLAR 3+ BENCHMARK", 2), ("PILLAR 3", 1), ("BENCHMARK", 1))
_VOLUNTARY_SHARE = 0.23
_ITEM_STATUSES = (("automated", 30), ("manual", 30), ("partial", 15), ("gap", 5), ("not_assessed", 20))


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _apportion(weights: Sequence[float], total: int) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders), at least one each."""
    extra = total - len(weights)
    exact = [extra * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[: extra - sum(shares)]:
        shares[i] += 1
    return [1 + n for n in shares]


def generate_datapoint_catalogue(
    standard: EsrsCatalogue | None = None, *, count: int | None = None, seed: int = 0
) -> DatapointCatalogue:
    """A datapoint list in the shape of EFRAG's IG 3 list, with invented content, for benchmarks and tests
    where the real list (never shipped) is absent: datapoints over every DR of ``standard`` (default:
    ESRS Set 1, whose list IG 3 is), as many per DR as the catalogue's ``datapoint_count`` says (``count``
    given, or counts unknown: ``count``, default 1,150, spread over the DRs in that proportion or at
    random), ids ``<DR>_<nn>``, one sheet per standard with ESRS 2's minimum disclosure requirements on
    their own ("ESRS 2 MDR"), and about IG 3's mix of data types, conditional and voluntary datapoints,
    phase-ins and Appendix B references."""
    if standard is None:
        standard = load_framework("esg-architecture").with_catalogue(SET1).esrs
    drs = standard.disclosure_requirements
    known = [dr.datapoint_count for dr in drs]
    if count is not None and count < len(drs):
        raise ValueError(f"count must be at least the {len(drs)} DRs of {standard.id} {standard.version}, got {count}")
    rng = random.Random(seed)
    if count is None and None not in known:
        per_dr = list(known)
    else:
        weights = [float(n) + 1 if n is not None else rng.uniform(1, 25) for n in known]
        per_dr = _apportion(weights, count or DATAPOINTS)
    rows: dict[str, int] = {}  # sheet -> its last row; a header row and an instruction row come first
    points = []
    for dr, many in zip(drs, per_dr, strict=True):
        sheet = (
            "ESRS 2 MDR"
            if dr.code.startswith("MDR-")
            else "ESRS 2"
            if dr.standard == "ESRS 2"
            else f"ESRS {dr.standard}"
        )
        for n in range(1, many + 1):
            rows[sheet] = rows.get(sheet, 2) + 1
            points.append(
                Datapoint(
                    id=f"{dr.code}_{n:02d}",
                    esrs=dr.standard,
                    disclosure_requirement=dr.code,
                    paragraph=f"{rng.randint(5, 80)} {rng.choice('abcdefgh')}",
                    related_ar=f"AR {rng.randint(1, 40)}" if rng.random() < 0.3 else "",
                    name=f"Synthetic datapoint {n} of {dr.code}",
                    data_type=_pick(rng, _DATA_TYPES),
                    conditional_or_alternative=_pick(rng, _CONDITIONAL),
                    may_voluntary=rng.random() < _VOLUNTARY_SHARE,
                    appendix_b=_pick(rng, _APPENDIX_B),
                    phase_in=_pick(rng, _PHASE_IN),
                    source_sheet=sheet,
                    source_row=rows[sheet],
                )
            )
    fingerprint = f"synthetic datapoints {standard.id} {standard.version} {len(points)} {seed}"
    return DatapointCatalogue(
        id="synthetic-datapoints",
        version=f"seed-{seed}",
        title=f"Synthetic datapoint list (seed {seed}); invented, not EFRAG's",
        source_filename="synthetic",
        source_sha256=hashlib.sha256(fingerprint.encode()).hexdigest(),
        imported_at=_CREATED,
        standard_id=standard.id,
        standard_version=standard.version,
        datapoints=points,
    )


def with_datapoint_coverage(assessment: Assessment, catalogue: DatapointCatalogue, *, seed: int = 0) -> Assessment:
    """``assessment`` with one coverage item per datapoint of ``catalogue`` besides its DR-level items, and
    every topical standard material (the largest case: every item counts). Each item names one or two of
    the sources already feeding its DR (else sources of its standard; none: a gap); a voluntary datapoint
    is out of scope now and then; an item not automated names the integration needed. The assessment
    must work against the list's catalogue (``generate_assessment(framework=...with_catalogue(SET1))``)."""
    if (assessment.catalogue.id, assessment.catalogue.version) != (catalogue.standard_id, catalogue.standard_version):
        raise ValueError(
            f"the datapoint list belongs to {catalogue.standard_id} {catalogue.standard_version}, "
            f"the assessment works against {assessment.catalogue}"
        )
    rng = random.Random(seed)
    feeding: dict[str, list[str]] = {}
    for item in assessment.coverage:
        feeding.setdefault(item.disclosure_requirement, []).extend(item.data_source_ids)
    of_standard: dict[str, list[str]] = {}
    for source in assessment.data_sources:
        for standard in source.esrs_standards:
            of_standard.setdefault(standard, []).append(source.id)
    methods = sorted(
        load_framework(assessment.framework.id, assessment.framework.version).vocabulary_ids("integration_method")
    )
    items = []
    for point in catalogue.datapoints:
        candidates = feeding.get(point.disclosure_requirement) or of_standard.get(point.esrs, [])
        ids = sorted(set(rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))))
        if point.may_voluntary and rng.random() < 0.3:
            status = "out_of_scope"
        else:
            status = _pick(rng, _ITEM_STATUSES) if ids else "gap"
        items.append(
            Coverage(
                id=f"cov-{point.id}",
                disclosure_requirement=point.disclosure_requirement,
                datapoint_id=point.id,
                data_source_ids=ids,
                status=status,
                integration_needed=None if status in ("automated", "out_of_scope") else rng.choice(methods),
            )
        )
    topics = [
        topic.model_copy(update={"material": True, "impact_material": True}) for topic in assessment.material_topics
    ]
    return assessment.model_copy(update={"material_topics": topics, "coverage": [*assessment.coverage, *items]})


# --- command line ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m esg_workbench.synthetic -o big.json [--seed N] [--data-sources N] ...``; returns the exit code."""
    from .assessment_files import save_assessment

    parser = argparse.ArgumentParser(
        prog="python -m esg_workbench.synthetic",
        description="Write a deterministic synthetic assessment for benchmarks and scale tests.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--seed", type=int, default=0, help="default 0; the same seed gives the same file")
    for name, default in _SIZE_DEFAULTS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default, help=f"default {default}")
    args = parser.parse_args(argv)
    sizes = {name: getattr(args, name) for name in _SIZE_DEFAULTS}
    try:
        _check_sizes(**sizes)
    except ValueError as exc:
        parser.error(str(exc))
    try:
        framework = load_framework("esg-architecture")
    except (FrameworkNotFound, FrameworkError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    assessment = generate_assessment(seed=args.seed, framework=framework, **sizes)
    save_assessment(assessment, args.output)
    print(
        f"{args.output}: {len(assessment.data_sources)} data sources, {len(assessment.systems)} systems, "
        f"{len(assessment.criteria)} criteria, {len(assessment.options)} options, "
        f"{len(assessment.scores)} scores"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
