"""Coverage at datapoint level, against the datapoint list imported for the assessment's catalogue version
(EFRAG's IG 3 for ESRS Set 1; ``Store.datapoint_catalogue_for``): the datapoints of a DR, found by
standard, DR, text, data type, flags and phase-in; the bulk changes an architect makes per DR; and the
check that every coverage item's datapoint id is in that list and belongs to the item's DR.

The bulk changes return a new assessment (the caller stores it as a revision); nothing already entered
is dropped: an existing item keeps its status, sources and notes unless the change is about exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .coverage import OUT_OF_SCOPE
from .domain.assessment import Assessment, Coverage
from .domain.datapoints import Datapoint, DatapointCatalogue
from .domain.problem_codes import Code
from .domain.validation import Problem
from .ids import all_ids, new_id


@dataclass(frozen=True)
class DatapointFilter:
    """What to show of a datapoint list; None (or "") means any."""

    standard: str | None = None
    dr: str | None = None
    text: str = ""
    data_type: str | None = None
    voluntary: bool | None = None  # "may" datapoints only (True) or none of them (False)
    conditional: bool | None = None  # conditional or alternative datapoints only / none of them
    phase_in: bool | None = None  # datapoints with a phase-in only / none of them


def select(catalogue: DatapointCatalogue, wanted: DatapointFilter) -> list[Datapoint]:
    """The datapoints ``wanted`` asks for, in the list's order; the text matches id or name, any case."""
    text = wanted.text.strip().casefold()

    def keep(p: Datapoint) -> bool:
        return (
            (wanted.standard in (None, "") or p.esrs == wanted.standard)
            and (wanted.dr in (None, "") or p.disclosure_requirement == wanted.dr)
            and (not text or text in p.id.casefold() or text in p.name.casefold())
            and (wanted.data_type in (None, "") or p.data_type == wanted.data_type)
            and (wanted.voluntary is None or p.may_voluntary == wanted.voluntary)
            and (wanted.conditional is None or bool(p.conditional_or_alternative) == wanted.conditional)
            and (wanted.phase_in is None or bool(p.phase_in) == wanted.phase_in)
        )

    return [p for p in catalogue.datapoints if keep(p)]


def of_dr(catalogue: DatapointCatalogue, dr: str) -> list[Datapoint]:
    return [p for p in catalogue.datapoints if p.disclosure_requirement == dr]


def item_status(assessment: Assessment) -> dict[str, str]:
    """Datapoint id -> the status of its coverage item (the worst when there are several)."""
    order = ("gap", "not_assessed", "partial", "manual", "automated", OUT_OF_SCOPE)
    found: dict[str, str] = {}
    for item in assessment.coverage:
        if item.datapoint_id and not item.review:
            status = str(item.status)
            if item.datapoint_id not in found or order.index(status) < order.index(found[item.datapoint_id]):
                found[item.datapoint_id] = status
    return found


# --- checks ---------------------------------------------------------------------------------------


def datapoint_problems(assessment: Assessment, catalogue: DatapointCatalogue) -> list[Problem]:
    """Every coverage item whose datapoint id is not in ``catalogue`` or belongs to another DR, with its
    path. Items under review after a catalogue move keep the old list's ids and are not checked."""
    dr_of = {p.id: p.disclosure_requirement for p in catalogue.datapoints}
    where = f"{catalogue.id} {catalogue.version}"
    problems = []
    for i, item in enumerate(assessment.coverage):
        if not item.datapoint_id or item.review:
            continue
        path = f"coverage[{i}].datapoint_id"
        if item.datapoint_id not in dr_of:
            problems.append(Problem.of(path, Code.UNKNOWN_DATAPOINT, value=item.datapoint_id, catalogue=where))
        elif dr_of[item.datapoint_id] != item.disclosure_requirement:
            problems.append(
                Problem.of(
                    path,
                    Code.DATAPOINT_OF_OTHER_DR,
                    value=item.datapoint_id,
                    dr=dr_of[item.datapoint_id],
                    item_dr=item.disclosure_requirement,
                )
            )
    return problems


# --- bulk changes ---------------------------------------------------------------------------------


def _new_item(point: Datapoint, dr: str, taken: set[str], **values: object) -> Coverage:
    """A coverage item for a datapoint that has none, with an id no other item uses."""
    return Coverage(id=new_id(f"cov-{point.id}", taken), disclosure_requirement=dr, datapoint_id=point.id, **values)


def _items_by_datapoint(coverage: Iterable[Coverage], dr: str) -> dict[str, Coverage]:
    return {c.datapoint_id: c for c in coverage if c.datapoint_id and c.disclosure_requirement == dr and not c.review}


def map_to_source(assessment: Assessment, catalogue: DatapointCatalogue, dr: str, source_id: str) -> Assessment:
    """Every datapoint of ``dr`` linked to data source ``source_id``: an existing item gains the source,
    a datapoint without an item gets one, "not assessed" (the source is known to feed it, how well not)."""
    if source_id not in {s.id for s in assessment.data_sources}:
        raise KeyError(f"unknown data source '{source_id}'")
    out = assessment.model_copy(deep=True)
    existing = _items_by_datapoint(out.coverage, dr)
    taken = all_ids(out)
    for point in of_dr(catalogue, dr):
        item = existing.get(point.id)
        if item is None:
            out.coverage.append(_new_item(point, dr, taken, data_source_ids=[source_id], status="not_assessed"))
        elif source_id not in item.data_source_ids:
            item.data_source_ids = [*item.data_source_ids, source_id]
    return out


def mark_voluntary_out_of_scope(assessment: Assessment, catalogue: DatapointCatalogue, dr: str) -> Assessment:
    """Every voluntary ("may") datapoint of ``dr`` marked out of scope: not reported, never counted."""
    out = assessment.model_copy(deep=True)
    existing = _items_by_datapoint(out.coverage, dr)
    taken = all_ids(out)
    for point in of_dr(catalogue, dr):
        if not point.may_voluntary:
            continue
        item = existing.get(point.id)
        if item is None:
            out.coverage.append(_new_item(point, dr, taken, status=OUT_OF_SCOPE))
        else:
            item.status = OUT_OF_SCOPE
    return out


def take_status_down(assessment: Assessment, catalogue: DatapointCatalogue, dr: str) -> Assessment:
    """The status, sources and integration of ``dr``'s DR-level item given to each of its datapoints
    that is not out of scope (a datapoint without an item gets one). KeyError when the DR has no
    DR-level item to take them from."""
    whole = next(
        (c for c in assessment.coverage if c.disclosure_requirement == dr and not c.datapoint_id and not c.review),
        None,
    )
    if whole is None:
        raise KeyError(f"{dr} has no coverage item of its own (without a datapoint) to take the status from")
    out = assessment.model_copy(deep=True)
    existing = _items_by_datapoint(out.coverage, dr)
    taken = all_ids(out)
    for point in of_dr(catalogue, dr):
        item = existing.get(point.id)
        if item is None:
            values = {"data_source_ids": list(whole.data_source_ids), "integration_needed": whole.integration_needed}
            out.coverage.append(_new_item(point, dr, taken, status=whole.status, **values))
        elif item.status != OUT_OF_SCOPE:
            item.status = whole.status
            item.data_source_ids = list(dict.fromkeys([*item.data_source_ids, *whole.data_source_ids]))
            item.integration_needed = item.integration_needed or whole.integration_needed
    return out
