"""The recommendation as text a steering committee reads, in English and Danish, written from the
structured result only, so the text never says anything the numbers do not.

Short paragraphs, each opened by a plain heading word, with bullets ("• ") for lists. Options, criteria
and requirements appear by the names and texts the user entered (never ids, never translated); numbers
in the language's format (``esg_workbench.formats``); counts with the right singular or plural
(``wording``). What is not known yet (missing costs and scores, unchecked must-haves) is said, never
counted as good. Every phrase is a key of the message catalogue's ``recommendation`` section
(``esg_workbench.messages``); a sentence whose verb follows a count is a plural key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..chain import flags_sentence
from ..domain.assessment import Assessment
from ..domain.framework import NOT_KNOWN, Framework
from ..domain.results import LANGUAGES, BusinessCase, CoverageGap, MaturityGap, OptionGate, Sensitivity
from ..formats import format_number, format_percent
from ..messages import Term, translate
from .business_case_wording import case_sentence, dominated_lines, gap_lines
from .wording import MissingValues, count, gate_lines, listing, missing_lines, noun, quoted

if TYPE_CHECKING:  # pragma: no cover
    from ..domain.results import Recommendation

MAX_LISTED = 6  # disclosure requirements named in a sentence before "and n more"
BULLET = "• "
Texts = dict[str, str]

KEY = "recommendation"  # the catalogue section (esg_workbench/locales) of these phrases


def _say(key: str, lang: str, **values: object) -> str:
    return translate(f"{KEY}.{key}", lang, **values)


class Labels:
    """What the user entered, by id: option, criterion and requirement names and texts (shown as stored,
    never translated), plus the framework's labels per language."""

    def __init__(self, assessment: Assessment, framework: Framework | None) -> None:
        self._options = {o.id: o.name for o in assessment.options}
        self._archetype_of = {o.id: o.archetype for o in assessment.options}
        self._criteria = {c.id: c.name for c in assessment.criteria}
        self._requirements = {r.id: r.text for r in assessment.requirements}
        self.cost_criteria = [c.id for c in assessment.criteria if c.value_source == "tco"]
        self._framework = framework

    @property
    def options(self) -> dict[str, str]:
        return dict(self._options)

    @property
    def criteria(self) -> dict[str, str]:
        return dict(self._criteria)

    def option(self, option_id: str) -> str:
        return self._options.get(option_id, option_id)

    def criterion(self, criterion_id: str) -> str:
        return self._criteria.get(criterion_id, criterion_id)

    def requirement(self, requirement_id: str) -> str:
        return self._requirements.get(requirement_id, requirement_id)

    def archetype(self, option_id: str, lang: str) -> str:
        archetype_id = self._archetype_of.get(option_id, "")
        if self._framework is not None:
            found = next((a for a in self._framework.archetypes if a.id == archetype_id), None)
            if found is not None:
                return found.name.get(lang)
        return archetype_id.replace("_", " ")

    def dimension(self, dimension_id: str, lang: str) -> str:
        if self._framework is not None:
            found = next((d for d in self._framework.maturity_model.dimensions if d.id == dimension_id), None)
            if found is not None:
                return found.name.get(lang)
        return dimension_id.replace("_", " ")


def _both(render: Callable[[str], str]) -> Texts:
    return {lang: render(lang) for lang in LANGUAGES}


def _bullets(head: str, lines: Sequence[str]) -> str:
    return "\n".join([head, *(BULLET + line for line in lines)])


def _points(value: float, lang: str, sign: bool = False) -> str:
    shown = format_number(value, lang, 1)
    return f"{'+' if sign and value > 0 else ''}{shown} {noun(round(value, 1), 'point', lang)}"


@dataclass(frozen=True)
class CaseGaps:
    """What the text needs to say what the business case does not know: every option's case, the data
    sources without manual hours and how many data sources there are."""

    cases: dict[str, BusinessCase]
    sources_without_hours: list[str]
    data_sources: int


def _business_case(rec: Recommendation, labels: Labels, lang: str) -> str:
    """The recommended option's benefit, net present value, payback and cost per point, and the options
    dominated on score and cost."""
    if rec.business_case is None and not rec.dominated:
        return ""
    head = translate("workshop_b.recommendation.head", lang)
    text = head
    if rec.business_case is not None and rec.option_id is not None:
        text += " " + case_sentence(rec.business_case, labels.option(rec.option_id), lang)
    lines = dominated_lines(rec.dominated, labels.options, lang)
    return _bullets(text, lines) if lines else text


# --- coverage --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageCounts:
    """What the text says about ESRS coverage: material disclosure requirements with a data gap and those
    only partly covered. Read from the recommendation in ``coverage_counts`` only, so a richer coverage
    model replaces it there."""

    gaps: list[str]  # disclosure requirement codes, in the recommendation's order
    partial: list[str]
    not_assessed: int = 0  # material disclosure requirements nobody has assessed yet
    left_open: int = 0  # of those, the ones left open with a note saying why
    material: int = 0  # material disclosure requirements in all
    catalogue: str = "ESRS"  # the catalogue version the codes belong to: "ESRS 2026"
    needs_review: int = 0  # coverage items a catalogue move could not place


def coverage_counts(rec: Recommendation) -> CoverageCounts:
    def codes(status: str) -> list[str]:
        return list(dict.fromkeys(g.disclosure_requirement for g in rec.coverage_gaps if g.status == status))

    summary = rec.coverage
    return CoverageCounts(
        gaps=codes("gap"),
        partial=codes("partial"),
        not_assessed=summary.not_assessed if summary else 0,
        left_open=summary.left_open if summary else 0,
        material=summary.material_drs if summary else 0,
        catalogue=(summary.catalogue if summary else "") or "ESRS",
        needs_review=len(summary.needs_review) if summary else 0,
    )


def _codes(codes: Sequence[str], lang: str) -> str:
    shown = ", ".join(codes[:MAX_LISTED])
    if len(codes) > MAX_LISTED:
        shown += " " + _say("more", lang, n=len(codes) - MAX_LISTED)
    return shown


# --- the recommendation ----------------------------------------------------------------------------


def _score(total: float, method: str, lang: str) -> str:
    return _say(f"score.{method}", lang, total=format_number(total, lang, 3 if method == "topsis" else 1))


def _headline(rec: Recommendation, labels: Labels, lang: str) -> str:
    if rec.option_id is None:
        return _say("none", lang)
    values = {
        "name": labels.option(rec.option_id),
        "archetype": labels.archetype(rec.option_id, lang),
        "score": _score(rec.total, rec.method, lang),
    }
    if rec.runner_up_id is None:
        return _say("headline", lang, **values)
    runner_score = format_number(rec.runner_up_total, lang, 3 if rec.method == "topsis" else 1)
    return _say("headline_runner", lang, **values, runner=labels.option(rec.runner_up_id), runner_score=runner_score)


def _robustness(rec: Recommendation, sens: Sensitivity, labels: Labels, lang: str) -> str:
    if rec.option_id is None:
        return ""
    if rec.probability_first is None:
        return _say("robust.none", lang)
    figure = _say(
        "robust.figure",
        lang,
        name=labels.option(rec.option_id),
        pct=format_percent(rec.probability_first, lang),
        n=count(sens.samples, "simulation", lang),
        spread=format_percent(sens.weight_spread, lang),
        cells=count(sens.uncertain_cells, "uncertain_score", lang),
    )
    return f"{figure} {_say(f'robust.{rec.robustness}', lang)}"


def _drivers(rec: Recommendation, labels: Labels, lang: str) -> str:
    if not rec.drivers:
        return ""
    if rec.runner_up_id is None:
        items = [_say("why.item", lang, name=d.name, points=_points(d.points, lang)) for d in rec.drivers]
        return _bullets(_say("why.strongest", lang), items)
    runner = labels.option(rec.runner_up_id)
    items = [_say("why.item", lang, name=d.name, points=_points(d.advantage, lang, sign=True)) for d in rec.drivers]
    text = _bullets(_say("why.lead", lang, runner=runner), items)
    if rec.trade_offs:
        text += "\n" + _say("why.trade_off", lang, runner=runner, names=listing([d.name for d in rec.trade_offs], lang))
    return text


def _sensitive(rec: Recommendation, labels: Labels, lang: str) -> str:
    point = rec.most_sensitive
    if rec.option_id is None:
        return ""
    if point is None:
        return _say("tip.none", lang)
    tip = min((t for t in (point.increase, point.decrease) if t is not None), key=lambda t: abs(t.change))
    return _say(
        "tip.up" if tip.change > 0 else "tip.down",
        lang,
        criterion=labels.criterion(point.criterion_id),
        now=format_percent(point.share, lang),
        then=format_percent(tip.share, lang),
        option=labels.option(tip.new_top),
    )


def _gates(gates: dict[str, OptionGate], labels: Labels, lang: str) -> str:
    if not gates or all(g.eligible for g in gates.values()):
        return ""
    summary, *lines = gate_lines(gates, labels.options, lang)
    return _bullets(f"{_say('gates', lang)} {summary}", lines)


def _uncovered(rec: Recommendation, labels: Labels, lang: str) -> str:
    lines = []
    cov = coverage_counts(rec)
    parts = []
    if cov.not_assessed:
        left_open = translate("coverage.left_open", lang, count=cov.left_open) if cov.left_open else ""
        parts.append(
            _say("coverage.not_assessed", lang, count=cov.not_assessed, what=count(cov.material, "material_dr", lang))
            + left_open
        )
    if cov.gaps:
        parts.append(
            _say(
                "coverage.gap",
                lang,
                count=len(cov.gaps),
                what=count(len(cov.gaps), "material_dr", lang),
                codes=_codes(cov.gaps, lang),
            )
        )
    if cov.partial:
        parts.append(
            _say(
                "coverage.partial",
                lang,
                count=len(cov.partial),
                what=count(len(cov.partial), "material_dr", lang),
                codes=_codes(cov.partial, lang),
            )
        )
    if cov.needs_review:
        parts.append(_say("coverage.review", lang, count=cov.needs_review))
    if parts:
        lines.append(_say("coverage.line", lang, catalogue=cov.catalogue, parts=listing(parts, lang)))
    if rec.readiness is not None:
        lines += [rec.readiness.sentence(lang), rec.readiness.automation.sentence(lang)]
    # Items under review are said in the coverage line above already.
    chain = flags_sentence({f: n for f, n in rec.chain_flags.items() if f != "under_review"}, lang)
    if chain:
        lines.append(chain)
    if rec.maturity_gaps:
        lines.append(_say("maturity", lang, dims=_levels(rec.maturity_gaps, labels, "target_long", lang)))
    if rec.unmet_requirements:
        items = [
            _say("unmet_item", lang, text=quoted(u.text), priority=Term(f"{KEY}.priority.{u.priority}"))
            for u in rec.unmet_requirements
        ]
        lines.append(_say("unmet", lang, requirements=listing(items, lang)))
    return _bullets(_say("open", lang), lines) if lines else ""


def _levels(gaps: Sequence[MaturityGap], labels: Labels, target: str, lang: str) -> str:
    return listing(
        [
            _say("level", lang, name=labels.dimension(g.dimension, lang), now=g.current, then=getattr(g, target))
            for g in gaps
        ],
        lang,
    )


def _unknowns(
    missing: MissingValues,
    gates: dict[str, OptionGate],
    labels: Labels,
    lang: str,
    rec: Recommendation | None = None,
    case_gaps: CaseGaps | None = None,
) -> str:
    lines = missing_lines(missing, labels.options, labels.criteria, lang)
    if case_gaps is not None:
        lines += gap_lines(
            case_gaps.cases, case_gaps.sources_without_hours, labels.options, lang, data_sources=case_gaps.data_sources
        )
    cov = coverage_counts(rec) if rec is not None else None
    if cov is not None and cov.not_assessed:
        lines.append(
            _say("unknown.not_assessed", lang, count=cov.not_assessed, what=count(cov.material, "material_dr", lang))
        )
    not_known = rec.readiness.overall.counts.get(NOT_KNOWN, 0) if rec is not None and rec.readiness else 0
    if not_known:
        lines.append(translate("readiness.unknown", lang, count=not_known))
    lines += [
        _say("unknown.unchecked", lang, option=labels.option(o), what=count(len(g.unchecked), "must_have", lang))
        for o, g in gates.items()
        if g.unchecked
    ]
    if not lines:
        return f"{_say('unknown.head', lang)} {_say('unknown.nothing', lang)}"
    return _bullets(_say("unknown.head", lang), lines)


def _decision(rec: Recommendation, labels: Labels, lang: str) -> str:
    if rec.agrees_with_decision is None:
        return ""
    if rec.agrees_with_decision:
        return _say("decision.agrees", lang)
    return _say("decision.differs", lang, name=labels.option(rec.decision_option_id or ""))


def _roadmap(rec: Recommendation, lang: str) -> str:
    if not rec.roadmap:
        return ""
    steps = [f"{k}. {step.texts[lang]}" for k, step in enumerate(rec.roadmap, start=1)]
    return "\n".join([_say("roadmap", lang), *steps])


def recommendation_texts(
    rec: Recommendation,
    sens: Sensitivity,
    labels: Labels,
    gates: dict[str, OptionGate],
    missing: MissingValues,
    case_gaps: CaseGaps | None = None,
) -> Texts:
    """The recommendation in each language: paragraphs separated by a blank line."""

    def render(lang: str) -> str:
        parts = [
            _headline(rec, labels, lang),
            _robustness(rec, sens, labels, lang),
            _drivers(rec, labels, lang),
            _sensitive(rec, labels, lang),
            _business_case(rec, labels, lang),
            _gates(gates, labels, lang),
            _uncovered(rec, labels, lang),
            _unknowns(missing, gates, labels, lang, rec, case_gaps),
            _decision(rec, labels, lang),
            _roadmap(rec, lang),
        ]
        return "\n\n".join(p for p in parts if p)

    return _both(render)


# --- roadmap steps -------------------------------------------------------------------------------


def _month_count(months: float, lang: str) -> str:
    shown = format_number(months, lang, 0 if float(months).is_integer() else 1)
    return f"{shown} {noun(months, 'month', lang)}"


def roadmap_texts(kind: str, labels: Labels, **kw) -> Texts:
    """The text of one roadmap step; ``kind`` is interim, foundation, target, no_target or improve."""
    return _both(lambda lang: _STEPS[kind](labels, lang, **kw))


def _interim(
    labels: Labels, lang: str, *, option: str, target: str | None, months: float | None, failed: list[str]
) -> str:
    about = "" if months is None else _say("step.about", lang, months=_month_count(months, lang))
    text = _say("step.interim", lang, name=labels.option(option), months=about)
    text += _say("step.interim_while", lang, target=labels.option(target)) if target else "."
    if failed:
        text += _say("step.interim_fails", lang, what=count(len(failed), "must_have", lang))
    return text


def _foundation(labels: Labels, lang: str, *, gaps: list[CoverageGap], dims: list[MaturityGap]) -> str:
    n_gap = len({g.disclosure_requirement for g in gaps if g.status == "gap"})
    n_partial = len({g.disclosure_requirement for g in gaps if g.status == "partial"})
    coverage = []
    if n_gap:
        coverage.append(_say("step.close_gaps", lang, what=count(n_gap, "material_dr", lang)))
    if n_partial:
        coverage.append(_say("step.complete", lang, count=n_partial, what=count(n_partial, "material_dr", lang)))
    parts = [listing(coverage, lang)] if coverage else []
    if dims:
        parts.append(_say("step.raise_short", lang, dims=_levels(dims, labels, "target_short", lang)))
    return _say("step.foundation", lang, parts="; ".join(parts))


def _target(labels: Labels, lang: str, *, option: str, months: float | None) -> str:
    if months is None:
        return _say("step.target", lang, name=labels.option(option))
    return _say("step.target_months", lang, name=labels.option(option), months=_month_count(months, lang))


def _no_target(labels: Labels, lang: str) -> str:
    return _say("step.no_target", lang)


def _improve(labels: Labels, lang: str, *, dims: list[MaturityGap]) -> str:
    return _say("step.improve", lang, dims=_levels(dims, labels, "target_long", lang))


_STEPS: dict[str, Callable[..., str]] = {
    "interim": _interim,
    "foundation": _foundation,
    "target": _target,
    "no_target": _no_target,
    "improve": _improve,
}
