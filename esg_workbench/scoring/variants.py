"""Variants of the decision side by side: a variant is the assessment with its overrides applied (other
weights of criteria or groups, options left out, cost lines scaled, other automation shares, another
horizon, discount rate or hourly rate, another ambition), scored like the base with the same method and
seed; ``compare`` returns the base and every variant with their winners, totals, ranks, probabilities of
rank 1, TCO, net present values and the input differences (``domain.diff``) that explain them.

A variant that no longer fits the base (it names an option deleted since, or its overrides make the
assessment invalid or unscorable) is reported with its problems, each with its path, never scored on a
guess; nothing stored changes.
"""

from __future__ import annotations

from ..domain.assessment import Assessment, Variant
from ..domain.diff import DEFAULT_IGNORE, Change, diff_assessments
from ..domain.framework import Framework
from ..domain.problem_codes import Code
from ..domain.results import Method, ScoreResult, VariantComparison, VariantResult
from ..domain.validation import AssessmentInvalid, Problem, validate_assessment
from ..messages import LANGUAGES
from .pipeline import DEFAULT_SAMPLES, DEFAULT_SEED, score


def variant_problems(assessment: Assessment, index: int) -> list[Problem]:
    """What in variant ``index`` the base does not have (options, criteria or groups), with paths."""
    variant = assessment.variants[index]
    where = f"variants[{index}]"
    options = {o.id for o in assessment.options}
    targets = {c.id for c in assessment.criteria} | {g.id for g in assessment.criterion_groups}
    problems = [
        Problem.of(f"{where}.excluded_option_ids[{j}]", Code.VARIANT_UNKNOWN_OPTION, variant=variant.name, value=o)
        for j, o in enumerate(variant.excluded_option_ids)
        if o not in options
    ]
    problems += [
        Problem.of(
            f"{where}.options[{j}].option_id", Code.VARIANT_UNKNOWN_OPTION, variant=variant.name, value=o.option_id
        )
        for j, o in enumerate(variant.options)
        if o.option_id not in options
    ]
    problems += [
        Problem.of(
            f"{where}.weights[{j}].target_id", Code.VARIANT_UNKNOWN_TARGET, variant=variant.name, value=w.target_id
        )
        for j, w in enumerate(variant.weights)
        if w.target_id not in targets
    ]
    if options and options <= set(variant.excluded_option_ids):
        problems.append(Problem.of(f"{where}.excluded_option_ids", Code.VARIANT_NO_OPTIONS, variant=variant.name))
    return problems


def apply_variant(assessment: Assessment, index: int, framework: Framework | None = None) -> Assessment:
    """The assessment as variant ``index`` has it. Raises AssessmentInvalid with every problem, each path
    led by the variant's (``variants[1] > criteria[2].weight``) when the variant does not fit."""
    problems = variant_problems(assessment, index)
    if problems:
        raise AssessmentInvalid(problems, f"variant {assessment.variants[index].name}")
    applied = _applied(assessment, assessment.variants[index])
    inner = validate_assessment(applied, framework)
    if inner:
        raise AssessmentInvalid(_within(index, inner), f"variant {assessment.variants[index].name}")
    return applied


def _applied(base: Assessment, variant: Variant) -> Assessment:
    weights = {w.target_id: w.weight for w in variant.weights}
    per_option = {o.option_id: o for o in variant.options}
    options = []
    for option in base.options:
        if option.id in variant.excluded_option_ids:
            continue
        override = per_option.get(option.id)
        update: dict = {}
        if override is not None and override.cost_factor is not None:
            update["cost_lines"] = [
                line.model_copy(update={"amount": line.amount * override.cost_factor}) for line in option.cost_lines
            ]
        if override is not None and override.automation_pct is not None:
            update["automation_pct"] = override.automation_pct
        options.append(option.model_copy(update=update))
    kept = {o.id for o in options}
    settings = base.settings.model_copy(
        update={
            name: value
            for name, value in (
                ("horizon_years", variant.horizon_years),
                ("discount_rate", variant.discount_rate),
                ("hourly_rate", variant.hourly_rate),
            )
            if value is not None
        }
    )
    decision = base.decision
    if decision is not None and (decision.option_id not in kept or decision.interim_option_id not in kept | {None}):
        decision = None  # the recorded decision names an option this variant leaves out
    return base.model_copy(
        update={
            "criteria": [c.model_copy(update={"weight": weights.get(c.id, c.weight)}) for c in base.criteria],
            "criterion_groups": [
                g.model_copy(update={"weight": weights.get(g.id, g.weight)}) for g in base.criterion_groups
            ],
            "options": options,
            "scores": [s for s in base.scores if s.option_id in kept],
            "must_have_checks": [m for m in base.must_have_checks if m.option_id in kept],
            "roadmap": [
                r.model_copy(update={"option_id": None}) if r.option_id not in kept | {None} else r
                for r in base.roadmap
            ],
            "decision": decision,
            "settings": settings,
            "to_be": base.to_be.model_copy(update={"ambition": variant.ambition or base.to_be.ambition}),
            "variants": [],
        }
    )


def _explaining(changes: list[Change], variant: Variant) -> list[Change]:
    """The changes that explain a variant: an option left out is one change, not also each of its scores
    and must-have checks."""
    left_out = set(variant.excluded_option_ids)

    def implied(change: Change) -> bool:
        old = change.old if isinstance(change.old, dict) else {}
        return (
            change.kind == "removed"
            and change.path.startswith(("scores[", "must_have_checks["))
            and (old.get("option_id") in left_out)
        )

    return [c for c in changes if not implied(c)]


def _within(index: int, problems: list[Problem]) -> list[Problem]:
    """Problems of the applied assessment, each path led by the variant's."""
    return [Problem(f"variants[{index}] > {p.path}", p.message, p.code, p.params) for p in problems]


def compare(
    assessment: Assessment,
    method: Method = "weighted-sum",
    *,
    framework: Framework | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> VariantComparison:
    """The base and each variant scored with ``method``, ``samples`` and ``seed``. Raises
    AssessmentInvalid when the base itself cannot be scored."""
    base = score(assessment, method, framework=framework, samples=samples, seed=seed)
    results = [_result(None, assessment.title, assessment.to_be.ambition, base, [], [])]
    for k, variant in enumerate(assessment.variants):
        try:
            applied = apply_variant(assessment, k, framework)
            scored = score(applied, method, framework=framework, samples=samples, seed=seed)
        except AssessmentInvalid as exc:
            problems = exc.problems if exc.source.startswith("variant") else _within(k, exc.problems)
            texts = {lang: [f"{p.path}: {p.text(lang)}" for p in problems] for lang in LANGUAGES}
            results.append(
                VariantResult(variant_id=variant.id, name=variant.name, ambition=variant.ambition, problems=texts)
            )
            continue
        changes = _explaining(diff_assessments(assessment, applied, ignore=(*DEFAULT_IGNORE, "variants")), variant)
        results.append(
            _result(variant.id, variant.name, applied.to_be.ambition, scored, variant.excluded_option_ids, changes)
        )
    return VariantComparison(
        method=method,
        currency=assessment.settings.currency,
        option_names={o.id: o.name for o in assessment.options},
        results=results,
    )


def _result(
    variant_id: str | None,
    name: str,
    ambition: str | None,
    result: ScoreResult,
    excluded: list[str],
    changes: list[Change],
) -> VariantResult:
    return VariantResult(
        variant_id=variant_id,
        name=name,
        ambition=ambition,
        recommended=result.recommended,
        totals=result.totals,
        ranks=result.ranks,
        eligible=result.eligible,
        first_rank_probability={o: result.sensitivity.first_rank_probability(o) for o in result.totals},
        tco={o: c.npv for o, c in result.costs.items()},
        net_npv={o: c.net_npv for o, c in result.business_case.items()},
        excluded=list(excluded),
        differences=[change.describe() for change in changes],
    )
