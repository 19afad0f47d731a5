"""Merging a landscape read from an EA tool (systems, data sources, data flows) into an assessment.

Each imported element carries the tool's key for it (``archimate:id-…``), kept as the item's
``external_id``: a second import of the same tool's export finds its items by that key and updates
them instead of adding copies. The rules, so the user can predict the result:

- The tool is the master of what it states: an item's name, a flow's two ends, a data source's system.
  Descriptive text (a data source's description, a system's notes) is filled only where the item has
  none; a different text of the user's is kept and said (a conflict).
- A new element whose name matches an item without an external id is linked to that item (a
  conflict, said), so a landscape keyed in by hand is not doubled by its first import.
- Nothing is deleted: an item from the same tool, of a kind the file holds, missing from the file is
  kept and said.
- Values the tool does not know (a data source's availability and quality, a flow's method) get
  cautious assumptions on new items, said in a notice, never counted as good (quality *unknown*,
  method *manual entry*).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domain import Assessment, Problem
from ..domain.problem_codes import Code
from ..domain.validation import validate_and_parse
from ..ids import all_ids, new_id
from ..messages import Term
from .plan import Conflict, ImportPlan, Notice, build_plan, refused

KINDS = ("systems", "data_sources", "data_flows")
_PREFIX = {"systems": "system", "data_sources": "source", "data_flows": "flow"}
# What a new item gets for a required value the tool does not hold: the cautious choice, said in a notice.
ASSUMED: dict[str, dict[str, Any]] = {
    "systems": {"category": "other"},
    "data_sources": {
        "source_type": "system_extract",
        "availability": "partial",
        "quality": "unknown",
        "aggregation": "manual_compilation",
        "collection_frequency": "ad_hoc",
    },
    "data_flows": {"method": "manual_entry", "automated": False},
}
# Text fields the user may have written: filled from the tool only when empty.
_USER_TEXT = {"systems": ("notes",), "data_sources": ("description",), "data_flows": ("notes",)}
MAX_ELEMENTS = 20_000  # far beyond a CSRD landscape; past it an export holds something else


@dataclass
class Element:
    """One element read from a tool's export. ``key`` is the tool-qualified external id; ``values`` the
    model fields the tool states; ``ends`` (flows) and ``system`` (data sources) are keys of other
    elements of the file, or ids of items of the assessment."""

    kind: str
    key: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    ends: tuple[str, str] | None = None
    system: str | None = None


def merge(
    current: Assessment,
    elements: Iterable[Element],
    *,
    tool: str,
    source: str,
    framework: Any = None,
    notices: Iterable[Notice] = (),
) -> ImportPlan:
    """The plan of importing ``elements`` (all from one ``tool``) into ``current``; never raises for bad
    input, the problems are in the plan and nothing is applied then."""
    notes = list(notices)
    elements = list(elements)
    problems = _duplicates(elements)
    if problems:
        return refused(source, problems, notes)
    data = current.model_dump(mode="json")
    taken = all_ids(current)
    by_key = {item["external_id"]: (kind, item) for kind in KINDS for item in data[kind] if item.get("external_id")}
    conflicts: list[Conflict] = []
    resolved: dict[str, str] = {}  # element key -> item id
    keys: list[str] = []
    where_of: dict[str, str] = {}  # item key -> element where, for problems found by validation
    assumed: dict[str, int] = dict.fromkeys(KINDS, 0)
    placed: list[tuple[Element, dict[str, Any]]] = []
    for element in elements:
        item = _place(element, data, by_key, taken, conflicts, assumed)
        if item is None:
            continue
        resolved[element.key] = item["id"]
        placed.append((element, item))
    targets = _targets(data, resolved)
    for element, item in placed:
        _link(element, item, targets, problems)
        key = f"{element.kind}[{item['id']}]"
        keys.append(key)
        where_of[key] = element.where
    if problems:
        return refused(source, problems, notes)
    seen = {e.key for e in elements}
    # only kinds the file holds: a tool that exports one fact sheet type at a time (LeanIX) leaves the
    # others out of a file without retiring them
    for kind in dict.fromkeys(e.kind for e in elements):
        for item in data[kind]:
            ext = item.get("external_id") or ""
            if ext.startswith(f"{tool}:") and ext not in seen:
                conflicts.append(Conflict("missing", ext.removeprefix(f"{tool}:"), {"item": item["id"]}))
    for kind, n in assumed.items():
        if n:
            notes.append(Notice(f"assumed_{kind}", {"count": n}))
    result, found = validate_and_parse(data, framework)
    if result is None:
        return refused(source, [_located(p, data, where_of) for p in found], notes)
    return build_plan(source, current, result, keys, conflicts, notes)


def _duplicates(elements: list[Element]) -> list[Problem]:
    first: dict[str, str] = {}
    problems = []
    for element in elements:
        if element.key in first:
            problems.append(
                Problem.of(element.where, Code.IMPORT_DUPLICATE_ID, value=_bare(element.key), other=first[element.key])
            )
        else:
            first[element.key] = element.where
    return problems


def _kind(kind: str) -> Term:
    return Term(f"interchange.kind.{kind}")


def _bare(key: str) -> str:
    return key.split(":", 1)[-1]


def _place(
    element: Element,
    data: dict[str, Any],
    by_key: dict[str, tuple[str, dict[str, Any]]],
    taken: set[str],
    conflicts: list[Conflict],
    assumed: dict[str, int],
) -> dict[str, Any] | None:
    """The item ``element`` updates or adds, its stated values set; None when it cannot be placed."""
    items = data[element.kind]
    found = by_key.get(element.key)
    if found is not None and found[0] != element.kind:
        conflicts.append(
            Conflict(
                "other_kind",
                _bare(element.key),
                {"item": found[1]["id"], "kind": _kind(found[0]), "new_kind": _kind(element.kind)},
            )
        )
        return None
    item = found[1] if found else None
    name = element.values.get("name")
    if item is None and isinstance(name, str) and name.strip():
        match = next(
            (i for i in items if not i.get("external_id") and str(i.get("name", "")).casefold() == name.casefold()),
            None,
        )
        if match is not None:
            conflicts.append(Conflict("name_match", _bare(element.key), {"item": match["id"], "name": name}))
            item = match
    if item is None:
        label = name if isinstance(name, str) else ""
        item = {"id": new_id(label, taken, prefix=_PREFIX[element.kind]), **ASSUMED[element.kind]}
        assumed[element.kind] += 1
        items.append(item)
    item["external_id"] = element.key
    by_key[element.key] = (element.kind, item)
    for name_, value in element.values.items():
        if value in (None, ""):
            continue
        mine = item.get(name_)
        if name_ in _USER_TEXT[element.kind] and mine and mine != value:
            field_term = Term(f"interchange.text_field.{name_}")
            conflicts.append(Conflict("kept_text", _bare(element.key), {"item": item["id"], "field": field_term}))
            continue
        item[name_] = value
    return item


def _targets(data: dict[str, Any], resolved: dict[str, str]) -> dict[str, str]:
    """What a flow end or a data source's system in the file may name, -> the item's id: an element of
    the file or an item imported before (by the tool's key), an item of the assessment by its id, or by
    its name where that name is unique (an export that lists related fact sheets by name)."""
    targets: dict[str, str] = {}
    names: dict[str, str | None] = {}
    for kind in ("systems", "data_sources"):
        for item in data[kind]:
            targets[item["id"]] = item["id"]
            if item.get("external_id"):
                targets[item["external_id"]] = item["id"]
            name = str(item.get("name", "")).casefold()
            names[name] = None if name in names else item["id"]
    targets |= {f"name:{n}": i for n, i in names.items() if i is not None}
    return targets | resolved | {"report": "report"}


def _link(element: Element, item: dict[str, Any], targets: dict[str, str], problems: list[Problem]) -> None:
    """Set a flow's ends and a data source's system from the keys the file gives."""

    def resolve(ref: str) -> str | None:
        bare = _bare(ref)
        found = targets.get(ref) or targets.get(bare) or targets.get(f"name:{bare.casefold()}")
        if found is None:
            problems.append(Problem.of(element.where, Code.IMPORT_UNKNOWN_END, value=bare))
        return found

    if element.ends is not None:
        start, end = (resolve(ref) for ref in element.ends)
        if start and end:
            item["from_id"], item["to_id"] = start, end
    if element.system is not None:
        system = resolve(element.system)
        if system:
            item["system_id"] = system


def _located(problem: Problem, data: dict[str, Any], where_of: dict[str, str]) -> Problem:
    """A validation problem of an imported item (``systems[3].name``) said at its element in the file."""
    if not problem.code:
        return problem
    head, _, rest = problem.path.partition("].")
    kind, _, index = head.partition("[")
    if kind in KINDS and index.isdigit() and int(index) < len(data[kind]):
        key = f"{kind}[{data[kind][int(index)]['id']}]"
        if key in where_of:
            return Problem.of(f"{where_of[key]}: {rest or kind}", Code(problem.code), **problem.params)
    return problem
