"""What an uploaded workbook would change, before anything is applied: the parsed assessment (or the
problems that stop it) and the field-level changes against the current assessment."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import Assessment, Problem
from ..domain.diff import Change, diff_assessments
from ..domain.problem_codes import Code
from .import_ import WorkbookInvalid, import_workbook


@dataclass(frozen=True)
class ImportPreview:
    """The outcome of reading an upload. ``assessment`` is None when ``problems`` is not empty; then
    nothing may be applied. ``changes`` is empty when the workbook matches the current assessment."""

    source: str
    assessment: Assessment | None
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unsafe: bool = False  # the file was refused before its content was read

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.problems

    def describe(self) -> list[str]:
        """One line per problem, or per change."""
        if self.problems:
            return [str(p) for p in self.problems]
        return [c.describe() for c in self.changes]


def preview_import(
    data: bytes, current: Assessment | None, *, name: str = "workbook", max_bytes: int | None = None
) -> ImportPreview:
    """Read an uploaded workbook and compare it with ``current`` (None for a new assessment).

    Never raises for a bad upload: the problems are in the preview. The id of the workbook's
    assessment must match ``current``'s, so a workbook of another assessment is not applied by mistake."""
    try:
        assessment = import_workbook(data, name=name, max_bytes=max_bytes)
    except WorkbookInvalid as exc:
        return ImportPreview(name, None, list(exc.problems), unsafe=exc.unsafe)
    if current is not None and assessment.id != current.id:
        problem = Problem.of("", Code.OTHER_WORKBOOK, value=assessment.id, other=current.id)
        return ImportPreview(name, None, [problem])
    changes = diff_assessments(current, assessment) if current is not None else []
    return ImportPreview(name, assessment, [], changes)
