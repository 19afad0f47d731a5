"""Applying one session's change on top of another's: a three-way merge of two versions of an
assessment (or any part of it) that both started from the same stored revision."""

from __future__ import annotations

from pydantic import BaseModel


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
