"""Moving an assessment from one catalogue version to another (ESRS 2023 -> the amended ESRS of 2026).

A move is planned first (:func:`plan_move`, the dry run): for every coverage item, what the version
mapping (``frameworks/esrs/mappings``, data) says becomes of its DR. Rows of kind same, renamed,
merged into and moved to ESRS 2 have one honest target, and the item moves there. A DR that was split,
dropped or that the mapping does not name has none: the item keeps its old code and is marked for
review (``Coverage.review``), and an item with a datapoint id moves with its DR but is marked because
its datapoint belongs to the old version's list. Nothing is ever dropped: applying a plan
(:func:`apply_move`) keeps every item, records where it came from (``moved_from``), and the coverage
views and the recommendation count the items under review until a person has placed them.

Applying gives a new assessment (the caller stores it as a new revision or as a copy) that has been
validated against the target catalogue; if it would not validate, nothing is changed and
:class:`MoveRefused` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .domain.assessment import Assessment, CatalogueRef
from .domain.framework import SINGLE_TARGET_KINDS, CatalogueMapping, Framework
from .domain.validation import Problem, validate_assessment

Outcome = Literal["maps", "needs_review", "dropped", "unchanged"]


class MoveRefused(ValueError):
    """A move that cannot be made (no mapping, unknown target, a result that would not validate); the
    message says why, and ``problems`` lists validation problems with their paths when there are any."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message + "".join(f"\n  {p}" for p in self.problems))


@dataclass(frozen=True)
class ItemMove:
    """What the move does to one coverage item."""

    item_id: str
    old_code: str
    new_code: str  # the old code when the item keeps it (review)
    kind: str  # the mapping row's kind, "unmapped" when the mapping does not name the DR
    outcome: Outcome
    review: str | None = None  # the review reason the item gets
    candidates: tuple[str, ...] = ()
    note: str = ""
    datapoint_id: str | None = None


@dataclass(frozen=True)
class MovePlan:
    """The dry run of a move: every coverage item and what becomes of it."""

    from_ref: CatalogueRef
    to_ref: CatalogueRef
    mapping_id: str
    items: list[ItemMove] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[ItemMove]:
        return [m for m in self.items if m.outcome == outcome]

    @property
    def counts(self) -> dict[str, int]:
        """Items per outcome: maps, needs_review, dropped, unchanged (already under review)."""
        return {o: len(self.of(o)) for o in ("maps", "needs_review", "dropped", "unchanged")}


def mappings_from(framework: Framework, ref: CatalogueRef) -> list[CatalogueMapping]:
    """The mappings leading away from catalogue ``ref`` to another catalogue the framework offers."""
    from .frameworks import catalogue_mappings

    offered = {(c.id, c.version) for c in framework.catalogues}
    return [
        m
        for m in catalogue_mappings()
        if (m.from_catalogue.id, m.from_catalogue.version) == (ref.id, ref.version)
        and (m.to_catalogue.id, m.to_catalogue.version) in offered
    ]


def plan_move(
    assessment: Assessment,
    framework: Framework,
    to: CatalogueRef | tuple[str, str],
    *,
    mapping: CatalogueMapping | None = None,
) -> MovePlan:
    """The dry run of moving ``assessment`` to catalogue ``to`` with ``mapping`` (default: the shipped
    mapping between the two versions); MoveRefused when there is none, when it maps other versions, or
    when the target lacks a standard the assessment uses."""
    from .frameworks import find_mapping

    target = to if isinstance(to, CatalogueRef) else CatalogueRef(id=to[0], version=to[1])
    current = assessment.catalogue
    if (current.id, current.version) == (target.id, target.version):
        raise MoveRefused(f"the assessment already works against {target}")
    new_catalogue = framework.catalogue((target.id, target.version))
    if new_catalogue is None:
        raise MoveRefused(f"unknown catalogue '{target}' (this framework offers: {framework.catalogues_offered})")
    if mapping is None:
        mapping = find_mapping(current, target)
    elif (str(mapping.from_catalogue), str(mapping.to_catalogue)) != (str(current), str(target)):
        maps = f"{mapping.from_catalogue} to {mapping.to_catalogue}"
        raise MoveRefused(f"the mapping {mapping.id} maps {maps}, not {current} to {target}")
    if mapping is None:
        raise MoveRefused(
            f"there is no mapping from {current} to {target}; a move needs one (frameworks/esrs/mappings)"
        )
    used = {t.esrs for t in assessment.material_topics} | {c for s in assessment.data_sources for c in s.esrs_standards}
    if missing := sorted(used - new_catalogue.standard_codes):
        raise MoveRefused(f"{target} has no standard {', '.join(missing)}, which the assessment uses")
    return MovePlan(current, target, mapping.id, [_item_move(item, mapping) for item in assessment.coverage])


def _item_move(item, mapping: CatalogueMapping) -> ItemMove:  # noqa: ANN001 - a Coverage item
    code = item.disclosure_requirement
    if item.review:  # placed by an earlier move and not reviewed yet: left for the person reviewing it
        return ItemMove(item.id, code, code, "under_review", "unchanged", item.review)
    row = mapping.by_code.get(code)
    if row is None:
        return ItemMove(item.id, code, code, "unmapped", "needs_review", "unmapped")
    if row.kind in SINGLE_TARGET_KINDS:
        new = row.to[0]
        if item.datapoint_id:  # the DR has a target; the datapoint id is of the old version's list
            return ItemMove(
                item.id, code, new, row.kind, "needs_review", "datapoint_list", (), row.note, item.datapoint_id
            )
        return ItemMove(item.id, code, new, row.kind, "maps", None, (), row.note)
    if row.kind == "split":
        return ItemMove(item.id, code, code, row.kind, "needs_review", "split", tuple(row.to), row.note)
    return ItemMove(item.id, code, code, row.kind, "dropped", "dropped", (), row.note)


def apply_move(assessment: Assessment, framework: Framework, plan: MovePlan) -> Assessment:
    """``assessment`` moved as ``plan`` says (a new object; the input is not changed), validated against
    the target catalogue. Every coverage item is kept. MoveRefused if the plan is not for this
    assessment's coverage or the result would not validate."""
    if (assessment.catalogue.id, assessment.catalogue.version) != (plan.from_ref.id, plan.from_ref.version):
        raise MoveRefused(
            f"the plan moves from {plan.from_ref}, but the assessment works against {assessment.catalogue}"
        )
    moves = {m.item_id: m for m in plan.items}
    if set(moves) != {c.id for c in assessment.coverage}:
        raise MoveRefused("the coverage changed since the move was planned; plan it again")
    data = assessment.model_dump(mode="json")
    data["catalogue"] = {"id": plan.to_ref.id, "version": plan.to_ref.version}
    origin = f"{plan.from_ref.id} {plan.from_ref.version}"
    for item in data["coverage"]:
        move = moves[item["id"]]
        if move.outcome == "unchanged":
            continue
        item["disclosure_requirement"] = move.new_code
        item["moved_from"] = f"{origin} {move.old_code}"
        item["review"] = move.review
        item["review_candidates"] = list(move.candidates)
    moved = Assessment.model_validate(data)
    if problems := validate_assessment(moved, framework):
        raise MoveRefused(f"moving to {plan.to_ref} would leave the assessment invalid; nothing was changed", problems)
    assert len(moved.coverage) == len(assessment.coverage)  # never a silent drop
    return moved
