"""A requirement list from a spreadsheet (CSV or .xlsx) or a requirement tool (ReqIF, see ``reqif``)
merged into an assessment's requirements.

A requirement is matched by its id: a row whose id the assessment has updates that requirement with
the values the row gives (a blank cell leaves a value as it is), any other row adds one. Priorities are
read as MoSCoW in the forms tools write them (``Must``, ``Must have``, ``M``, ``Won't``, Danish
``Skal`` ...); categories by id or by their English or Danish label; linked criteria by id, catalogue
id or name, separated by commas, semicolons or line breaks. Nothing is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..domain import Assessment, Problem
from ..domain.fields import Priority
from ..domain.problem_codes import Code
from ..domain.validation import validate_and_parse
from ..ids import all_ids, new_id
from ..messages import LANGUAGES, translate
from .plan import Conflict, ImportPlan, ImportRefused, Notice, build_plan, refused
from .tables import Sheets, Table, csv_table, find_columns, is_xlsx

# field -> headers looked for (case and spacing do not matter); the app's column titles in every
# language are looked for too (``fields()``), so a table copied out of the app imports as it is.
_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "requirement id", "req id", "key", "nr"),
    "text": ("text", "requirement", "description"),
    "priority": ("priority", "moscow"),
    "category": ("category", "type"),
    "criteria": ("criteria", "criterion_ids", "linked criteria"),
    "source": ("source",),
    "notes": ("notes", "comment"),
}
_COLUMN_KEYS = {
    "text": "col.requirement",
    "priority": "col.priority",
    "category": "col.req_category",
    "criteria": "col.criteria",
    "source": "col.source",
    "notes": "col.notes",
}
REQUIRED = ("text", "priority")
MAX_REQUIREMENTS = 20_000
# How tools write MoSCoW besides the catalogue's own words for the priorities (in every language).
_PRIORITY_WORDS = {
    Priority.MUST: ("must", "must have", "m", "mandatory", "shall"),
    Priority.SHOULD: ("should", "should have", "s"),
    Priority.COULD: ("could", "could have", "c", "nice to have"),
    Priority.WONT: ("wont", "won't", "won't have", "wont have", "w", "will not"),
}


@cache
def fields() -> dict[str, tuple[str, ...]]:
    """Field -> the headers looked for: the usual ones and the app's column titles in every language."""
    return {
        f: (*headers, *(translate(_COLUMN_KEYS[f], lang) for lang in LANGUAGES if f in _COLUMN_KEYS))
        for f, headers in _HEADERS.items()
    }


@cache
def _priorities() -> dict[str, str]:
    out = {word: p.value for p, words in _PRIORITY_WORDS.items() for word in words}
    for p in Priority:
        out |= {translate(f"priority.{p.value}", lang).casefold(): p.value for lang in LANGUAGES}
    return out


_LIST_SPLIT = re.compile(r"[,;\n|]+")


@dataclass
class Incoming:
    """One requirement as a file states it: the fields it gives (a missing one is not in ``values``)."""

    where: str
    values: dict[str, Any] = field(default_factory=dict)


def priority(value: str, where: str) -> str:
    """A MoSCoW priority from how tools write it; ImportRefused names the row otherwise."""
    key = " ".join(value.replace("’", "'").split()).casefold()
    if key in _priorities():
        return _priorities()[key]
    raise ImportRefused([Problem.of(where, Code.IMPORT_PRIORITY, value=value)])


def read_requirement_table(
    data: bytes, label: str, *, mapping: dict[str, str] | None = None, sheet: str | None = None, max_bytes: int
) -> tuple[list[Incoming], list[Notice]]:
    """The requirements of a CSV or .xlsx file (the first sheet, or ``sheet``)."""
    if is_xlsx(data):
        with Sheets(data, label, max_bytes) as book:
            table = book.table(sheet)
            return _rows(table, mapping or {}), table.notices
    table = csv_table(data, label)
    return _rows(table, mapping or {}), table.notices


def _rows(table: Table, mapping: dict[str, str]) -> list[Incoming]:
    columns = find_columns(table, fields(), REQUIRED, mapping)
    out: list[Incoming] = []
    problems: list[Problem] = []
    for number, cells in table.rows:
        if len(out) >= MAX_REQUIREMENTS:
            raise ImportRefused(
                [Problem.of(table.where(number), Code.IMPORT_TOO_MANY, limit=MAX_REQUIREMENTS)], table.label
            )
        values = {f: cells[i].strip() if i < len(cells) else "" for f, i in columns.items()}
        where = table.where(number)
        try:
            out.append(incoming_from(values, where))
        except ImportRefused as exc:
            problems += exc.problems
    if problems:
        raise ImportRefused(problems, table.label)
    return out


def incoming_from(values: dict[str, str], where: str) -> Incoming:
    """A requirement from the text values a file gives (blank ones left out); ImportRefused names the
    row when its text or priority is missing or the priority is no MoSCoW one."""
    item: dict[str, Any] = {k: v for k, v in values.items() if v != "" and k != "criteria"}
    if "priority" in item:
        item["priority"] = priority(item["priority"], where)
    if values.get("criteria"):
        item["criteria"] = [c.strip() for c in _LIST_SPLIT.split(values["criteria"]) if c.strip()]
    for name in REQUIRED:
        if name not in item:
            raise ImportRefused([Problem.of(where, Code.IMPORT_VALUE_MISSING, field=name)])
    return Incoming(where, item)


def merge_requirements(
    current: Assessment,
    incoming: Iterable[Incoming],
    *,
    source: str,
    framework: Any = None,
    notices: Iterable[Notice] = (),
) -> ImportPlan:
    """The plan of adding or updating ``incoming`` requirements in ``current``."""
    notes = list(notices)
    incoming = list(incoming)
    data = current.model_dump(mode="json")
    items = data["requirements"]
    by_id = {r["id"]: r for r in items}
    index_of = {r["id"]: i for i, r in enumerate(items)}
    taken = all_ids(current)
    first: dict[str, str] = {}
    problems: list[Problem] = []
    keys: list[str] = []
    where_of: dict[int, str] = {}
    conflicts: list[Conflict] = []
    defaulted = 0
    for entry in incoming:
        values = dict(entry.values)
        rid = values.pop("id", None)
        if rid is not None and rid in first:
            problems.append(Problem.of(entry.where, Code.IMPORT_DUPLICATE_ID, value=rid, other=first[rid]))
            continue
        if rid is not None:
            first[rid] = entry.where
        item = by_id.get(rid) if rid is not None else None
        if item is None:
            if rid is not None and rid in taken:  # the id of another kind of item (a criterion, a system)
                conflicts.append(Conflict("id_taken", rid, {"item": rid}))
                rid = None
            item = {"id": rid if rid is not None else new_id(values.get("text", "")[:40], taken, prefix="req")}
            taken.add(item["id"])
            if "category" not in values:
                defaulted += 1
            index_of[item["id"]] = len(items)
            items.append(item)
            by_id[item["id"]] = item
        if "criteria" in values:
            values["criterion_ids"] = _criteria(values.pop("criteria"), current)
        if "category" in values:
            values["category"] = _category(values["category"], framework)
        item.update(values)
        where_of[index_of[item["id"]]] = entry.where
        keys.append(f"requirements[{item['id']}]")
    if problems:
        return refused(source, problems, notes)
    if defaulted:
        notes.append(Notice("requirement_category", {"count": defaulted}))
    result, found = validate_and_parse(data, framework)
    if result is None:
        return refused(source, [_located(p, where_of) for p in found], notes)
    return build_plan(source, current, result, keys, conflicts, notes)


def _criteria(names: list[str], assessment: Assessment) -> list[str]:
    """Criterion ids from ids, catalogue ids or names; an unknown one is kept so validation names it."""
    lookup: dict[str, str] = {}
    for c in assessment.criteria:
        for key in (c.name, c.catalogue_id or "", c.id):
            if key:
                lookup[key.casefold()] = c.id
    return list(dict.fromkeys(lookup.get(n.casefold(), n) for n in names))


def _category(value: str, framework: Any) -> str:
    if framework is None:
        return value
    for term in framework.vocabularies["requirement_category"]:
        if value.casefold() in {
            term.id,
            *(framework.label("requirement_category", term.id, lang).casefold() for lang in ("en", "da")),
        }:
            return term.id
    return value  # validation says it is no category


def _located(problem: Problem, where_of: dict[int, str]) -> Problem:
    head, _, rest = problem.path.partition("].")
    kind, _, index = head.partition("[")
    if problem.code and kind == "requirements" and index.isdigit() and int(index) in where_of:
        return Problem.of(f"{where_of[int(index)]}: {rest or kind}", Code(problem.code), **problem.params)
    return problem


def requirement_rows(assessment: Assessment) -> Iterator[dict[str, str]]:
    """The requirements as rows of the columns this import reads, so an export imports again unchanged."""
    for r in assessment.requirements:
        yield {
            "id": r.id,
            "text": r.text,
            "priority": r.priority.value,
            "category": r.category,
            "criteria": ", ".join(r.criterion_ids),
            "source": r.source,
            "notes": r.notes,
        }
