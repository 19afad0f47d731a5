"""Fixed-row tables whose rows come from the framework or from other lists: maturity per dimension,
survey answers, the materiality outcome per ESRS standard, one option's scores per criterion, and the
must-have checks (must requirements x options). An empty row means "not rated yet" and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..domain.assessment import MaterialTopic, MaturityRating, MustHaveCheck, Score, SurveyAnswer
from ..domain.field_registry import field_spec
from ..domain.fields import Priority
from ..domain.materiality import from_flags, topic_outcome
from .display import criterion_name, standard_label
from .editing import Issue, issues_from_validation_error
from .i18n import t
from .table_columns import enum, vocab
from .table_editor import Col, Ctx, changed_cells, digest

Rows = list[tuple[int | None, dict[str, Any]]]


def _blank(values: dict[str, Any], fields: tuple[str, ...]) -> bool:
    return all(values.get(f) in (None, "", []) for f in fields)


def _parse(model: type[BaseModel], data: dict[str, Any], row: int, issues: list[Issue]) -> BaseModel | None:
    try:
        return model.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        issues += issues_from_validation_error(exc, row=row)
        return None


def _merge_keyed(
    old: list, new_by_key: dict, key_of: Callable[[Any], Any], keep_old: set, row_of: dict
) -> tuple[list, list[int | None]]:
    """``old`` with the items this table owns replaced in place (or dropped), then new ones appended;
    and for each resulting item the table row it came from (None for items the table does not own)."""
    items, rows, seen = [], [], set()
    for item in old:
        key = key_of(item)
        if key in new_by_key:
            items.append(new_by_key[key])
            rows.append(row_of.get(key))
            seen.add(key)
        elif key not in keep_old:
            continue
        else:
            items.append(item)
            rows.append(row_of.get(key))
    for key, item in new_by_key.items():
        if key not in seen:
            items.append(item)
            rows.append(row_of.get(key))
    return items, rows


@dataclass(frozen=True)
class MaturityGrid:
    name: str = "maturity"
    path: str = "to_be.maturity"
    dynamic: bool = False

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        rating = field_spec(MaturityRating, "current")  # the levels' bounds as the model has them
        level = {"kind": "int", "min": rating.minimum, "max": rating.maximum, "number_format": "%d"}
        return (
            Col("dimension", "col.dimension", disabled=True, width="medium"),
            Col("current", "col.current", help="help.level", **level),
            Col("target_short", "col.target_short", help="help.level", **level),
            Col("target_long", "col.target_long", help="help.level", **level),
            Col("notes", "col.notes", width="large"),
        )

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        rated = {m.dimension: m for m in ctx.assessment.to_be.maturity}
        dims = ctx.framework.maturity_model.dimensions
        rows = []
        for d in dims:
            m = rated.get(d.id)
            rows.append({"dimension": d.name.get(ctx.lang), **(m.model_dump(exclude={"dimension"}) if m else {})})
        return rows, [d.id for d in dims]

    def apply(self, ctx: Ctx, source: list[str], rows: Rows, skip: set[int], memory: dict) -> tuple:
        old = {m.dimension: m for m in ctx.assessment.to_be.maturity}
        new: dict[str, BaseModel] = {}
        issues: list[Issue] = []
        row_of: dict[str, int] = {}
        for number, (position, values) in enumerate(rows):
            dim = source[position]
            row_of[dim] = number
            if number in skip:
                if dim in old:
                    new[dim] = old[dim]
                continue
            if _blank(values, ("current", "target_short", "target_long", "notes")):
                continue
            rating = _parse(MaturityRating, {"dimension": dim, **values}, number, issues)
            if rating is not None:
                new[dim] = rating
            elif dim in old:
                new[dim] = old[dim]
        ordered = [new[d] for d in source if d in new]
        extra = [m for m in ctx.assessment.to_be.maturity if m.dimension not in source]
        to_be = ctx.assessment.to_be.model_copy(update={"maturity": ordered + extra})
        return ctx.assessment.model_copy(update={"to_be": to_be}), issues, [row_of[m.dimension] for m in ordered]

    def signature(self, ctx: Ctx) -> str:
        return digest([m.model_dump(mode="json") for m in ctx.assessment.to_be.maturity])


@dataclass(frozen=True)
class SurveyGrid:
    name: str = "survey"
    path: str = "to_be.survey"
    dynamic: bool = False

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        options, fmt = vocab("survey_answer")
        return (
            Col("question", "col.question", disabled=True, width="large"),
            Col("high_pct", "col.dk_high", "float", disabled=True, number_format="%.0f %%"),
            Col("low_pct", "col.dk_low", "float", disabled=True, number_format="%.0f %%"),
            Col("answer", "col.our_answer", "select", options=options, fmt=fmt),
        )

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        answers = {s.question: s.answer for s in ctx.assessment.to_be.survey}
        rows = [
            {
                "question": q.text.get(ctx.lang),
                "high_pct": q.high_pct,
                "low_pct": q.low_pct,
                "answer": answers.get(q.id),
            }
            for q in ctx.framework.survey
        ]
        return rows, [q.id for q in ctx.framework.survey]

    def apply(self, ctx: Ctx, source: list[str], rows: Rows, skip: set[int], memory: dict) -> tuple:
        answers = []
        issues: list[Issue] = []
        index_rows = []
        for number, (position, values) in enumerate(rows):
            if values.get("answer") is None or number in skip:
                continue
            answer = _parse(SurveyAnswer, {"question": source[position], "answer": values["answer"]}, number, issues)
            if answer is not None:
                answers.append(answer)
                index_rows.append(number)
        to_be = ctx.assessment.to_be.model_copy(update={"survey": answers})
        return ctx.assessment.model_copy(update={"to_be": to_be}), issues, index_rows

    def signature(self, ctx: Ctx) -> str:
        return digest([s.model_dump(mode="json") for s in ctx.assessment.to_be.survey])


@dataclass(frozen=True)
class MaterialityGrid:
    """One row per topical ESRS standard: impact and financial materiality (yes, no or not answered),
    the outcome that follows from them (read-only; ``domain.materiality``) and why."""

    name: str = "material_topics"
    path: str = "material_topics"
    dynamic: bool = False

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        outcomes = ["material", "not_material", "not_assessed"]
        labels = {"material": "materiality.material", "not_material": "materiality.not_material"}
        labels["not_assessed"] = "numbers.outcome_not_assessed"
        flags = ["yes", "no"]
        flag_fmt = lambda ctx: lambda v: t(f"numbers.flag_{v}")  # noqa: E731
        return (
            Col("standard", "col.standard", disabled=True, width="medium"),
            Col("impact_material", "col.impact_material", "select", options=lambda ctx: flags, fmt=flag_fmt),
            Col("financial_material", "col.financial_material", "select", options=lambda ctx: flags, fmt=flag_fmt),
            Col(
                "outcome",
                "col.materiality",
                "select",
                options=lambda ctx: outcomes,
                fmt=lambda ctx: lambda v: t(labels[v]),
                disabled=True,
                help="numbers.outcome_help",
            ),
            Col("rationale", "col.rationale", width="large"),
        )

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        topics = {m.esrs: m for m in ctx.assessment.material_topics}
        codes = [s.code for s in ctx.framework.esrs.standards if s.pillar != "cross_cutting"]
        rows = []
        for code in codes:
            m = topics.get(code)
            rows.append(
                {
                    "standard": standard_label(code, ctx.framework, ctx.lang),
                    "impact_material": _flag(m.impact_material if m else None),
                    "financial_material": _flag(m.financial_material if m else None),
                    "outcome": topic_outcome(m) if m else "not_assessed",
                    "rationale": m.rationale if m else "",
                }
            )
        return rows, codes

    def apply(self, ctx: Ctx, source: list[str], rows: Rows, skip: set[int], memory: dict) -> tuple:
        old = {m.esrs: m for m in ctx.assessment.material_topics}
        new: dict[str, BaseModel] = {}
        issues: list[Issue] = []
        row_of: dict[str, int] = {}
        for number, (position, values) in enumerate(rows):
            code = source[position]
            row_of[code] = number
            if number in skip:
                if code in old:
                    new[code] = old[code]
                continue
            impact = _from_flag(values.get("impact_material"))
            financial = _from_flag(values.get("financial_material"))
            # The flags decide; where they leave it open, an outcome recorded before (e.g. in a file written
            # before the flags existed) is kept rather than dropped.
            decided = from_flags(impact, financial)
            material = decided if decided is not None else (old[code].material if code in old else None)
            rationale = values.get("rationale") or ""
            if impact is None and financial is None and material is None and not rationale:
                continue
            data = {
                "esrs": code,
                "material": material,
                "impact_material": impact,
                "financial_material": financial,
                "rationale": rationale,
            }
            if code in old:  # a flag not known yet shows as unticked; it stays unknown unless ticked here
                kept = {"impact_material", "financial_material"} - changed_cells(values)
                data.update({name: getattr(old[code], name) for name in kept})
            topic = _parse(MaterialTopic, data, number, issues)
            if topic is not None:
                new[code] = topic
            elif code in old:
                new[code] = old[code]
        items, index_rows = _merge_keyed(
            ctx.assessment.material_topics,
            new,
            lambda m: m.esrs,
            {m.esrs for m in ctx.assessment.material_topics if m.esrs not in source},
            row_of,
        )
        return ctx.assessment.model_copy(update={"material_topics": items}), issues, index_rows

    def signature(self, ctx: Ctx) -> str:
        return digest([m.model_dump(mode="json") for m in ctx.assessment.material_topics])


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _from_flag(value: Any) -> bool | None:
    return None if value is None else value == "yes"


@dataclass(frozen=True)
class ScoreGrid:
    """One option's scores: a row per criterion that is scored (not computed from cost or time)."""

    option_id: str
    name: str = "scores"
    path: str = "scores"
    dynamic: bool = False

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        return (
            Col("criterion", "col.criterion", disabled=True, width="medium"),
            Col("prior", "col.prior", "float", disabled=True, number_format="%.1f", help="help.prior"),
            Col("value", "col.score", "float", step=0.5, help="help.score"),
            Col("low", "col.low", "float", step=0.5, help="help.range"),
            Col("high", "col.high", "float", step=0.5, help="help.range"),
            Col("rationale", "col.rationale", width="large"),
        )

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        a = ctx.assessment
        option = next(o for o in a.options if o.id == self.option_id)
        priors = next((arch.prior_scores for arch in ctx.framework.archetypes if arch.id == option.archetype), {})
        criteria = [c for c in a.criteria if c.value_source == "score"]
        rows = []
        for c in criteria:
            s = a.score_of(self.option_id, c.id)
            rows.append(
                {
                    "criterion": criterion_name(c, ctx.framework, ctx.lang),
                    "prior": priors.get(c.catalogue_id or ""),
                    **(s.model_dump(include={"value", "low", "high", "rationale"}) if s else {}),
                }
            )
        return rows, [c.id for c in criteria]

    def apply(self, ctx: Ctx, source: list[str], rows: Rows, skip: set[int], memory: dict) -> tuple:
        a = ctx.assessment
        new: dict[tuple[str, str], BaseModel] = {}
        issues: list[Issue] = []
        row_of: dict[tuple[str, str], int] = {}
        for number, (position, values) in enumerate(rows):
            key = (self.option_id, source[position])
            row_of[key] = number
            stored = a.score_of(*key)
            if number in skip:
                if stored is not None:
                    new[key] = stored
                continue
            if values.get("value") is None:
                continue  # an empty score removes it
            data = {"option_id": key[0], "criterion_id": key[1], **values, "rationale": values.get("rationale") or ""}
            score = _parse(Score, data, number, issues)
            if score is not None:
                new[key] = score
            elif stored is not None:
                new[key] = stored
        keep = {
            (s.option_id, s.criterion_id)
            for s in a.scores
            if s.option_id != self.option_id or s.criterion_id not in source
        }
        items, index_rows = _merge_keyed(a.scores, new, lambda s: (s.option_id, s.criterion_id), keep, row_of)
        return a.model_copy(update={"scores": items}), issues, index_rows

    def signature(self, ctx: Ctx) -> str:
        return digest([s.model_dump(mode="json") for s in ctx.assessment.scores if s.option_id == self.option_id])


@dataclass(frozen=True)
class MustHaveGrid:
    """Must requirements (rows) against options (columns): met, not met, or not checked yet."""

    name: str = "must_have_checks"
    path: str = "must_have_checks"
    dynamic: bool = False

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        from .display import option_name

        options, fmt = enum(["met", "not_met"], "check")
        return (Col("requirement", "col.requirement", disabled=True, width="large"),) + tuple(
            Col(
                f"o:{o.id}",
                option_name(o, ctx.framework, ctx.lang),
                "select",
                options=options,
                fmt=fmt,
                width="medium",
                raw_label=True,
            )
            for o in ctx.assessment.options
        )

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        a = ctx.assessment
        musts = [r for r in a.requirements if r.priority == Priority.MUST]
        checks = {(m.option_id, m.requirement_id): m.met for m in a.must_have_checks}
        rows = []
        for r in musts:
            row = {"requirement": r.text}
            for o in a.options:
                met = checks.get((o.id, r.id))
                row[f"o:{o.id}"] = None if met is None else ("met" if met else "not_met")
            rows.append(row)
        return rows, [r.id for r in musts]

    def apply(self, ctx: Ctx, source: list[str], rows: Rows, skip: set[int], memory: dict) -> tuple:
        a = ctx.assessment
        old = {(m.option_id, m.requirement_id): m for m in a.must_have_checks}
        new: dict[tuple[str, str], BaseModel] = {}
        issues: list[Issue] = []
        row_of: dict[tuple[str, str], int] = {}
        for number, (position, values) in enumerate(rows):
            for o in a.options:
                key = (o.id, source[position])
                row_of[key] = number
                value = values.get(f"o:{o.id}")
                if number in skip and key in old:
                    new[key] = old[key]
                elif value is not None and number not in skip:
                    note = old[key].note if key in old else ""
                    check = _parse(
                        MustHaveCheck,
                        {"option_id": o.id, "requirement_id": key[1], "met": value == "met", "note": note},
                        number,
                        issues,
                    )
                    if check is not None:
                        new[key] = check
        owned = set(source)
        keep = {k for k in old if k[1] not in owned}
        items, index_rows = _merge_keyed(
            a.must_have_checks, new, lambda m: (m.option_id, m.requirement_id), keep, row_of
        )
        return a.model_copy(update={"must_have_checks": items}), issues, index_rows

    def signature(self, ctx: Ctx) -> str:
        musts = sorted(r.id for r in ctx.assessment.requirements if r.priority == Priority.MUST)
        return digest([musts, [m.model_dump(mode="json") for m in ctx.assessment.must_have_checks]])
