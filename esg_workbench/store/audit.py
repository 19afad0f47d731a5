"""The audit trail: events that are not revisions (delete, undelete, sharing) and the full log of an
assessment, each revision with the field-level changes from its parent, read in one snapshot."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from ..domain.assessment import SCHEMA_VERSION
from ..domain.diff import diff_data
from ..domain.migrations import migrate
from .records import AuditEntry
from .tables import audit_events, revisions

# Revisions are read one at a time while the rows stream in, so a long history of large assessments
# never sits in memory at once.
_ROWS_PER_FETCH = 20


def insert_event(
    conn: Connection,
    *,
    assessment_id: str,
    action: str,
    actor: str,
    now: datetime,
    revision: int | None = None,
    subject: str | None = None,
    role: str | None = None,
) -> None:
    conn.execute(
        insert(audit_events).values(
            assessment_id=assessment_id,
            created_at=now,
            actor=actor,
            action=action,
            subject=subject,
            role=role,
            revision=revision,
        )
    )


def read_log(conn: Connection, *, assessment_id: str) -> list[AuditEntry]:
    """Revisions and events of one assessment, oldest first; empty when there is no such assessment."""
    entries = list(_revision_entries(conn, assessment_id))
    if not entries:
        return []
    entries.extend(_event_entries(conn, assessment_id))
    # Stable: a revision and an event with the same time keep revision-first order.
    return sorted(entries, key=lambda e: e.at)


def _revision_entries(conn: Connection, assessment_id: str):  # noqa: ANN202 - a generator of AuditEntry
    query = (
        select(
            revisions.c.number,
            revisions.c.created_at,
            revisions.c.author,
            revisions.c.message,
            revisions.c.summary,
            revisions.c.content,
        )
        .where(revisions.c.assessment_id == assessment_id)
        .order_by(revisions.c.number)
        .execution_options(yield_per=_ROWS_PER_FETCH)
    )
    previous: dict[str, Any] | None = None
    for number, created_at, author, message, summary, content in conn.execute(query):
        parsed = comparable(content)
        changes = tuple(diff_data(previous, parsed)) if previous is not None and parsed is not None else ()
        yield AuditEntry(
            assessment_id=assessment_id,
            at=created_at,
            actor=author,
            action="created" if number == 1 else "saved",
            revision=number,
            message=message,
            summary=summary,
            changes=changes,
        )
        previous = parsed


def comparable(content: str) -> dict[str, Any] | None:
    """The stored JSON form of a revision, compared as it is: building the model for each revision of a
    long history would cost more than the comparison (the store validated it when it was saved). None for
    a revision in another schema version, which this version cannot compare field by field; its summary
    (written when it was saved) still tells what changed."""
    try:
        data = json.loads(content)
    except ValueError:
        return None
    data = migrate(data)[0]  # an older revision is compared in today's form (domain.migrations)
    return data if isinstance(data, dict) and data.get("schema_version") == SCHEMA_VERSION else None


def _event_entries(conn: Connection, assessment_id: str) -> list[AuditEntry]:
    query = (
        select(
            audit_events.c.created_at,
            audit_events.c.actor,
            audit_events.c.action,
            audit_events.c.revision,
            audit_events.c.subject,
            audit_events.c.role,
        )
        .where(audit_events.c.assessment_id == assessment_id)
        .order_by(audit_events.c.id)
    )
    return [
        AuditEntry(
            assessment_id=assessment_id,
            at=at,
            actor=actor,
            action=action,
            revision=revision,
            summary=_event_summary(action, subject, role),
            subject=subject,
            role=role,
        )
        for at, actor, action, revision, subject, role in conn.execute(query)
    ]


def _event_summary(action: str, subject: str | None, role: str | None) -> str:
    if action == "shared":
        return f"{subject} is now {role}"
    if action == "unshared":
        return f"{subject} no longer has access"
    if action == "ownership_transferred":
        return f"{subject} is now the owner"
    return f"assessment {action}"
