"""Clearing references to deleted items: after an edit deletes an item (a system, a role, an option),
every reference to it goes, and an item that cannot exist without it (a score of a deleted option) goes
too. The references are found through the model's ``Ref`` field markers, so a new reference field is
covered without a change here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from .assessment import ID_COLLECTIONS, Assessment
from .fields import Ref
from .validation import unwrap_annotation


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
