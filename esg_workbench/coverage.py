"""ESRS coverage of an assessment, computed once: which disclosure requirements (DRs) are material, the
status of each, the counts, the per-standard breakdown, the gap list and the coverage recorded outside
the material standards. The app, the CLI, the recommendation and the workbook all read
:func:`coverage_summary`, so every surface states the same numbers; :func:`matrix` arranges it for the
app's heat map. Pure; no Streamlit.

Everything is in the terms of the catalogue the assessment names (ESRS 2023, ESRS 2026 or VSME): its
DRs, their titles and which standards are always reported.

Rules
- Material DRs: every DR of a standard the catalogue always reports (ESRS 2's general disclosures; VSME's
  Basic module) and every DR of another standard whose double materiality outcome is material
  (``domain.materiality``; for VSME, "material" means the Comprehensive module is reported). A standard
  without an outcome is not counted as material; it is listed in ``standards_not_assessed``.
- Coverage items under review after a move to another catalogue version (``Coverage.review``) are
  listed in ``needs_review`` and never counted in a DR's status: what they cover is not known until a
  person has placed them.
- Status of a material DR, rolled up from its coverage items (one per DR or one per datapoint), leaving
  out items "out of scope" (voluntary datapoints not reported):
  no item, or only items "not assessed" -> ``not_assessed``; all items the same -> that status;
  a mix -> ``partial`` when any item is a gap, partial or not assessed (part of the DR is not known to be
  covered), else ``manual`` (a mix of automated and manual items).
- Left open: a material DR not assessed whose items carry a note (why it is open, e.g. a phase-in or a
  decision due later) is counted in ``left_open`` too, and said beside the not-assessed count: it is
  still not assessed, but not forgotten.
- Gap list: material DRs with status not assessed, gap or partial, worst first.
- Coverage items of DRs outside the material standards are reported in ``outside``, never counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .domain.assessment import Assessment
from .domain.materiality import NOT_ASSESSED as TOPIC_NOT_ASSESSED
from .domain.materiality import topic_outcome
from .messages import LANGUAGES, translate

ALWAYS_MATERIAL = ("ESRS 2",)  # without a catalogue to say which standards it always reports
NOT_ASSESSED = "not_assessed"
OUT_OF_SCOPE = "out_of_scope"  # an item's status only: a datapoint not reported, never counted
Status = Literal["not_assessed", "gap", "partial", "manual", "automated"]
# Worst first: the order of the gap list, the heat map's colours and the count columns.
STATUS_ORDER: tuple[str, ...] = (NOT_ASSESSED, "gap", "partial", "manual", "automated")
WEAK = (NOT_ASSESSED, "gap", "partial")
_TOPICAL = re.compile(r"^([ESG]\d)[-.]")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DrCoverage(_Frozen):
    """One material DR and how it is covered."""

    code: str
    standard: str
    titles: dict[str, str] = {}  # language -> the DR's title in the assessment's catalogue
    datapoints: int | None = None  # datapoints of the DR in the catalogue
    status: Status
    item_ids: list[str] = []
    data_source_ids: list[str] = []
    integration_needed: str | None = None
    notes: str = ""

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles.get("en", "")

    def label(self, lang: str = "en") -> str:
        """'E1-5 · Actions and resources ...' in the assessment's catalogue's terms."""
        title = self.title(lang)
        return f"{self.code} · {title}" if title else self.code


class StandardCoverage(_Frozen):
    """The material DRs of one standard counted by status."""

    standard: str
    material_drs: int
    counts: dict[str, int]  # every status of STATUS_ORDER, zeros included


class ReviewItem(_Frozen):
    """A coverage item a catalogue move could not place; a person must review it."""

    item_id: str
    disclosure_requirement: str  # the old code (split, dropped) or the new one (datapoint_list)
    moved_from: str  # "esrs-set1 2023 E2-6"
    reason: str
    candidates: list[str] = []
    status: str

    def reason_text(self, lang: str = "en") -> str:
        """Why the item needs review, in words: 'split in the new version'."""
        return translate(f"coverage.review_reason.{self.reason}", lang)


class OutsideItem(_Frozen):
    """A coverage item of a DR that is not material; shown, not counted."""

    item_id: str
    disclosure_requirement: str
    standard: str
    status: str


class CoverageSummary(_Frozen):
    material_standards: list[str]
    standards_not_assessed: list[str] = []  # topical standards without a materiality outcome
    material_drs: int
    assessed: int
    not_assessed: int
    left_open: int = 0  # of the not-assessed material DRs, those with a note saying why
    counts: dict[str, int]  # material DRs per status, every status of STATUS_ORDER
    by_standard: list[StandardCoverage]
    drs: list[DrCoverage]  # every material DR, in catalogue order
    gaps: list[DrCoverage]  # material DRs not assessed, gap or partial; worst first
    outside: list[OutsideItem] = []
    needs_review: list[ReviewItem] = []
    catalogue: str = ""  # the short name of the catalogue counted against: "ESRS 2026"

    def sentence(self, lang: str = "en") -> str:
        """The headline: '62 of 84 material disclosure requirements not yet assessed; ...', the counts in the
        language's format (the catalogue's ``coverage.sentence``)."""
        outside = translate("coverage.outside", lang, count=len(self.outside)) if self.outside else ""
        left_open = translate("coverage.left_open", lang, count=self.left_open) if self.left_open else ""
        review = translate("coverage.review", lang, count=len(self.needs_review)) if self.needs_review else ""
        return translate(
            "coverage.sentence",
            lang,
            count=self.material_drs,
            not_assessed=self.not_assessed,
            left_open=left_open,
            catalogue=self.catalogue or "ESRS",
            outside=outside + review,
            **{status: self.counts[status] for status in ("automated", "manual", "partial", "gap")},
        )


def dr_standard(code: str, framework: Any) -> str:
    """The ESRS standard of a DR code: E1-6 -> E1, E1.IRO-1 -> E1, GOV-1 -> ESRS 2 (the catalogue's, looked
    up in its index: an assessment with an item per datapoint asks for over a thousand)."""
    found = framework.esrs.dr(code) if framework is not None else None
    if found is not None:
        return found.standard
    match = _TOPICAL.match(code)
    return match.group(1) if match else "ESRS 2"


def always_reported(framework: Any) -> tuple[str, ...]:
    """The standards reported whatever the materiality outcome, in the catalogue's terms."""
    return tuple(framework.esrs.always_reported) if framework is not None else ALWAYS_MATERIAL


def material_standards(assessment: Assessment, framework: Any) -> list[str]:
    """The always-reported standards plus every standard whose materiality outcome is material, in
    catalogue order."""
    material = {t.esrs for t in assessment.material_topics if topic_outcome(t) == "material"}
    material |= set(always_reported(framework))
    return [s for s in _standards(assessment, framework) if s in material]


def _standards(assessment: Assessment, framework: Any) -> list[str]:
    """Every standard known: the catalogue's, then any other named by the assessment."""
    known: list[str] = []
    if framework is not None:
        known += [s.code for s in getattr(framework.esrs, "standards", [])]
        known += [d.standard for d in framework.esrs.disclosure_requirements]
    known += list(always_reported(framework)) + [t.esrs for t in assessment.material_topics]
    known += [dr_standard(c.disclosure_requirement, framework) for c in assessment.coverage if not c.review]
    return list(dict.fromkeys(known))


def _catalogue(assessment: Assessment, framework: Any) -> list[tuple[str, str, dict[str, str], int | None]]:
    """(code, standard, titles, datapoints) of every DR: the catalogue's, then codes only items name
    (there are none in a validated assessment; without a framework they are all that is known)."""
    rows = []
    if framework is not None:
        rows = [
            (d.code, d.standard, {lang: d.title.get(lang) for lang in LANGUAGES}, d.datapoint_count)
            for d in framework.esrs.disclosure_requirements
        ]
    known = {r[0] for r in rows}
    for item in assessment.coverage:
        code = item.disclosure_requirement
        if code not in known and not item.review:
            known.add(code)
            rows.append((code, dr_standard(code, None), {}, None))
    return rows


def roll_up(statuses: list[str]) -> str:
    """One status for a DR from its items' statuses (the rule in the module docstring)."""
    statuses = [s for s in statuses if s != OUT_OF_SCOPE]
    assessed = [s for s in statuses if s != NOT_ASSESSED]
    if not assessed:
        return NOT_ASSESSED
    unique = set(statuses)
    if len(unique) == 1:
        return statuses[0]
    if unique & {"gap", "partial", NOT_ASSESSED}:
        return "partial"
    return "manual"


def coverage_summary(assessment: Assessment, framework: Any) -> CoverageSummary:
    """The coverage model every surface reads, in the terms of the catalogue the assessment names."""
    if framework is not None:
        framework = framework.for_assessment(assessment)
    standards = material_standards(assessment, framework)
    material = set(standards)
    items_by_dr: dict[str, list] = defaultdict(list)
    review: list[ReviewItem] = []
    for item in assessment.coverage:
        if item.review:
            review.append(
                ReviewItem(
                    item_id=item.id,
                    disclosure_requirement=item.disclosure_requirement,
                    moved_from=item.moved_from,
                    reason=item.review,
                    candidates=list(item.review_candidates),
                    status=str(item.status),
                )
            )
        else:
            items_by_dr[item.disclosure_requirement].append(item)
    drs: list[DrCoverage] = []
    outside: list[OutsideItem] = []
    for code, standard, titles, datapoints in _catalogue(assessment, framework):
        items = items_by_dr.get(code, [])
        if standard not in material:
            outside += [
                OutsideItem(item_id=i.id, disclosure_requirement=code, standard=standard, status=str(i.status))
                for i in items
            ]
            continue
        integration = next((i.integration_needed for i in items if i.integration_needed), None)
        drs.append(
            DrCoverage(
                code=code,
                standard=standard,
                titles=titles,
                datapoints=datapoints,
                status=roll_up([str(i.status) for i in items]),
                item_ids=[i.id for i in items],
                data_source_ids=list(dict.fromkeys(s for i in items for s in i.data_source_ids)),
                integration_needed=integration,
                notes="\n".join(i.notes for i in items if i.notes),
            )
        )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    per_standard = {s: dict.fromkeys(STATUS_ORDER, 0) for s in standards}
    for dr in drs:
        counts[dr.status] += 1
        per_standard[dr.standard][dr.status] += 1
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    gaps = sorted((d for d in drs if d.status in WEAK), key=lambda d: rank[d.status])
    topical = [s for s in _standards(assessment, framework) if s not in always_reported(framework)]
    outcomes = {t.esrs: topic_outcome(t) for t in assessment.material_topics}
    return CoverageSummary(
        material_standards=standards,
        standards_not_assessed=[s for s in topical if outcomes.get(s, TOPIC_NOT_ASSESSED) == TOPIC_NOT_ASSESSED],
        material_drs=len(drs),
        assessed=len(drs) - counts[NOT_ASSESSED],
        not_assessed=counts[NOT_ASSESSED],
        left_open=sum(1 for d in drs if d.status == NOT_ASSESSED and d.notes.strip()),
        counts=counts,
        by_standard=[
            StandardCoverage(standard=s, material_drs=sum(c.values()), counts=c) for s, c in per_standard.items()
        ],
        drs=drs,
        gaps=gaps,
        outside=outside,
        needs_review=review,
        catalogue=framework.esrs.short_name if framework is not None else "",
    )


@dataclass(frozen=True)
class Matrix:
    """Rows are material DRs, columns data sources; ``cells[(dr, source_id)]`` is a status."""

    drs: list[DrCoverage]
    sources: list[tuple[str, str]]  # (id, name)
    cells: dict[tuple[str, str], str]


def matrix(assessment: Assessment, summary: CoverageSummary) -> Matrix:
    """The heat map behind the ESRS coverage view: the material DRs of ``summary`` against the data
    sources that feed them, each cell rolled up from the items linking the two (a source linked by an
    item "not assessed" shows as not assessed). Statuses come from the summary; this only arranges them."""
    codes = {d.code for d in summary.drs}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in assessment.coverage:
        if item.disclosure_requirement in codes:
            for source_id in item.data_source_ids:
                if item.status != OUT_OF_SCOPE:  # not reported: no cell of the heat map
                    cells[(item.disclosure_requirement, source_id)].append(str(item.status))
    used = {source_id for _, source_id in cells}
    sources = [(s.id, s.name) for s in assessment.data_sources if s.id in used]
    return Matrix(summary.drs, sources, {key: roll_up(values) for key, values in cells.items()})
