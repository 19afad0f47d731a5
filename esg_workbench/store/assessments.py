"""Repository functions for assessments and their revisions. Each takes an open connection (the caller
owns the transaction) and keyword-only arguments; no rules about conflicts live here, only queries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from .. import json_text
from ..domain import Assessment
from ..domain.diff import DEFAULT_IGNORE
from .records import AssessmentSummary, RevisionInfo
from .tables import assessments, memberships, revisions


@dataclass(frozen=True)
class Content:
    """An assessment serialised for storage, with the hash that decides whether it changed."""

    text: str
    hash: str
    data: dict[str, Any] = field(repr=False, compare=False)  # the JSON form, to compare with the parent

    @classmethod
    def of(cls, assessment: Assessment) -> Content:
        data = assessment.model_dump(mode="json")
        text = json_text.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # Timestamps (which change on every save) must not make an unchanged assessment a new revision.
        hashed = {k: v for k, v in data.items() if k not in DEFAULT_IGNORE}
        canonical = json_text.dumps(hashed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return cls(text, hashlib.sha256(canonical.encode("utf-8")).hexdigest(), data)


@dataclass(frozen=True)
class Current:
    """The stored state of one assessment: its row and its newest revision."""

    revision: int
    deleted: bool
    author: str
    saved_at: datetime
    content: str
    content_hash: str


def current(conn: Connection, *, assessment_id: str) -> Current | None:
    query = (
        select(
            assessments.c.current_revision,
            assessments.c.deleted,
            revisions.c.author,
            revisions.c.created_at,
            revisions.c.content,
            revisions.c.content_hash,
        )
        .join(
            revisions,
            and_(revisions.c.assessment_id == assessments.c.id, revisions.c.number == assessments.c.current_revision),
        )
        .where(assessments.c.id == assessment_id)
    )
    row = conn.execute(query).one_or_none()
    return Current(*row) if row else None


def insert_assessment(conn: Connection, *, assessment: Assessment, now: datetime) -> None:
    conn.execute(
        insert(assessments).values(
            id=assessment.id,
            title=assessment.title,
            organisation_name=assessment.organisation.name,
            current_revision=1,
            created_at=now,
            updated_at=now,
            deleted=False,
        )
    )


def advance(conn: Connection, *, assessment: Assessment, base_revision: int, now: datetime) -> bool:
    """Move the assessment from ``base_revision`` to the next one, only if it is still at the base.

    The condition in the UPDATE is what makes concurrent saves safe: on PostgreSQL a second writer
    blocks on the row lock, then re-checks the condition against the committed row and matches nothing.
    """
    result = conn.execute(
        update(assessments)
        .where(
            assessments.c.id == assessment.id,
            assessments.c.current_revision == base_revision,
            assessments.c.deleted.is_(False),
        )
        .values(
            current_revision=base_revision + 1,
            title=assessment.title,
            organisation_name=assessment.organisation.name,
            updated_at=now,
        )
    )
    return result.rowcount == 1


def insert_revision(
    conn: Connection,
    *,
    assessment_id: str,
    number: int,
    parent: int | None,
    content: Content,
    author: str,
    message: str,
    summary: str,
    now: datetime,
) -> None:
    conn.execute(
        insert(revisions).values(
            assessment_id=assessment_id,
            number=number,
            parent_number=parent,
            created_at=now,
            author=author,
            message=message,
            content=content.text,
            content_hash=content.hash,
            summary=summary,
        )
    )


def set_deleted(
    conn: Connection, *, assessment_id: str, deleted: bool, author: str, now: datetime, base_revision: int | None
) -> bool:
    """Flip the deleted flag; with ``base_revision`` only if the assessment is still at it."""
    conditions = [assessments.c.id == assessment_id, assessments.c.deleted.is_(not deleted)]
    if base_revision is not None:
        conditions.append(assessments.c.current_revision == base_revision)
    values = {"deleted": deleted, "deleted_at": now if deleted else None, "deleted_by": author if deleted else None}
    return conn.execute(update(assessments).where(*conditions).values(**values)).rowcount == 1


def summaries(conn: Connection, *, include_deleted: bool, member: str | None = None) -> list[AssessmentSummary]:
    """The assessment list; with ``member`` only the assessments shared with that e-mail address."""
    query = (
        select(
            assessments.c.id,
            assessments.c.title,
            assessments.c.organisation_name,
            assessments.c.current_revision,
            assessments.c.updated_at,
            revisions.c.author,
            assessments.c.deleted,
        )
        .join(
            revisions,
            and_(revisions.c.assessment_id == assessments.c.id, revisions.c.number == assessments.c.current_revision),
        )
        .order_by(assessments.c.updated_at.desc(), assessments.c.id)
    )
    if not include_deleted:
        query = query.where(assessments.c.deleted.is_(False))
    if member is not None:
        query = query.join(
            memberships, and_(memberships.c.assessment_id == assessments.c.id, memberships.c.user_email == member)
        )
    return [AssessmentSummary(*row) for row in conn.execute(query)]


def revision(conn: Connection, *, assessment_id: str, number: int) -> tuple[str, datetime, str] | None:
    """(content, created_at, author) of one revision."""
    query = select(revisions.c.content, revisions.c.created_at, revisions.c.author).where(
        revisions.c.assessment_id == assessment_id, revisions.c.number == number
    )
    row = conn.execute(query).one_or_none()
    return tuple(row) if row else None


def history(conn: Connection, *, assessment_id: str) -> list[RevisionInfo]:
    query = (
        select(
            revisions.c.number,
            revisions.c.created_at,
            revisions.c.author,
            revisions.c.message,
            revisions.c.summary,
            revisions.c.parent_number,
        )
        .where(revisions.c.assessment_id == assessment_id)
        .order_by(revisions.c.number)
    )
    return [RevisionInfo(*row) for row in conn.execute(query)]
