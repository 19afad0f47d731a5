"""Repository functions for team mode: memberships (who has which role on an assessment) and the users
seen signing in. Connection passed in, keyword-only; the rules about who may do what live in access.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from .tables import memberships, users


@dataclass(frozen=True)
class Member:
    """One person's access to one assessment. ``name`` is empty until they have signed in once."""

    email: str
    role: str
    name: str
    granted_by: str
    granted_at: datetime


def role_of(conn: Connection, *, assessment_id: str, email: str) -> str | None:
    query = select(memberships.c.role).where(
        memberships.c.assessment_id == assessment_id, memberships.c.user_email == email
    )
    return conn.execute(query).scalar_one_or_none()


def roles_of(conn: Connection, *, email: str) -> dict[str, str]:
    """Assessment id -> role, for every assessment shared with ``email``."""
    query = select(memberships.c.assessment_id, memberships.c.role).where(memberships.c.user_email == email)
    return {assessment_id: role for assessment_id, role in conn.execute(query)}


def owner_of(conn: Connection, *, assessment_id: str) -> str | None:
    query = select(memberships.c.user_email).where(
        memberships.c.assessment_id == assessment_id, memberships.c.role == "owner"
    )
    return conn.execute(query).scalars().first()


def list_members(conn: Connection, *, assessment_id: str) -> list[Member]:
    """Owner first, then editors, then viewers, each by e-mail."""
    order = {"owner": 0, "editor": 1, "viewer": 2}
    query = (
        select(
            memberships.c.user_email,
            memberships.c.role,
            users.c.name,
            memberships.c.granted_by,
            memberships.c.granted_at,
        )
        .outerjoin(users, users.c.email == memberships.c.user_email)
        .where(memberships.c.assessment_id == assessment_id)
    )
    rows = [Member(email, role, name or "", by, at) for email, role, name, by, at in conn.execute(query)]
    return sorted(rows, key=lambda m: (order[m.role], m.email))


def put_member(conn: Connection, *, assessment_id: str, email: str, role: str, granted_by: str, now: datetime) -> None:
    """Give ``email`` the ``role`` (insert, or change the role they have)."""
    values = {"role": role, "granted_by": granted_by, "granted_at": now}
    changed = conn.execute(
        update(memberships)
        .where(memberships.c.assessment_id == assessment_id, memberships.c.user_email == email)
        .values(**values)
    )
    if changed.rowcount == 0:
        conn.execute(insert(memberships).values(assessment_id=assessment_id, user_email=email, **values))


def demote_owner(conn: Connection, *, assessment_id: str, email: str, now: datetime, granted_by: str) -> bool:
    """Make the owner ``email`` an editor, only if they still are the owner (the row lock makes a second,
    concurrent transfer find nothing)."""
    result = conn.execute(
        update(memberships)
        .where(
            memberships.c.assessment_id == assessment_id,
            memberships.c.user_email == email,
            memberships.c.role == "owner",
        )
        .values(role="editor", granted_by=granted_by, granted_at=now)
    )
    return result.rowcount == 1


def remove_member(conn: Connection, *, assessment_id: str, email: str) -> bool:
    result = conn.execute(
        delete(memberships).where(memberships.c.assessment_id == assessment_id, memberships.c.user_email == email)
    )
    return result.rowcount == 1


def remember_user(conn: Connection, *, email: str, name: str, now: datetime) -> None:
    """Record a sign-in: the name to show beside the e-mail address, and when they were last seen."""
    updated = conn.execute(update(users).where(users.c.email == email).values(name=name, last_seen_at=now))
    if updated.rowcount:
        return
    try:
        with conn.begin_nested():
            conn.execute(insert(users).values(email=email, name=name, first_seen_at=now, last_seen_at=now))
    except IntegrityError:
        # The same person signed in on another replica at the same moment; their row is there now.
        conn.execute(update(users).where(users.c.email == email).values(name=name, last_seen_at=now))
