"""Cross-checks of an assembled framework and of an ESRS catalogue: the rules that span files and parts
(references between parts, unique ids, vocabularies the assessment model needs). Each problem comes as
(top-level key, path, message); the loader turns the key into the file that defined it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel

from .domain.assessment import Assessment, DataSource
from .domain.fields import CriterionKind, Direction, Vocab
from .domain.framework import SINGLE_TARGET_KINDS, CatalogueMapping, EsrsCatalogue, Framework
from .domain.validation import field_plans

STEP_IDS = ("as_is", "to_be", "requirements", "scenarios")
STAGES = ("compliance", "operationalisation", "automation")
# Vocabularies the Framework derives from content instead of listing them under ``vocabularies``.
DERIVED_VOCABULARIES = {
    "maturity_dimension": "maturity_model",
    "archetype": "archetypes",
    "criterion": "criteria_catalogue",
    "survey_question": "survey",
}
_Found = tuple[str, str, str]  # (top-level key, which tells the file; path; message)


def assessment_vocabularies() -> dict[str, str]:
    """Vocabulary name -> first assessment field using it (``systems[].hosting``), from the Vocab markers."""
    return dict(_assessment_vocabularies())


@cache
def _assessment_vocabularies() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for plan in field_plans(model):
            path = (f"{prefix}.{plan.name}" if prefix else plan.name) + ("[]" if plan.is_list else "")
            if plan.submodel is not None:
                walk(plan.submodel, path)
            for marker in plan.markers:
                if isinstance(marker, Vocab):
                    found.setdefault(marker.name, path)

    walk(Assessment, "")
    return found


def _shortlist(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "none"


def _duplicates(key: str, items: list[tuple[str, str]], what: str = "id") -> list[_Found]:
    """``items`` are (path, id); every id seen before is a problem at its path."""
    first: dict[str, str] = {}
    found = []
    for path, item_id in items:
        if item_id in first:
            found.append((key, path, f"duplicate {what} '{item_id}' (also at {first[item_id]})"))
        else:
            first[item_id] = path
    return found


def _id_checks(fw: Framework) -> list[_Found]:
    found = _duplicates("steps", [(f"steps[{i}].id", s.id) for i, s in enumerate(fw.steps)])
    questions = []
    for i, step in enumerate(fw.steps):
        found += _duplicates("steps", [(f"steps[{i}].sections[{j}].id", s.id) for j, s in enumerate(step.sections)])
        questions += [
            (f"steps[{i}].sections[{j}].questions[{k}].id", q.id)
            for j, s in enumerate(step.sections)
            for k, q in enumerate(s.questions)
        ]
        questions += [(f"steps[{i}].checklist[{k}].id", q.id) for k, q in enumerate(step.checklist)]
    found += _duplicates("steps", questions)
    lists = (
        ("maturity_model", "maturity_model.dimensions", fw.maturity_model.dimensions),
        ("criteria_catalogue", "criteria_catalogue", fw.criteria_catalogue),
        ("archetypes", "archetypes", fw.archetypes),
        ("requirement_suggestions", "requirement_suggestions", fw.requirement_suggestions),
        ("survey", "survey", fw.survey),
    )
    for key, prefix, items in lists:
        found += _duplicates(key, [(f"{prefix}[{i}].id", x.id) for i, x in enumerate(items)])
    for name, terms in fw.vocabularies.items():
        found += _duplicates("vocabularies", [(f"vocabularies.{name}[{i}].id", t.id) for i, t in enumerate(terms)])
    return found


def _structure_checks(fw: Framework) -> list[_Found]:
    found = []
    for i, step in enumerate(fw.steps):
        if i < len(STEP_IDS) and (step.id, step.number) != (STEP_IDS[i], i + 1):
            found.append(
                (
                    "steps",
                    f"steps[{i}]",
                    f"expected step {i + 1} '{STEP_IDS[i]}' here, got {step.number} "
                    f"'{step.id}'; the steps are {', '.join(STEP_IDS)} in order",
                )
            )
    if len(fw.steps) != len(STEP_IDS):
        found.append(("steps", "steps", f"there must be exactly {len(STEP_IDS)} steps, got {len(fw.steps)}"))
    levels = fw.maturity_model.levels
    for i in range(1, len(levels)):
        if STAGES.index(levels[i].stage) < STAGES.index(levels[i - 1].stage):
            found.append(
                (
                    "maturity_model",
                    f"maturity_model.levels[{i}].stage",
                    f"'{levels[i].stage}' after '{levels[i - 1].stage}'; stages run {', '.join(STAGES)}",
                )
            )
    return found


def _criteria_checks(fw: Framework, categories: frozenset[str] | None) -> list[_Found]:
    found = []
    for i, c in enumerate(fw.criteria_catalogue):
        at = f"criteria_catalogue[{i}]"
        if c.kind == CriterionKind.QUANTITATIVE and not c.unit:
            found.append(("criteria_catalogue", f"{at}.unit", "a quantitative criterion needs a unit"))
        if c.kind == CriterionKind.SCALE and c.direction != Direction.HIGHER_IS_BETTER:
            found.append(
                (
                    "criteria_catalogue",
                    f"{at}.direction",
                    "scale criteria are scored 0-5 with 5 best; use higher_is_better",
                )
            )
        for j, category in enumerate(c.requirement_categories):
            if categories is not None and category not in categories:
                found.append(
                    (
                        "criteria_catalogue",
                        f"{at}.requirement_categories[{j}]",
                        f"unknown requirement category '{category}' (allowed: {_shortlist(sorted(categories))})",
                    )
                )
    return found


def _archetype_checks(fw: Framework) -> list[_Found]:
    scale = [c.id for c in fw.criteria_catalogue if c.kind == CriterionKind.SCALE]
    known = {c.id for c in fw.criteria_catalogue}
    found = []
    for i, archetype in enumerate(fw.archetypes):
        at = f"archetypes[{i}].prior_scores"
        for criterion_id in archetype.prior_scores:
            if criterion_id not in known:
                found.append(
                    (
                        "archetypes",
                        f"{at}.{criterion_id}",
                        f"unknown criterion '{criterion_id}' (scale criteria: {_shortlist(scale)})",
                    )
                )
            elif criterion_id not in scale:
                found.append(
                    (
                        "archetypes",
                        f"{at}.{criterion_id}",
                        f"'{criterion_id}' is quantitative; prior scores are given for scale criteria only",
                    )
                )
        missing = [c for c in scale if c not in archetype.prior_scores]
        if missing:
            found.append(("archetypes", at, f"no prior score for scale criteria {_shortlist(missing)}"))
    return found


def _suggestion_checks(fw: Framework, categories: frozenset[str] | None) -> list[_Found]:
    known = {c.id for c in fw.criteria_catalogue}
    found = []
    for i, suggestion in enumerate(fw.requirement_suggestions):
        at = f"requirement_suggestions[{i}]"
        if categories is not None and suggestion.category not in categories:
            found.append(
                (
                    "requirement_suggestions",
                    f"{at}.category",
                    f"unknown requirement category '{suggestion.category}' (allowed: {_shortlist(sorted(categories))})",
                )
            )
        for j, criterion_id in enumerate(suggestion.criteria):
            if criterion_id not in known:
                found.append(("requirement_suggestions", f"{at}.criteria[{j}]", f"unknown criterion '{criterion_id}'"))
    return found


def _vocabulary_checks(fw: Framework) -> list[_Found]:
    found = []
    for name, terms in fw.vocabularies.items():
        if name in DERIVED_VOCABULARIES:
            found.append(
                (
                    "vocabularies",
                    f"vocabularies.{name}",
                    f"'{name}' is derived from {DERIVED_VOCABULARIES[name]}; remove it here",
                )
            )
        elif not terms:
            found.append(("vocabularies", f"vocabularies.{name}", "is empty"))
    for name, field in _assessment_vocabularies().items():
        try:
            ids = fw.vocabulary_ids(name)
        except KeyError:
            found.append(
                ("vocabularies", "vocabularies", f"missing vocabulary '{name}' (used by the assessment field {field})")
            )
            continue
        if not ids and name in DERIVED_VOCABULARIES:
            key = DERIVED_VOCABULARIES[name]
            found.append((key, key, f"is empty, but the assessment field {field} takes its ids"))
    return found


def _source_vocabularies() -> dict[str, str]:
    """DataSource field -> the vocabulary it takes (the fields readiness may score)."""
    return {
        plan.name: marker.name
        for plan in field_plans(DataSource)
        for marker in plan.markers
        if isinstance(marker, Vocab) and not plan.is_list
    }


def _readiness_checks(fw: Framework) -> list[_Found]:
    """Every factor names a data source field and its vocabulary, scores every value of it and only its
    values; the levels run best first down to 0."""
    rules, found = fw.readiness, []
    fields = _source_vocabularies()
    seen: dict[str, int] = {}
    for i, factor in enumerate(rules.factors):
        at = f"readiness.factors[{i}]"
        if factor.field not in fields:
            found.append(
                (
                    "readiness",
                    f"{at}.field",
                    f"'{factor.field}' is not a data source field with a vocabulary "
                    f"(fields: {_shortlist(sorted(fields))})",
                )
            )
            continue
        if factor.field in seen:
            found.append(
                ("readiness", f"{at}.field", f"'{factor.field}' is scored twice (also factors[{seen[factor.field]}])")
            )
        seen.setdefault(factor.field, i)
        if factor.vocabulary != fields[factor.field]:
            found.append(
                (
                    "readiness",
                    f"{at}.vocabulary",
                    f"the field '{factor.field}' takes the vocabulary "
                    f"'{fields[factor.field]}', not '{factor.vocabulary}'",
                )
            )
            continue
        terms = [t.id for t in fw.vocabularies.get(factor.vocabulary, [])]
        for key in ("points", "caps"):
            for value in getattr(factor, key):
                if value not in terms:
                    found.append(
                        (
                            "readiness",
                            f"{at}.{key}.{value}",
                            f"unknown value '{value}' of the vocabulary "
                            f"'{factor.vocabulary}' (values: {_shortlist(terms)})",
                        )
                    )
        missing = [t for t in terms if t not in factor.points]
        if missing:
            found.append(("readiness", f"{at}.points", f"no points for {_shortlist(missing)}; score every value"))
    levels = rules.levels
    if not levels:
        found.append(("readiness", "readiness.levels", "is empty; name at least one level with min 0"))
    found += _duplicates("readiness", [(f"readiness.levels[{i}].id", lv.id) for i, lv in enumerate(levels)])
    for i, level in enumerate(levels):
        if level.id == "not_known":
            found.append(("readiness", f"readiness.levels[{i}].id", "'not_known' is kept for unknown readiness"))
        if i and level.min >= levels[i - 1].min:
            found.append(
                (
                    "readiness",
                    f"readiness.levels[{i}].min",
                    f"{level.min} must be below the level before ({levels[i - 1].min}); levels run best first",
                )
            )
    if levels and levels[-1].min != 0:
        found.append(("readiness", f"readiness.levels[{len(levels) - 1}].min", "the last level must start at 0"))
    return found


def framework_problems(fw: Framework) -> list[_Found]:
    """Rules that span parts of a framework: references between them, unique ids, complete vocabularies."""
    terms = fw.vocabularies.get("requirement_category")
    categories = frozenset(t.id for t in terms) if terms is not None else None  # None: reported as missing
    return (
        _id_checks(fw)
        + _structure_checks(fw)
        + _criteria_checks(fw, categories)
        + _archetype_checks(fw)
        + _suggestion_checks(fw, categories)
        + _vocabulary_checks(fw)
        + _readiness_checks(fw)
    )


def catalogue_problems(catalogue: EsrsCatalogue) -> list[_Found]:
    found = _duplicates("", [(f"standards[{i}].code", s.code) for i, s in enumerate(catalogue.standards)], "code")
    found += _duplicates(
        "",
        [(f"disclosure_requirements[{i}].code", d.code) for i, d in enumerate(catalogue.disclosure_requirements)],
        "code",
    )
    for i, dr in enumerate(catalogue.disclosure_requirements):
        if dr.standard not in catalogue.standard_codes:
            found.append(
                (
                    "",
                    f"disclosure_requirements[{i}].standard",
                    f"unknown standard '{dr.standard}' (standards: {_shortlist(s.code for s in catalogue.standards)})",
                )
            )
    return found


def mapping_problems(mapping: CatalogueMapping, old: EsrsCatalogue, new: EsrsCatalogue) -> list[tuple[str, str]]:
    """(path, message) for every code a mapping names that its catalogue does not have, every code mapped
    twice, and every row whose number of targets does not fit its kind."""
    found: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(mapping.rows):
        if row.from_code not in old.dr_codes:
            found.append(
                (f"rows[{i}].from", f"'{row.from_code}' is not a disclosure requirement of {old.id} {old.version}")
            )
        if row.from_code in seen:
            found.append((f"rows[{i}].from", f"'{row.from_code}' is mapped twice (also rows[{seen[row.from_code]}])"))
        seen.setdefault(row.from_code, i)
        for j, code in enumerate(row.to):
            if code not in new.dr_codes:
                found.append(
                    (f"rows[{i}].to[{j}]", f"'{code}' is not a disclosure requirement of {new.id} {new.version}")
                )
        wanted = (
            "one target"
            if row.kind in SINGLE_TARGET_KINDS
            else "two or more targets"
            if row.kind == "split"
            else "no target"
        )
        fits = (
            len(row.to) == 1
            if row.kind in SINGLE_TARGET_KINDS
            else len(row.to) >= 2
            if row.kind == "split"
            else not row.to
        )
        if not fits:
            found.append((f"rows[{i}].to", f"a row of kind '{row.kind}' names {wanted}, not {len(row.to)}"))
    return found
