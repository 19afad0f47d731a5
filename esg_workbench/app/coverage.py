"""ESRS coverage of an assessment: which disclosure requirements are material, how each is covered by
which data sources (the matrix behind the heat map), and the gap list. Pure; no Streamlit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..domain import Assessment
from ..domain.fields import CoverageStatus
from ..domain.framework import DisclosureRequirement, Framework

ALWAYS_MATERIAL = ("ESRS 2",)  # the general disclosures apply whatever the materiality outcome
NOT_ASSESSED = "not_assessed"  # a material DR with no coverage item yet
LINKED = "linked"  # a data source lists the DR but no coverage item says how well it covers it
# Heat-map order, worst first; the number is the colour position.
STATUS_ORDER: tuple[str, ...] = (NOT_ASSESSED, "gap", "partial", LINKED, "manual", "automated")
STATUS_VALUE = {status: i for i, status in enumerate(STATUS_ORDER)}


def material_standards(assessment: Assessment, framework: Framework) -> list[str]:
    """Standards in catalogue order: ESRS 2 plus every topical standard the DMA found material."""
    material = {t.esrs for t in assessment.material_topics if t.material} | set(ALWAYS_MATERIAL)
    return [s.code for s in framework.esrs.standards if s.code in material]


def material_drs(assessment: Assessment, framework: Framework) -> list[DisclosureRequirement]:
    standards = set(material_standards(assessment, framework))
    return [d for d in framework.esrs.disclosure_requirements if d.standard in standards]


def _aggregate(statuses: list[str]) -> str:
    """One status for a DR covered by several items (e.g. one per datapoint)."""
    unique = set(statuses)
    if len(unique) == 1:
        return statuses[0]
    if unique & {CoverageStatus.GAP.value, CoverageStatus.PARTIAL.value}:
        return CoverageStatus.PARTIAL.value
    return CoverageStatus.MANUAL.value


def dr_status(assessment: Assessment, framework: Framework) -> dict[str, str]:
    """Status of every material DR: from its coverage items, else ``not_assessed``."""
    by_dr: dict[str, list[str]] = defaultdict(list)
    for item in assessment.coverage:
        by_dr[item.disclosure_requirement].append(str(item.status))
    return {
        d.code: _aggregate(by_dr[d.code]) if by_dr.get(d.code) else NOT_ASSESSED
        for d in material_drs(assessment, framework)
    }


@dataclass(frozen=True)
class Matrix:
    """Rows are material DRs, columns data sources; ``cells[(dr, source_id)]`` is a status."""

    drs: list[DisclosureRequirement]
    sources: list[tuple[str, str]]  # (id, name)
    cells: dict[tuple[str, str], str]


def matrix(assessment: Assessment, framework: Framework) -> Matrix:
    drs = material_drs(assessment, framework)
    codes = {d.code for d in drs}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in assessment.coverage:
        if item.disclosure_requirement in codes:
            for source_id in item.data_source_ids:
                cells[(item.disclosure_requirement, source_id)].append(str(item.status))
    for source in assessment.data_sources:
        for code in source.disclosure_requirements:
            if code in codes and (code, source.id) not in cells:
                cells[(code, source.id)] = [LINKED]
    used = {source_id for _, source_id in cells}
    sources = [(s.id, s.name) for s in assessment.data_sources if s.id in used]
    return Matrix(drs, sources, {key: _aggregate(values) for key, values in cells.items()})


@dataclass(frozen=True)
class Gap:
    code: str
    standard: str
    title: str
    status: str
    datapoints: int
    integration_needed: str | None
    notes: str


def gaps(assessment: Assessment, framework: Framework) -> list[Gap]:
    """Material DRs not covered well enough (gap, partial or not assessed), worst first."""
    statuses = dr_status(assessment, framework)
    notes: dict[str, tuple[str | None, str]] = {}
    for item in assessment.coverage:
        if item.disclosure_requirement not in notes or item.integration_needed:
            notes[item.disclosure_requirement] = (item.integration_needed, item.notes)
    out = [
        Gap(d.code, d.standard, d.title, statuses[d.code], d.datapoint_count, *notes.get(d.code, (None, "")))
        for d in material_drs(assessment, framework)
        if statuses[d.code] in (NOT_ASSESSED, CoverageStatus.GAP.value, CoverageStatus.PARTIAL.value)
    ]
    return sorted(out, key=lambda g: STATUS_VALUE[g.status])


def status_counts(assessment: Assessment, framework: Framework) -> dict[str, dict[str, int]]:
    """Per material standard: how many DRs have each status (for the stacked bar)."""
    statuses = dr_status(assessment, framework)
    counts: dict[str, dict[str, int]] = {
        s: dict.fromkeys(STATUS_ORDER, 0) for s in material_standards(assessment, framework)
    }
    for dr in material_drs(assessment, framework):
        counts[dr.standard][statuses[dr.code]] += 1
    return counts
