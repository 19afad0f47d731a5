"""Inventory exports of EA tools as a landscape: LeanIX (fact sheets) and Ardoq (components and references).

LeanIX's inventory export (Excel, or CSV) has one row per fact sheet with its ``id``, ``type`` and
``name``: *Application* rows become systems, *DataObject* rows data sources and *Interface* rows data
flows from the provider application to the consumer application (relation columns holding the related
fact sheets' ids). Ardoq's export has a components sheet (``Ardoq Oid``, ``Name``, ``Type``) and a
references sheet (``Source``, ``Target``, ``Type``); components of an application type become systems,
of a data type data sources, and every reference between two of them a data flow.

Columns that differ from these defaults are given by a mapping (``--map FIELD=COLUMN`` in the CLI, the
mapping form in the app). Rows are streamed, and rows of other fact sheet or component types are only
counted, so a large inventory is read in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..domain import Problem
from ..domain.problem_codes import Code
from .landscape import MAX_ELEMENTS, Element
from .plan import ImportRefused, Notice
from .tables import Sheets, Table, csv_table, find_columns, is_xlsx, norm


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of row: field -> default headers, and which fields must be there."""

    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...]


LEANIX = Layout(
    {
        "id": ("id", "fact sheet id", "factsheet id"),
        "type": ("type", "fact sheet type", "factsheet type"),
        "name": ("name", "display name", "displayname"),
        "description": ("description",),
        "provider": ("relinterfacetoproviderapplication", "provider application", "provider"),
        "consumer": ("relinterfacetoconsumerapplication", "consumer application", "consumer"),
        "application": ("reldataobjecttoapplication", "application", "applications"),
    },
    ("id", "type", "name"),
)
ARDOQ_COMPONENTS = Layout(
    {
        "id": ("ardoq oid", "ardoq id", "custom id", "id"),
        "name": ("name",),
        "type": ("type", "component type"),
        "description": ("description",),
    },
    ("id", "name", "type"),
)
ARDOQ_REFERENCES = Layout(
    {
        "id": ("ardoq oid", "ardoq id", "custom id", "id"),
        "source": ("source", "source ardoq oid", "source id", "source custom id"),
        "target": ("target", "target ardoq oid", "target id", "target custom id"),
        "type": ("type", "reference type"),
        "description": ("description",),
    },
    ("id", "source", "target"),
)
LEANIX_TYPES = {"application": "systems", "dataobject": "data_sources", "interface": "data_flows"}
ARDOQ_TYPES = {
    "application": "systems",
    "system": "systems",
    "business application": "systems",
    "data": "data_sources",
    "data object": "data_sources",
    "data entity": "data_sources",
    "database": "data_sources",
    "information": "data_sources",
}
ARDOQ_SHEETS = ("components", "references")


def _first(cell: str) -> str:
    """The first of several related ids in one cell (LeanIX writes a list separated by commas or ';')."""
    for part in cell.replace(";", ",").split(","):
        if part.strip():
            return part.strip()
    return ""


def _rows(table: Table, layout: Layout, mapping: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    """(where, field values) for each row, streamed."""
    columns = find_columns(table, layout.fields, layout.required, mapping)
    for number, cells in table.rows:
        yield table.where(number), {f: cells[i].strip() if i < len(cells) else "" for f, i in columns.items()}


def _checked(values: dict[str, str], where: str, fields: tuple[str, ...]) -> list[Problem]:
    return [Problem.of(where, Code.IMPORT_VALUE_MISSING, field=f) for f in fields if not values.get(f)]


class _Collector:
    """Elements gathered from streamed rows, bounded by MAX_ELEMENTS; the other rows only counted."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.elements: list[Element] = []
        self.problems: list[Problem] = []
        self.skipped = 0

    def add(self, element: Element) -> None:
        if len(self.elements) >= MAX_ELEMENTS:
            raise ImportRefused([Problem.of(element.where, Code.IMPORT_TOO_MANY, limit=MAX_ELEMENTS)], self.label)
        self.elements.append(element)

    def result(self, notices: list[Notice]) -> tuple[list[Element], list[Notice]]:
        if self.problems:
            raise ImportRefused(self.problems[:200], self.label)
        if self.skipped:
            notices = [*notices, Notice("skipped_rows", {"count": self.skipped})]
        return self.elements, notices


def read_leanix(data: bytes, label: str, *, mapping: dict[str, str], sheet: str | None, max_bytes: int):  # noqa: ANN201
    """The landscape elements of a LeanIX inventory export (.xlsx or .csv), and notices."""
    if is_xlsx(data):
        with Sheets(data, label, max_bytes) as book:
            table = book.table(sheet)
            return _leanix(table, mapping)
    return _leanix(csv_table(data, label), mapping)


def _leanix(table: Table, mapping: dict[str, str]) -> tuple[list[Element], list[Notice]]:
    out = _Collector(table.label)
    for where, values in _rows(table, LEANIX, mapping):
        kind = LEANIX_TYPES.get(norm(values.get("type")).replace(" ", ""))
        if kind is None:
            out.skipped += 1
            continue
        problems = _checked(values, where, ("id", "name"))
        key = f"leanix:{values.get('id', '')}"
        if kind == "data_flows":
            problems += _checked(values, where, ("provider", "consumer"))
            element = Element(kind, key, where, {"notes": values.get("description", "")})
            element.ends = (
                f"leanix:{_first(values.get('provider', ''))}",
                f"leanix:{_first(values.get('consumer', ''))}",
            )
        elif kind == "systems":
            element = Element(kind, key, where, {"name": values["name"], "notes": values.get("description", "")})
        else:
            element = Element(kind, key, where, {"name": values["name"], "description": values.get("description", "")})
            holder = _first(values.get("application", ""))
            element.system = f"leanix:{holder}" if holder else None
        if problems:
            out.problems += problems
            continue
        out.add(element)
    return out.result(table.notices)


def read_ardoq(
    data: bytes,
    label: str,
    *,
    mapping: dict[str, str],
    references_mapping: dict[str, str] | None = None,
    max_bytes: int,
) -> tuple[list[Element], list[Notice]]:
    """The landscape elements of an Ardoq export workbook: sheets *Components* and *References*, or else
    the first and the second sheet."""
    if not is_xlsx(data):
        raise ImportRefused([Problem.of("", Code.IMPORT_FILE_TYPE, expected="an Ardoq export workbook (.xlsx)")], label)
    with Sheets(data, label, max_bytes) as book:
        out = _Collector(label)
        kinds: dict[str, str] = {}  # component id -> kind ("" for a type left out)
        by_name: dict[str, str | None] = {}  # a reference may name its ends (Ardoq: unique names are ids)
        for where, values in _rows(book.table(ARDOQ_SHEETS[0], else_index=0), ARDOQ_COMPONENTS, mapping):
            kind = ARDOQ_TYPES.get(norm(values.get("type")))
            name = norm(values.get("name"))
            by_name[name] = None if name in by_name else values.get("id", "")
            if kind is None:
                kinds[values.get("id", "")] = ""
                out.skipped += 1
                continue
            problems = _checked(values, where, ("id", "name"))
            if problems:
                out.problems += problems
                continue
            text_field = "notes" if kind == "systems" else "description"
            kinds[values["id"]] = kind
            out.add(
                Element(
                    kind,
                    f"ardoq:{values['id']}",
                    where,
                    {"name": values["name"], text_field: values.get("description", "")},
                )
            )
        for where, values in _rows(
            book.table(ARDOQ_SHEETS[1], else_index=1), ARDOQ_REFERENCES, references_mapping or {}
        ):
            problems = _checked(values, where, ("id", "source", "target"))
            if problems:
                out.problems += problems
                continue
            named = values["source"], values["target"]
            ends = tuple(e if e in kinds else by_name.get(norm(e)) or "" for e in named)
            unknown = next((n for n, e in zip(named, ends, strict=True) if not e), None)
            if unknown is not None:
                out.problems.append(Problem.of(where, Code.IMPORT_UNKNOWN_END, value=unknown))
                continue
            if not all(kinds[e] for e in ends):
                out.skipped += 1
                continue
            notes = values.get("description") or values.get("type", "")
            out.add(
                Element(
                    "data_flows",
                    f"ardoq:{values['id']}",
                    where,
                    {"notes": notes},
                    (f"ardoq:{ends[0]}", f"ardoq:{ends[1]}"),
                )
            )
        return out.result([])
