"""What the store hands back: plain read-only records, separate from the tables they come from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import Assessment
from ..domain.diff import Change


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of the assessment list."""

    id: str
    title: str
    organisation: str
    revision: int
    updated_at: datetime
    updated_by: str
    deleted: bool = False


@dataclass(frozen=True)
class StoredAssessment:
    """An assessment as stored at one revision."""

    assessment: Assessment
    revision: int
    saved_at: datetime
    author: str


@dataclass(frozen=True)
class RevisionInfo:
    """One entry of an assessment's history. ``parent`` is the revision it was saved on (None for 1)."""

    number: int
    created_at: datetime
    author: str
    message: str
    summary: str
    parent: int | None = None


@dataclass(frozen=True)
class CatalogueInfo:
    """One stored datapoint catalogue version, without its datapoints."""

    id: str
    version: str
    title: str
    source_filename: str
    source_sha256: str
    imported_at: datetime
    count: int
    standard_id: str = "esrs-set1"  # the disclosure-requirement catalogue the list belongs to
    standard_version: str = "2023"


@dataclass(frozen=True)
class AuditEntry:
    """One change in an assessment's audit trail.

    ``action`` is ``created`` or ``saved`` for a revision (``revision`` is its number, ``changes`` the
    field-level differences from its parent) or an event: ``deleted``, ``undeleted``, ``shared``
    (``subject`` got ``role``), ``unshared`` or ``ownership_transferred`` (``subject`` is the new owner);
    for an event ``revision`` is the assessment's revision at the time.
    """

    assessment_id: str
    at: datetime
    actor: str
    action: str
    revision: int | None
    message: str = ""
    summary: str = ""
    changes: tuple[Change, ...] = ()
    subject: str | None = None
    role: str | None = None

    def lines(self) -> list[str]:
        """The changes as readable lines (the summary when there is nothing field-level to show)."""
        return [c.describe() for c in self.changes] or ([self.summary] if self.summary else [])
