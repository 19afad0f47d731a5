"""Field-level differences between two versions of an assessment, in words a reader can check.

Pure (no database, no files): the store uses it for revision summaries and ``db diff``, and the app and
the workbook import can use it to show what an edit or an upload would change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .assessment import Assessment

ChangeKind = Literal["added", "removed", "changed"]

# List items without an ``id`` but with a natural key; any other list of objects is compared by position.
_NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "material_topics": ("esrs",),
    "maturity": ("dimension",),
    "survey": ("question",),
    "scores": ("option_id", "criterion_id"),
    "must_have_checks": ("option_id", "requirement_id"),
    "pairwise": ("a", "b"),
}
# Fields that name an item in a sentence, tried in this order.
_LABEL_FIELDS = ("name", "title", "text", "label")
# Bookkeeping, not content: updated_at changes on every save, and a file without timestamps gets
# "now" each time it is read. The store keeps its own times per revision.
DEFAULT_IGNORE: tuple[str, ...] = ("created_at", "updated_at")
_MAX_SHOWN = 60


@dataclass(frozen=True)
class Change:
    """One difference. ``path`` names the value like ``data_sources[ds-1].name``: list items are
    addressed by their id (or natural key such as ``scores[opt-1/tco]``), by position only when they
    have neither. ``old`` / ``new`` are plain JSON values; ``None`` on the side where nothing was."""

    path: str
    kind: ChangeKind
    old: Any = None
    new: Any = None

    def describe(self, *, added: str = "added", removed: str = "removed") -> str:
        """The change as one line, e.g. ``systems[sys-1].name: 'SAP' -> 'SAP S/4HANA'``; ``added`` and
        ``removed`` are the words for those kinds (the app passes them in the reader's language)."""
        if self.kind == "added":
            return f"{added} {self.path}{_label(self.new)}"
        if self.kind == "removed":
            return f"{removed} {self.path}{_label(self.old)}"
        return f"{self.path}: {_shown(self.old)} -> {_shown(self.new)}"

    def __str__(self) -> str:
        return self.describe()


def diff_assessments(old: Assessment, new: Assessment, *, ignore: Collection[str] = DEFAULT_IGNORE) -> list[Change]:
    """Every field-level difference from ``old`` to ``new``, in the order of the assessment's fields.

    ``ignore`` lists top-level fields left out of the comparison (by default the timestamps
    ``created_at`` and ``updated_at``).
    A list whose items are the same but in another order gives one change on the list itself, old and
    new being the item keys in order.
    """
    return diff_data(old.model_dump(mode="json"), new.model_dump(mode="json"), ignore=ignore)


def diff_data(
    old: Mapping[str, Any], new: Mapping[str, Any], *, ignore: Collection[str] = DEFAULT_IGNORE
) -> list[Change]:
    """:func:`diff_assessments` on the JSON form of two assessments (as the store keeps them), so a long
    history is compared without building a model per revision."""
    before = {k: v for k, v in old.items() if k not in ignore}
    after = {k: v for k, v in new.items() if k not in ignore}
    return list(_diff(before, after, ""))


def summarise(changes: list[Change], *, max_length: int = 200) -> str:
    """A short line for a revision list: ``3 changes: title; added systems[sys-2]; ...``."""
    if not changes:
        return "no changes"
    head = f"{len(changes)} change{'s' if len(changes) != 1 else ''}: "
    text = head + "; ".join(_brief(c) for c in changes)
    return text if len(text) <= max_length else text[: max_length - 3].rstrip() + "..."


def _brief(change: Change) -> str:
    return change.path if change.kind == "changed" else f"{change.kind} {change.path}"


def _diff(old: Any, new: Any, path: str) -> Iterator[Change]:
    if isinstance(old, dict | list) and old == new:
        # Most of an assessment is unchanged between revisions; equal containers are skipped at C speed.
        # == would call True and 1 equal, but the assessment schema never has a bool where another
        # revision can have a number, so equal containers really are equal.
        return
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _diff_dicts(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_lists(old, new, path)
    elif old is None and isinstance(new, dict):
        yield Change(path, "added", None, new)
    elif isinstance(old, dict) and new is None:
        yield Change(path, "removed", old, None)
    elif _differs(old, new):
        yield Change(path, "changed", old, new)


def _differs(a: Any, b: Any) -> bool:
    if a != b:
        return True
    # Python says True == 1; to a reader they differ. 3 and 3.0 do not.
    return isinstance(a, bool) != isinstance(b, bool)


def _diff_dicts(old: dict, new: dict, path: str) -> Iterator[Change]:
    for key in [*old, *(k for k in new if k not in old)]:
        sub = f"{path}.{key}" if path else key
        if key not in new:
            yield Change(sub, "removed", old[key], None)
        elif key not in old:
            yield Change(sub, "added", None, new[key])
        else:
            yield from _diff(old[key], new[key], sub)


def _diff_lists(old: list, new: list, path: str) -> Iterator[Change]:
    field = path.rsplit(".", 1)[-1]
    old_keys, new_keys = _keys(old, field), _keys(new, field)
    if old_keys is None or new_keys is None:
        yield from _diff_positional(old, new, path)
        return
    old_items, new_items = dict(zip(old_keys, old, strict=True)), dict(zip(new_keys, new, strict=True))
    for key in old_keys:
        if key not in new_items:
            yield Change(f"{path}[{key}]", "removed", old_items[key], None)
    for key in old_keys:
        if key in new_items:
            yield from _diff(old_items[key], new_items[key], f"{path}[{key}]")
    for key in new_keys:
        if key not in old_items:
            yield Change(f"{path}[{key}]", "added", None, new_items[key])
    common_before = [k for k in old_keys if k in new_items]
    common_after = [k for k in new_keys if k in old_items]
    if common_before != common_after:
        yield Change(path, "changed", common_before, common_after)


def _diff_positional(old: list, new: list, path: str) -> Iterator[Change]:
    if not any(isinstance(v, dict) for v in (*old, *new)):
        # A list of plain values (ids, codes) reads best as one before/after pair.
        if old != new:
            yield Change(path, "changed", old, new)
        return
    for i in range(max(len(old), len(new))):
        if i >= len(new):
            yield Change(f"{path}[{i}]", "removed", old[i], None)
        elif i >= len(old):
            yield Change(f"{path}[{i}]", "added", None, new[i])
        else:
            yield from _diff(old[i], new[i], f"{path}[{i}]")


def _keys(items: list, field: str) -> list[str] | None:
    """Each item's key as text, or None when the items have no unique key to match them by."""
    if not items or not all(isinstance(item, dict) for item in items):
        return [] if not items else None
    names = _NATURAL_KEYS.get(field, ("id",))
    if not all(all(item.get(n) is not None for n in names) for item in items):
        return None
    keys = ["/".join(str(item[n]) for n in names) for item in items]
    return keys if len(set(keys)) == len(keys) else None


def _label(value: Any) -> str:
    if isinstance(value, dict):
        for name in _LABEL_FIELDS:
            if isinstance(value.get(name), str) and value[name]:
                return f" {_shown(value[name])}"
        return ""
    return f": {_shown(value)}"


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = repr(value) if isinstance(value, str | list | dict) else str(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
