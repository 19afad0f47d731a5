"""Readiness for automation and today's automation share, computed once from the coverage model and the
framework's readiness rules (``frameworks/<framework>/<version>/readiness.yaml``, the model
``domain.framework.ReadinessRules``). The app, the workbook, the CLI, the recommendation and the report
all read :func:`readiness_summary` (the score result carries it in ``Recommendation.readiness``).

Rules (the numbers are data; these are the steps)
- A data source scores the weighted mean of its factors' points (availability, quality, aggregation,
  collection frequency), held at or below the lowest cap any of its values sets. A factor value without
  points (quality "unknown") makes the source's readiness not known.
- A coverage item combines its sources by the rules' ``combine`` (``weakest``: the lowest; ``mean``). An
  item without a source, or with a source that is not known, is not known.
- A material DR (``coverage_summary``; items under review are not counted there, nor here) combines
  all the sources of its items the same way; it is not known when it has no item or any of its items
  is not known. An item out of scope (a datapoint the organisation does not report) is not counted: it
  needs no data, so neither its sources nor its lack of one say anything about readiness. Its level is
  the first level whose ``min`` the score reaches.
- Per standard and overall: the material DRs counted by level, and the mean score of those whose
  readiness is known (None when none is), with the number not known said beside it.
- Automation share today: the material DRs whose coverage status is "automated", over all material DRs
  (not-assessed DRs count in the denominator and are said apart: they are not known to be automated).
  Against the to-be target (``ToBe.automation_target_pct``): the gap in percentage points (target minus
  today; 0 or below means the target is met); no target set is said, never assumed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from .coverage import OUT_OF_SCOPE, CoverageSummary, coverage_summary
from .domain.assessment import Assessment, DataSource
from .domain.framework import NOT_KNOWN, ReadinessRules
from .formats import format_count, format_number, format_percent
from .messages import LANGUAGES, translate

NO_SOURCE = "no_source"  # why a readiness is not known: no data source linked
UNKNOWN_VALUE = "unknown_value"  # a linked source has a factor value without points (quality unknown)


class _Frozen(BaseModel):
    """Results are frozen; the many per-source, per-item and per-DR rows are built with
    ``model_construct`` from values this module computed from a validated assessment (validating them
    again cost a fifth of ``score``'s time budget on a catalogue-sized coverage)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceReadiness(_Frozen):
    """One data source's score; ``score`` None when a factor's value is not known (``unknown_factor``)."""

    source_id: str
    score: float | None
    factor_points: dict[str, int | None]  # DataSource field -> points of its value (None: not known)
    capped_by: str | None = None  # the field whose value's cap held the score down
    unknown_factor: str | None = None


class Scored(_Frozen):
    """What a DR and a coverage item share: a score, its level, and the weakest source or why not known."""

    score: float | None
    level: str  # a level id of the rules, or "not_known"
    weakest_source_id: str | None = None  # the lowest source (the one that sets a "weakest" score)
    reason: str | None = None  # why not known: "no_source" or "unknown_value"
    unknown_source_id: str | None = None  # the source whose value is not known

    def explained(self, source_names: dict[str, str], lang: str = "en") -> str:
        """The weakest source's name, or why the readiness is not known, in words."""
        if self.reason == NO_SOURCE:
            return translate("readiness.why.no_source", lang)
        if self.reason == UNKNOWN_VALUE:
            source = self.unknown_source_id or ""
            return translate("readiness.why.unknown_value", lang, source=source_names.get(source, source))
        return source_names.get(self.weakest_source_id or "", self.weakest_source_id or "")


class DrReadiness(Scored):
    """One material DR's readiness, from the sources of its coverage items."""

    code: str
    standard: str
    source_ids: list[str] = []


class ItemReadiness(Scored):
    """One coverage item's readiness (a DR's or one datapoint's), from its own sources."""

    item_id: str
    disclosure_requirement: str
    datapoint_id: str | None = None


class ReadinessCounts(_Frozen):
    """Material DRs of one standard (or all, ``standard`` "") counted by readiness level."""

    standard: str
    material_drs: int
    counts: dict[str, int]  # every level id of the rules, best first, then "not_known"; zeros included
    mean_score: float | None  # over the DRs whose readiness is known; None when none is

    @property
    def known(self) -> int:
        return self.material_drs - self.counts.get(NOT_KNOWN, 0)


class AutomationShare(_Frozen):
    """Today's automation share (material DRs covered automatically) against the to-be target."""

    material_drs: int
    automated: int
    not_assessed: int  # material DRs not assessed: in the denominator, not known to be automated
    share: float | None  # automated / material DRs (a fraction); None without material DRs
    target_pct: float | None  # ToBe.automation_target_pct; None: no target set
    gap_points: float | None  # target - today in percentage points; None without a target or a share

    @property
    def share_pct(self) -> float | None:
        return None if self.share is None else 100 * self.share

    @property
    def target_met(self) -> bool | None:
        return None if self.gap_points is None else self.gap_points <= 0

    def sentence(self, lang: str = "en") -> str:
        """'Automated today: 8 of 41 material DRs (19.5 %) against a target of 70 %: 50.5 points short.'"""
        if self.share is None:
            return translate("readiness.automation.none", lang)
        today = translate(
            "readiness.automation.today",
            lang,
            automated=self.automated,
            count=self.material_drs,
            share=format_percent(self.share, lang, 1),
        )
        if self.target_pct is None:
            target = translate("readiness.automation.no_target", lang)
        elif self.target_met:
            target = translate("readiness.automation.met", lang, target=format_percent(self.target_pct / 100, lang, 0))
        else:
            target = translate(
                "readiness.automation.short",
                lang,
                target=format_percent(self.target_pct / 100, lang, 0),
                gap=format_number(self.gap_points or 0.0, lang, 1),
            )
        unassessed = (
            translate("readiness.automation.not_assessed", lang, count=self.not_assessed) if self.not_assessed else ""
        )
        return f"{today}{target}{unassessed}"


class ReadinessSummary(_Frozen):
    """The readiness of the material DRs, per standard and overall, and the automation share."""

    levels: list[str]  # the level ids, best first, then "not_known"
    level_labels: dict[str, dict[str, str]]  # level id -> language -> label (as the rules name them)
    combine: str
    catalogue: str = ""  # the coverage summary's catalogue short name: "ESRS 2026"
    drs: list[DrReadiness]  # every material DR, in catalogue order
    items: list[ItemReadiness] = []  # the coverage items of the material DRs (not those under review)
    sources: list[SourceReadiness] = []
    by_standard: list[ReadinessCounts]
    overall: ReadinessCounts
    automation: AutomationShare

    def label(self, level: str, lang: str = "en") -> str:
        labels = self.level_labels.get(level, {})
        return labels.get(lang) or labels.get("en") or level

    def sentence(self, lang: str = "en") -> str:
        """'Readiness of the 41 material disclosure requirements of ESRS 2023: 5 ready, 8 partly ready,
        2 not ready, 26 not known.'"""
        parts = [f"{format_count(self.overall.counts[lv], lang)} {self.label(lv, lang).lower()}" for lv in self.levels]
        return translate(
            "readiness.sentence",
            lang,
            count=self.overall.material_drs,
            catalogue=self.catalogue or "ESRS",
            parts=_listing(parts, lang),
        )


def _listing(items: list[str], lang: str) -> str:
    """a, b and c / a, b og c (the wording section's conjunction)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {translate('wording.and', lang)} {items[-1]}"


def source_readiness(source: DataSource, rules: ReadinessRules) -> SourceReadiness:
    """A data source's score under ``rules`` (the first rule of the module docstring)."""
    points: dict[str, int | None] = {}
    total = weights = 0.0
    cap: tuple[int, str] | None = None
    unknown = None
    for factor in rules.factors:
        value = str(getattr(source, factor.field))
        got = factor.points.get(value)
        points[factor.field] = got
        if got is None:
            unknown = unknown or factor.field
            continue
        total += factor.weight * got
        weights += factor.weight
        if value in factor.caps and (cap is None or factor.caps[value] < cap[0]):
            cap = (factor.caps[value], factor.field)
    if unknown is not None:
        return SourceReadiness.model_construct(
            source_id=source.id, score=None, factor_points=points, unknown_factor=unknown
        )
    score = total / weights if weights else 0.0
    capped_by = None
    if cap is not None and cap[0] < score:
        score, capped_by = float(cap[0]), cap[1]
    return SourceReadiness.model_construct(source_id=source.id, score=score, factor_points=points, capped_by=capped_by)


def _combine(
    source_ids: Iterable[str], scored: dict[str, SourceReadiness], rule: str
) -> tuple[float | None, str | None, str | None, str | None]:
    """(score, weakest source, reason not known, source not known) of a set of sources."""
    ids = [s for s in dict.fromkeys(source_ids) if s in scored]
    if not ids:
        return None, None, NO_SOURCE, None
    unknown = next((s for s in ids if scored[s].score is None), None)
    if unknown is not None:
        return None, None, UNKNOWN_VALUE, unknown
    scores = {s: scored[s].score for s in ids}
    weakest = min(ids, key=lambda s: scores[s])  # type: ignore[arg-type, return-value]
    if rule == "mean":
        return sum(scores.values()) / len(ids), weakest, None, None  # type: ignore[arg-type]
    return scores[weakest], weakest, None, None


def _counts(standard: str, drs: list[DrReadiness], levels: list[str]) -> ReadinessCounts:
    counts = dict.fromkeys(levels, 0)
    for dr in drs:
        counts[dr.level] += 1
    known = [dr.score for dr in drs if dr.score is not None]
    return ReadinessCounts(
        standard=standard,
        material_drs=len(drs),
        counts=counts,
        mean_score=sum(known) / len(known) if known else None,
    )


def automation_share(assessment: Assessment, coverage: CoverageSummary) -> AutomationShare:
    """Today's automation share from the coverage model, against the to-be target."""
    material = coverage.material_drs
    automated = coverage.counts.get("automated", 0)
    share = automated / material if material else None
    target = assessment.to_be.automation_target_pct
    gap = None if target is None or share is None else target - 100 * share
    return AutomationShare(
        material_drs=material,
        automated=automated,
        not_assessed=coverage.not_assessed,
        share=share,
        target_pct=target,
        gap_points=gap,
    )


def readiness_summary(
    assessment: Assessment, framework: Any, coverage: CoverageSummary | None = None
) -> ReadinessSummary:
    """The readiness every surface reads; ``coverage`` is the assessment's coverage summary (computed
    when not given). ``framework`` must be loaded (the rules are framework data)."""
    framework = framework.for_assessment(assessment)
    rules: ReadinessRules = framework.readiness
    coverage = coverage if coverage is not None else coverage_summary(assessment, framework)
    levels = list(rules.level_ids)
    scored = {s.id: source_readiness(s, rules) for s in assessment.data_sources}
    items_by_id = {c.id: c for c in assessment.coverage}
    items: list[ItemReadiness] = []
    item_of: dict[str, ItemReadiness] = {}
    reported = {c.id for c in assessment.coverage if c.status != OUT_OF_SCOPE}
    item_ids = {dr.code: [i for i in dr.item_ids if i in reported] for dr in coverage.drs}
    material_items = {i for ids in item_ids.values() for i in ids}
    # Items of one DR mostly name the same sources (a datapoint per row, fed by the DR's sources): each
    # set of sources is combined once.
    combined: dict[tuple[str, ...], tuple[float | None, str | None, str | None, str | None]] = {}
    for item in assessment.coverage:
        if item.id not in material_items:  # under review, outside the material standards or out of scope
            continue
        key = tuple(item.data_source_ids)
        if key not in combined:
            combined[key] = _combine(key, scored, rules.combine)
        score, weakest, reason, unknown_source = combined[key]
        found = ItemReadiness.model_construct(
            item_id=item.id,
            disclosure_requirement=item.disclosure_requirement,
            datapoint_id=item.datapoint_id,
            score=score,
            level=rules.level(score),
            weakest_source_id=weakest,
            reason=reason,
            unknown_source_id=unknown_source,
        )
        items.append(found)
        item_of[item.id] = found
    drs = []
    for dr in coverage.drs:
        ids = item_ids[dr.code]
        sources = [s for i in ids for s in items_by_id[i].data_source_ids]
        score, weakest, reason, unknown_source = _combine(sources, scored, rules.combine)
        blank = next((item_of[i] for i in ids if item_of[i].reason == NO_SOURCE), None)
        if not ids or (blank is not None and score is not None):
            # a DR part of which has no source is not known, however ready its other parts are
            score, weakest, reason, unknown_source = None, None, NO_SOURCE, None
        drs.append(
            DrReadiness.model_construct(
                code=dr.code,
                standard=dr.standard,
                score=score,
                level=rules.level(score),
                source_ids=list(dict.fromkeys(sources)),
                weakest_source_id=weakest,
                reason=reason,
                unknown_source_id=unknown_source,
            )
        )
    return ReadinessSummary(
        levels=levels,
        level_labels={lv: {lang: rules.level_label(lv, lang) for lang in LANGUAGES} for lv in levels},
        combine=rules.combine,
        catalogue=coverage.catalogue,
        drs=drs,
        items=items,
        sources=list(scored.values()),
        by_standard=[
            _counts(s.standard, [d for d in drs if d.standard == s.standard], levels) for s in coverage.by_standard
        ],
        overall=_counts("", drs, levels),
        automation=automation_share(assessment, coverage),
    )
