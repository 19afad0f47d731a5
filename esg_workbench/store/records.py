"""What the store hands back: plain read-only records, separate from the tables they come from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import Assessment


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
