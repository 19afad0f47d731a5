"""Team mode: per-assessment roles (owner, editor, viewer) enforced by the store itself, so no screen or
script can change or even see an assessment that was not shared with its user.

``SecuredStore(store, user)`` is a ``Store`` for one signed-in user. It shares the open store's engine
and checks the user's role inside the same transaction as each read or write:

============================  =====  ======  ======  ==========
call                          owner  editor  viewer  not shared
============================  =====  ======  ======  ==========
list, load, history, diff,    yes    yes     yes     hidden
audit_log, members, role
save, restore                 yes    yes     denied  hidden
delete, undelete, share,      yes    denied  denied  hidden
unshare, transfer_ownership
============================  =====  ======  ======  ==========

"hidden" raises NotFound with the same message as for a missing assessment, so ids of other people's
assessments leak nothing but the fact that the id is taken (``exists`` and ``create`` must say so).
Anyone signed in may create an assessment and becomes its owner; there is always exactly one owner.
Administrators (``ESG_WORKBENCH_ADMINS``) act as owner of every assessment and alone may import
datapoint catalogues. Every write is recorded under the user's e-mail address, whatever ``author``
the caller passes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

from sqlalchemy import Connection, select

from ..config import settings
from ..domain import Assessment
from ..domain.datapoints import DatapointCatalogue
from . import assessments as repo
from . import audit
from . import members as member_repo
from .database import read_transaction, write_transaction
from .errors import AlreadyExists, NotFound, StoreError
from .members import Member
from .records import AssessmentSummary, CatalogueInfo
from .store import Action, Store
from .tables import AUTHOR_LENGTH, NAME_LENGTH, assessments

Role = Literal["owner", "editor", "viewer"]
ROLES: tuple[Role, ...] = get_args(Role)
_RANK = {"viewer": 0, "editor": 1, "owner": 2}
_NEEDS: dict[Action, Role] = {"read": "viewer", "edit": "editor", "delete": "owner"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

__all__ = ["ROLES", "AccessDenied", "Member", "Role", "SecuredStore", "User", "role_allows"]


def role_allows(role: Role, needed: Role) -> bool:
    """Whether ``role`` may do what needs ``needed`` (owner > editor > viewer)."""
    return _RANK[role] >= _RANK[needed]


class AccessDenied(StoreError, PermissionError):
    """The signed-in user's role on the assessment does not allow this; nothing was changed."""


@dataclass(frozen=True)
class User:
    """A signed-in person. ``email`` (kept in lower case) is the identity roles are granted to."""

    email: str
    name: str = ""

    def __post_init__(self) -> None:
        email = self.email.strip().lower()
        if not _EMAIL.match(email) or len(email) > AUTHOR_LENGTH:
            raise ValueError(f"not a usable e-mail address for a user: {self.email!r}")
        object.__setattr__(self, "email", email)
        object.__setattr__(self, "name", " ".join(self.name.split())[:NAME_LENGTH])

    @property
    def domain(self) -> str:
        return self.email.rsplit("@", 1)[1]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def _now() -> datetime:
    return datetime.now(UTC)


class SecuredStore(Store):
    """The store as one signed-in user may use it (see the module docstring for the rules).

    ``admins`` and ``allowed_domains`` default to the settings ESG_WORKBENCH_ADMINS and
    ESG_WORKBENCH_ALLOWED_DOMAINS. Closing it leaves the shared store open.
    """

    def __init__(
        self,
        store: Store,
        user: User,
        *,
        admins: Collection[str] | None = None,
        allowed_domains: Collection[str] | None = None,
    ) -> None:
        # Deliberately not Store.__init__: this shares the open store's engine instead of opening one.
        self._engine = store.engine
        self.user = user
        self._admins = frozenset(a.lower() for a in (settings().admins if admins is None else admins))
        self._domains = frozenset(
            d.lower().lstrip("@") for d in (settings().allowed_domains if allowed_domains is None else allowed_domains)
        )
        if not self.domain_allowed(user.email):
            raise AccessDenied(f"{user.email} may not use this workbench: {self._domains_text()}")

    @property
    def is_admin(self) -> bool:
        return self.user.email in self._admins

    @property
    def allowed_domains(self) -> frozenset[str]:
        """The e-mail domains assessments may be shared with; empty when any domain is allowed."""
        return self._domains

    def close(self) -> None:
        """Nothing to release: the engine belongs to the store this was made from."""

    def __repr__(self) -> str:
        return f"SecuredStore({self.url!r}, user={self.user.email!r})"

    def domain_allowed(self, email: str) -> bool:
        return not self._domains or email.rsplit("@", 1)[-1].lower() in self._domains

    # --- the rules, checked inside the caller's transaction ----------------------------------------

    def _role_in(self, conn: Connection, assessment_id: str) -> Role | None:
        if self.is_admin:
            found = conn.execute(select(assessments.c.id).where(assessments.c.id == assessment_id)).first()
            return "owner" if found else None
        return member_repo.role_of(conn, assessment_id=assessment_id, email=self.user.email)

    def _require(self, conn: Connection, assessment_id: str, needed: Role, doing: str) -> Role:
        role = self._role_in(conn, assessment_id)
        if role is None:
            raise NotFound(f"no assessment '{assessment_id}' in the store")
        if not role_allows(role, needed):
            owner = member_repo.owner_of(conn, assessment_id=assessment_id)
            ask = f"; ask its owner ({owner}) for {needed} access" if owner else ""
            raise AccessDenied(
                f"you ({self.user.email}) are {'an' if role == 'editor' else 'a'} {role} of assessment "
                f"'{assessment_id}'; {doing} needs "
                f"{' or '.join(r for r in reversed(ROLES) if role_allows(r, needed))}{ask}. Nothing was changed."
            )
        return role

    def _check(self, conn: Connection, assessment_id: str, action: Action) -> None:
        doing = {"read": "reading it", "edit": "changing it", "delete": "deleting or undeleting it"}[action]
        self._require(conn, assessment_id, _NEEDS[action], doing)

    def _created(self, conn: Connection, assessment_id: str, now: datetime) -> None:
        member_repo.put_member(
            conn, assessment_id=assessment_id, email=self.user.email, role="owner", granted_by=self.user.email, now=now
        )

    # --- Store's calls, as this user ------------------------------------------------------------------

    def list_assessments(self, *, include_deleted: bool = False) -> list[AssessmentSummary]:
        """The assessments shared with this user (every one for an administrator)."""
        with read_transaction(self._engine) as conn:
            member = None if self.is_admin else self.user.email
            return repo.summaries(conn, include_deleted=include_deleted, member=member)

    def create(self, assessment: Assessment, *, author: str | None = None, message: str = "created") -> int:
        """Store a new assessment; this user becomes its owner. The id may be taken by an assessment this
        user cannot see: then AlreadyExists says only that."""
        try:
            return super().create(assessment, author=self.user.email, message=message)
        except AlreadyExists:
            if self.exists_for_me(assessment.id):
                raise
            raise AlreadyExists(f"the id '{assessment.id}' is already taken; choose another id") from None

    def save(self, assessment: Assessment, *, base_revision: int, author: str | None = None, message: str = "") -> int:
        return super().save(assessment, base_revision=base_revision, author=self.user.email, message=message)

    def restore(self, assessment_id: str, revision: int, *, base_revision: int, author: str | None = None) -> int:
        return super().restore(assessment_id, revision, base_revision=base_revision, author=self.user.email)

    def delete(self, assessment_id: str, *, base_revision: int, author: str | None = None) -> None:
        super().delete(assessment_id, base_revision=base_revision, author=self.user.email)

    def undelete(self, assessment_id: str, *, author: str | None = None) -> None:
        super().undelete(assessment_id, author=self.user.email)

    def save_datapoint_catalogue(self, catalogue: DatapointCatalogue, *, replace: bool = False) -> CatalogueInfo:
        if not self.is_admin:
            raise AccessDenied(
                f"you ({self.user.email}) are not an administrator; only administrators (ESG_WORKBENCH_ADMINS) "
                "import datapoint catalogues. Nothing was changed."
            )
        return super().save_datapoint_catalogue(catalogue, replace=replace)

    # --- roles and sharing ----------------------------------------------------------------------------

    def exists_for_me(self, assessment_id: str) -> bool:
        """Whether this user can see the assessment (``exists`` says whether the id is taken at all)."""
        with read_transaction(self._engine) as conn:
            return self._role_in(conn, assessment_id) is not None

    def role(self, assessment_id: str) -> Role:
        """This user's role on the assessment (``owner`` for an administrator); NotFound when not shared."""
        with read_transaction(self._engine) as conn:
            return self._require(conn, assessment_id, "viewer", "reading it")

    def roles(self) -> dict[str, Role]:
        """Assessment id -> this user's role, for every assessment shared with them."""
        with read_transaction(self._engine) as conn:
            if self.is_admin:
                return {s.id: "owner" for s in repo.summaries(conn, include_deleted=True, member=None)}
            return member_repo.roles_of(conn, email=self.user.email)

    def members(self, assessment_id: str) -> list[Member]:
        """Who has access, owner first; any member may see this."""
        with read_transaction(self._engine) as conn:
            self._require(conn, assessment_id, "viewer", "reading it")
            return member_repo.list_members(conn, assessment_id=assessment_id)

    def share(self, assessment_id: str, email: str, role: Role) -> None:
        """Give ``email`` the role ``editor`` or ``viewer`` (or change the role they have); owner only.
        The owner is changed with :meth:`transfer_ownership`."""
        if role not in ("editor", "viewer"):
            raise ValueError(f"share gives 'editor' or 'viewer', not {role!r}; use transfer_ownership for 'owner'")
        email = self._shareable(email)
        with write_transaction(self._engine) as conn:
            self._require(conn, assessment_id, "owner", "sharing it")
            _lock(conn, assessment_id)
            if member_repo.role_of(conn, assessment_id=assessment_id, email=email) == "owner":
                raise AccessDenied(
                    f"{email} is the owner of '{assessment_id}'; transfer ownership to someone else first"
                )
            now = _now()
            member_repo.put_member(
                conn, assessment_id=assessment_id, email=email, role=role, granted_by=self.user.email, now=now
            )
            self._event(conn, assessment_id, "shared", now, subject=email, role=role)

    def unshare(self, assessment_id: str, email: str) -> None:
        """Take away ``email``'s access; the owner's cannot be taken. Owner only, except that anyone may
        remove their own access."""
        email = User(email).email
        with write_transaction(self._engine) as conn:
            if email != self.user.email:
                self._require(conn, assessment_id, "owner", "changing who has access")
            elif self._role_in(conn, assessment_id) is None:
                raise NotFound(f"no assessment '{assessment_id}' in the store")
            _lock(conn, assessment_id)
            if member_repo.role_of(conn, assessment_id=assessment_id, email=email) == "owner":
                raise AccessDenied(f"{email} owns '{assessment_id}'; transfer ownership before removing their access")
            if not member_repo.remove_member(conn, assessment_id=assessment_id, email=email):
                raise NotFound(f"{email} has no access to assessment '{assessment_id}'")
            self._event(conn, assessment_id, "unshared", _now(), subject=email)

    def transfer_ownership(self, assessment_id: str, email: str) -> None:
        """Make ``email`` the owner; the previous owner stays on as editor. Owner (or administrator) only."""
        email = self._shareable(email)
        with write_transaction(self._engine) as conn:
            self._require(conn, assessment_id, "owner", "transferring ownership")
            _lock(conn, assessment_id)
            now = _now()
            previous = member_repo.owner_of(conn, assessment_id=assessment_id)
            if previous == email:
                return
            if previous is not None and not member_repo.demote_owner(
                conn, assessment_id=assessment_id, email=previous, now=now, granted_by=self.user.email
            ):
                raise StoreError(f"the owner of '{assessment_id}' changed meanwhile; nothing was changed, try again")
            member_repo.put_member(
                conn, assessment_id=assessment_id, email=email, role="owner", granted_by=self.user.email, now=now
            )
            self._event(conn, assessment_id, "ownership_transferred", now, subject=email, role="owner")

    def record_sign_in(self) -> None:
        """Remember this user's display name (shown beside their e-mail in member lists); call once per
        session, after sign-in."""
        with write_transaction(self._engine) as conn:
            member_repo.remember_user(conn, email=self.user.email, name=self.user.name, now=_now())

    # --- helpers ----------------------------------------------------------------------------------------

    def _shareable(self, email: str) -> str:
        email = User(email).email
        if not self.domain_allowed(email):
            raise AccessDenied(f"cannot share with {email}: {self._domains_text()}")
        return email

    @staticmethod
    def _domains_text() -> str:
        # The allowed domains are not named: a refusal must not tell an outsider which addresses get in.
        return "its e-mail domain is not allowed here (ESG_WORKBENCH_ALLOWED_DOMAINS)"

    def _event(self, conn: Connection, assessment_id: str, action: str, now: datetime, **details: str | None) -> None:
        revision = conn.execute(
            select(assessments.c.current_revision).where(assessments.c.id == assessment_id)
        ).scalar_one()
        audit.insert_event(
            conn,
            assessment_id=assessment_id,
            action=action,
            actor=self.user.email,
            now=now,
            revision=revision,
            **details,
        )


def _lock(conn: Connection, assessment_id: str) -> None:
    """Serialise membership changes of one assessment (PostgreSQL row lock; SQLite's write lock is held
    from BEGIN already)."""
    conn.execute(select(assessments.c.id).where(assessments.c.id == assessment_id).with_for_update()).first()
