"""Importing a decision workbook: safety checks, then the input sheets back into an Assessment.

All or nothing: the result is a valid Assessment, or WorkbookInvalid listing every problem with its
sheet, cell and column. Nothing is stored here; the caller decides what to do with the result.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..config import settings
from ..domain import Assessment, AssessmentInvalid, Problem
from ..domain.problem_codes import Code
from ..domain.validation import validate_and_parse
from ..messages import LANGUAGES
from ..xlsx_safety import MiB, UnsafeWorkbook
from .cell_values import MISSING
from .layout import FORM_LABEL_COL, FORM_VALUE_COL, FormSheet, TableSheet
from .read_inputs import Collected, Location, read_form, read_table
from .reader import RawWorkbook, Source, read_workbook
from .sheet_columns import FORMS, TABLES
from .texts import SHEET_NAMES


class WorkbookInvalid(AssessmentInvalid):
    """The workbook cannot be imported; ``problems`` name sheet, cell and column. ``unsafe`` is True when
    the file was refused before its content was read (size, zip bomb, encryption, not an .xlsx...)."""

    def __init__(self, problems: list[Problem], source: str = "", *, unsafe: bool = False) -> None:
        super().__init__(problems, source)
        self.unsafe = unsafe


def import_workbook(source: Source, *, name: str | None = None, max_bytes: int | None = None) -> Assessment:
    """Read a workbook exported by :func:`export_workbook` (and perhaps edited in Excel) into a valid
    Assessment. ``source`` is a path or the file's bytes; ``max_bytes`` defaults to the
    ``max_upload_mb`` setting. Raises WorkbookInvalid."""
    data, label, found = _read(source, name=name, max_bytes=max_bytes)
    return _parse(data, label, found)


def _read(source: Source, *, name: str | None, max_bytes: int | None) -> tuple[dict[str, Any], str, Collected]:
    """The workbook's content as plain assessment data (not yet validated), the file's label and where
    each value came from. Raises WorkbookInvalid for an unsafe file or for cells that cannot be read."""
    label = name or (Path(source).name if isinstance(source, str | Path) else "workbook")
    limit = max_bytes if max_bytes is not None else settings().max_upload_mb * MiB
    try:
        raw = read_workbook(source, name=label, max_bytes=limit)
    except UnsafeWorkbook as exc:
        problem = (
            Problem.of("", Code(exc.code), **exc.params)
            if exc.code
            else Problem.of("", Code.WORKBOOK_REFUSED, reason=str(exc).removeprefix(f"{label}: "))
        )
        raise WorkbookInvalid([problem], label, unsafe=True) from None
    out = Collected()
    data = _assemble(raw, out)
    if out.problems:
        raise WorkbookInvalid(out.problems, label)
    return data, label, out


def _parse(data: dict[str, Any], label: str, found: Collected) -> Assessment:
    assessment, problems = validate_and_parse(data, _framework(data))
    if assessment is None:
        raise WorkbookInvalid([_located(p, found) for p in problems], label)
    return assessment


def _framework(data: dict[str, Any]) -> Any:
    """The framework the workbook names, for vocabulary checks; unknown frameworks are reported."""
    from ..frameworks import FrameworkNotFound, load_framework

    ref = data.get("framework") if isinstance(data.get("framework"), dict) else {}
    try:
        return load_framework(ref.get("id", "esg-architecture"), version=ref.get("version"))
    except FrameworkNotFound as exc:
        raise WorkbookInvalid([Problem.of("framework", Code.FRAMEWORK, detail=str(exc))]) from None


_PATH_IN_TEXT = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)*\[\d+\](?:\.[a-z_]+|\[\d+\])*")


def _located(problem: Problem, found: Collected) -> Problem:
    """Re-address a model problem (``data_sources[3].system_id``) to its sheet and cell; model paths in
    its parameters (``also at roles[0].id``) become cells too."""
    where = found.locate(problem.path)
    path = str(where) if where else problem.path
    if problem.code == Code.REQUIRED:
        return Problem.of(path, Code.VALUE_REQUIRED_HERE)
    params = {
        k: _PATH_IN_TEXT.sub(lambda m: str(found.locate(m.group()) or m.group()), v) if isinstance(v, str) else v
        for k, v in problem.params.items()
    }
    return Problem.of(path, Code(problem.code), **params)


# --- assembling plain data ------------------------------------------------------------------------


def _assemble(raw: RawWorkbook, out: Collected) -> dict[str, Any]:
    for key, expected in raw.missing.items():
        hint = f"; sheet '{raw.renamed[key]}' looks like it: rename it back" if key in raw.renamed else ""
        # the sheet's name in the other language, where it differs
        others = [n for lang, n in zip(LANGUAGES, SHEET_NAMES[key], strict=True) if lang != raw.lang and n != expected]
        out.problem(
            Location(expected),
            f"the sheet is missing (deleted or renamed){hint}"
            + "".join(f"; a sheet named '{other}' is in the other language" for other in others),
        )
    data: dict[str, Any] = {"schema_version": raw.meta.get("schema_version", 1)}
    for spec in FORMS:
        if spec.key in raw.sheets:
            _put_form(data, spec, read_form(spec, raw.sheets[spec.key], out), raw, out)
    tables = {spec.key: _table(spec, raw, out) for spec in TABLES}
    for spec in TABLES:
        if spec.parent is None:
            _put_list(data, spec.path, [item for _, item in tables[spec.key]])
            if spec.key in raw.sheets:
                out.tables[spec.path] = (raw.sheets[spec.key].name, [row for row, _ in tables[spec.key]])
    for spec in TABLES:
        if spec.parent is not None:
            _nest(data, spec, tables[spec.key], raw, out)
    return data


def _table(spec: TableSheet, raw: RawWorkbook, out: Collected) -> list[tuple[int, dict[str, Any]]]:
    sheet = raw.sheets.get(spec.key)
    return read_table(spec, sheet, out) if sheet is not None else []


def _put_list(data: dict[str, Any], path: str, items: list[dict[str, Any]]) -> None:
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = items


def _put_form(
    data: dict[str, Any], spec: FormSheet, values: dict[str, tuple[int, Any]], raw: RawWorkbook, out: Collected
) -> None:
    sheet = raw.sheets[spec.key]
    present = {f: v for f, (_, v) in values.items() if v is not MISSING}
    for group in spec.optional_groups:  # e.g. no decision yet: every decision field blank
        if not any(f.startswith(f"{group}.") for f in present):
            data[group] = None
    for field_id, value in present.items():
        *parents, last = field_id.split(".")
        target = data
        for part in parents:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        target[last] = value
    for field_id, (row, _) in values.items():
        out.locations[field_id] = Location(sheet.name, row, FORM_VALUE_COL, str(sheet.value(row, FORM_LABEL_COL)))


def _nest(
    data: dict[str, Any], spec: TableSheet, rows: list[tuple[int, dict[str, Any]]], raw: RawWorkbook, out: Collected
) -> None:
    """Put flattened child rows (cost lines, risks) back into their parent items, in row order."""
    parent_key, ref_field = spec.parent or ("", "")
    parents = data.get(parent_key, [])
    by_id = {p.get("id"): i for i, p in enumerate(parents) if isinstance(p.get("id"), str)}
    for parent in parents:
        parent[spec.path] = []
    sheet = raw.sheets.get(spec.key)
    for row, item in rows:
        parent_id = item.pop(ref_field, None)
        where = Location(sheet.name, row) if sheet else Location(spec.key)
        if parent_id is None:
            out.problem(where, f"the {ref_field.replace('_id', '')} is missing; every row belongs to one")
            continue
        if parent_id not in by_id:
            out.problem(where, f"unknown {ref_field.replace('_id', '')} '{parent_id}'")
            continue
        index = by_id[parent_id]
        children = parents[index][spec.path]
        out.locations[f"{parent_key}[{index}].{spec.path}[{len(children)}]"] = where
        children.append(item)
