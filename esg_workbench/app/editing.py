"""Pure helpers behind every edit in the app: fresh unique ids, clearing references to deleted items, and
turning pydantic errors into issues that name the row and field. No Streamlit here, so it is unit-tested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError

from ..domain.assessment import ID_COLLECTIONS, Assessment
from ..domain.fields import Ref
from ..domain.validation import unwrap_annotation
from ..new_assessment import slug


@dataclass(frozen=True)
class Issue:
    """Something wrong with an edit. ``row`` is the table row (0-based) or None for a single field;
    ``code`` and ``params`` let the app word it in the user's language, ``message`` is the English text."""

    field: str | None
    message: str
    code: str = "problem"
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


def issues_from_validation_error(exc: ValidationError, row: int | None = None) -> list[Issue]:
    issues = []
    for err in exc.errors(include_url=False):
        loc = [str(part) for part in err["loc"]]
        params = dict(err.get("ctx") or {})
        if "input" in err and err["type"] not in ("missing",):
            params.setdefault("input", _short(err["input"]))
        issues.append(Issue(loc[0] if loc else None, err["msg"], f"pydantic.{err['type']}", params, row))
    return issues


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- ids --------------------------------------------------------------------------------------------


def all_ids(assessment: Assessment) -> set[str]:
    """Every id in use: ids are unique across all collections, so new ones must avoid all of them."""
    return {item.id for name in ID_COLLECTIONS for item in getattr(assessment, name)} | {
        g.id for g in assessment.to_be.goals
    }


def new_id(name: str, taken: set[str], *, prefix: str = "item") -> str:
    """An id from ``name`` (``"SAP S/4HANA"`` -> ``sap-s-4hana``), or ``prefix-N`` for an unnamed item,
    that is not in ``taken``; the id is added to ``taken``."""
    if not (name or "").strip():
        n = 1
        while f"{prefix}-{n}" in taken:
            n += 1
        taken.add(f"{prefix}-{n}")
        return f"{prefix}-{n}"
    base = slug(name, fallback=prefix)[:56]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- cell values ------------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    if value is pd.NaT:
        return True
    if isinstance(value, list | tuple | dict | str | bool | int | date):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_cell(value: Any, kind: str) -> Any:
    """A table cell as a model value: blanks become None, floats that are whole become ints for int
    fields, timestamps become dates, list cells become lists of strings."""
    if kind == "multiselect":
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [str(v) for v in list(value)]
    if is_blank(value):
        return None
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "date":
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return value  # the model reports it as not a date
        if isinstance(value, datetime):
            return value.date()
        if hasattr(value, "date") and not isinstance(value, date):
            return value.date()
    if kind == "bool":
        return bool(value)
    if hasattr(value, "item") and not isinstance(value, str | list):  # numpy scalar
        return value.item()
    return value


# --- references to deleted items -------------------------------------------------------------------


@dataclass(frozen=True)
class _RefField:
    name: str
    ref: Ref | None
    submodel: type[BaseModel] | None
    is_list: bool
    optional: bool


@cache
def _ref_fields(model: type[BaseModel]) -> tuple[_RefField, ...]:
    fields = []
    for name, info in model.model_fields.items():
        base, markers, is_list, optional = unwrap_annotation(info.annotation)
        markers = [*info.metadata, *markers]
        ref = next((m for m in markers if isinstance(m, Ref)), None)
        sub = base if isinstance(base, type) and issubclass(base, BaseModel) else None
        if ref is not None or sub is not None:
            fields.append(_RefField(name, ref, sub, is_list, optional))
    return tuple(fields)


def _ids_by_collection(data: dict) -> dict[str, set[str]]:
    return {c: {item["id"] for item in data.get(c) or [] if isinstance(item, dict)} for c in ID_COLLECTIONS}


def _clean(model: type[BaseModel], data: dict, ids: dict[str, set[str]], removed: list[str], path: str) -> bool:
    """Drop references in ``data`` to ids that no longer exist. False when the item itself must go
    (a required reference, such as a score's option, points at nothing)."""
    for rf in _ref_fields(model):
        value = data.get(rf.name)
        sub_path = f"{path}.{rf.name}" if path else rf.name
        if value is None:
            continue
        if rf.submodel is not None:
            if rf.is_list:
                kept = [item for item in value if _clean(rf.submodel, item, ids, removed, f"{sub_path}[]")]
                if len(kept) != len(value):
                    removed.append(sub_path)
                data[rf.name] = kept
            elif not _clean(rf.submodel, value, ids, removed, sub_path):
                removed.append(sub_path)
                data[rf.name] = None
            continue
        ref = rf.ref
        assert ref is not None

        def known(v: str, ref: Ref = ref) -> bool:
            return v in ref.extra or any(v in ids[c] for c in ref.collections)

        if rf.is_list:
            kept_values = [v for v in value if known(v)]
            if len(kept_values) != len(value):
                removed.append(sub_path)
                data[rf.name] = kept_values
        elif not known(value):
            if not rf.optional:
                return False
            removed.append(sub_path)
            data[rf.name] = None
    return True


def removed_ids(before: Assessment, after: Assessment) -> set[str]:
    return {item.id for c in ID_COLLECTIONS for item in getattr(before, c)} - {
        item.id for c in ID_COLLECTIONS for item in getattr(after, c)
    }


def clean_references(before: Assessment, after: Assessment) -> tuple[Assessment, list[str]]:
    """``after`` without references to items deleted since ``before`` (e.g. a data source's system when
    the system is deleted; a score when its option is deleted), and the paths that were cleared."""
    if not removed_ids(before, after):
        return after, []
    data = after.model_dump()
    removed: list[str] = []
    _clean(Assessment, data, _ids_by_collection(data), removed, "")
    if not removed:
        return after, []
    return Assessment.model_validate(data), sorted(set(removed))


# --- applying one session's change on top of another's ---------------------------------------------


def merge_change(base: BaseModel, mine: BaseModel, theirs: BaseModel) -> BaseModel:
    """``theirs`` with every value that ``mine`` changed since ``base`` set to mine (three-way, per
    field; nested models are merged field by field, lists are taken whole). Where both changed the same
    value, mine wins: the user chose to keep their change."""
    updates = {}
    for name in type(base).model_fields:
        old, new, other = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if old == new:
            continue
        if isinstance(old, BaseModel) and isinstance(new, BaseModel) and isinstance(other, BaseModel):
            updates[name] = merge_change(old, new, other)
        else:
            updates[name] = new
    return theirs.model_copy(update=updates)
