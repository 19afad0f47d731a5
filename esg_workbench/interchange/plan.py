"""What an import would do, before anything is applied: the assessment after it, each imported item
added, changed or unchanged, the conflicts it resolved in a stated way, and notices about how the file
was read. The CLI prints it (``--dry-run``), the app shows it and applies it only on confirmation.

The changes are the core diff (``domain.diff``) between the current assessment and the result, so an
import and a workbook upload describe what they change in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..domain import Assessment, AssessmentInvalid, Problem
from ..domain.diff import Change, diff_assessments
from ..messages import translate

ItemState = Literal["added", "changed", "unchanged"]


class ImportRefused(AssessmentInvalid):
    """The file cannot be imported; every problem names the file and its row, column or element id.
    Nothing was changed."""


@dataclass(frozen=True)
class Notice:
    """Something said about how a file was read (an encoding, values filled in, elements left out);
    worded by ``interchange.notice.<key>`` in the catalogue."""

    key: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str) -> str:
        return translate(f"interchange.notice.{self.key}", lang, **self.params)


@dataclass(frozen=True)
class Conflict:
    """An imported element that did not simply match: what the import does about it is part of the
    wording (``interchange.conflict.<kind>``), so the user decides with the whole picture."""

    kind: str
    where: str  # the element id or row in the file
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str) -> str:
        return translate(f"interchange.conflict.{self.kind}", lang, where=self.where, **self.params)


@dataclass(frozen=True)
class ImportPlan:
    """The outcome of reading an import against an assessment. ``assessment`` is the result to apply (None
    when ``problems`` stop the import); ``items`` gives each imported item's key (``systems[crm]``) and
    whether it is added, changed or unchanged."""

    source: str
    assessment: Assessment | None
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    items: dict[str, ItemState] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.problems

    def counts(self) -> dict[str, int]:
        states = list(self.items.values())
        return {
            "added": states.count("added"),
            "changed": states.count("changed"),
            "unchanged": states.count("unchanged"),
            "conflicts": len(self.conflicts),
        }

    def summary(self, lang: str) -> str:
        return translate("interchange.summary", lang, source=self.source, **self.counts())

    def lines(self, lang: str = "en") -> list[str]:
        """The plan as text lines (the CLI's dry run): summary, notices, conflicts, then every change."""
        if self.problems:
            return [str(p) for p in self.problems]
        out = [self.summary(lang)]
        out += [f"  {translate('interchange.notice_mark', lang)} {n.text(lang)}" for n in self.notices]
        out += [f"  {translate('interchange.conflict_mark', lang)} {c.text(lang)}" for c in self.conflicts]
        out += [f"  {c.describe()}" for c in self.changes]
        return out


def refused(source: str, problems: list[Problem], notices: Iterable[Notice] = ()) -> ImportPlan:
    return ImportPlan(source, None, problems, notices=list(notices))


def build_plan(
    source: str,
    current: Assessment,
    result: Assessment,
    keys: Iterable[str],
    conflicts: list[Conflict],
    notices: list[Notice],
) -> ImportPlan:
    """The plan of an import that produced ``result`` from ``current``; ``keys`` are the item keys the
    import touched (``systems[crm]``), each then counted as added, changed or unchanged by the diff."""
    changes = diff_assessments(current, result)
    added = {c.path for c in changes if c.kind == "added"}
    touched = {c.path.split(".", 1)[0] for c in changes}
    items: dict[str, ItemState] = {}
    for key in keys:
        items[key] = "added" if key in added else "changed" if key in touched else "unchanged"
    return ImportPlan(source, result, [], changes, items, conflicts, notices)
