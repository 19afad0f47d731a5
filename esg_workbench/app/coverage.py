"""The heat map behind the app's ESRS coverage view: material disclosure requirements (rows) against
the data sources that feed them (columns). Statuses and counts come from the core coverage model
(``esg_workbench.coverage``); this only arranges them for the chart. Pure; no Streamlit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..coverage import NOT_ASSESSED, CoverageSummary, DrCoverage, roll_up
from ..domain import Assessment

# Heat-map order, worst first; the number is the colour position. A source linked to a DR by an item
# "not assessed" shows in the not-assessed colour.
STATUS_ORDER: tuple[str, ...] = (NOT_ASSESSED, "gap", "partial", "manual", "automated")


@dataclass(frozen=True)
class Matrix:
    """Rows are material DRs, columns data sources; ``cells[(dr, source_id)]`` is a status."""

    drs: list[DrCoverage]
    sources: list[tuple[str, str]]  # (id, name)
    cells: dict[tuple[str, str], str]


def matrix(assessment: Assessment, summary: CoverageSummary) -> Matrix:
    codes = {d.code for d in summary.drs}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in assessment.coverage:
        if item.disclosure_requirement in codes:
            for source_id in item.data_source_ids:
                cells[(item.disclosure_requirement, source_id)].append(str(item.status))
    used = {source_id for _, source_id in cells}
    sources = [(s.id, s.name) for s in assessment.data_sources if s.id in used]
    return Matrix(summary.drs, sources, {key: roll_up(values) for key, values in cells.items()})
