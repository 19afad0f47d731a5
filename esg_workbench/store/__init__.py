"""The store: assessments with revisions and conflict detection, and imported datapoint catalogues, in
SQLite or PostgreSQL (SQLAlchemy tables, Alembic migrations, repository functions)."""

from ..domain.diff import Change
from .access import AccessDenied, Member, SecuredStore, User, role_allows
from .errors import (
    AlreadyExists,
    CatalogueInvalid,
    ConflictError,
    NotFound,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
)
from .records import AssessmentSummary, AuditEntry, CatalogueInfo, RevisionInfo, StoredAssessment
from .store import Store

__all__ = [
    "AccessDenied",
    "AlreadyExists",
    "AssessmentSummary",
    "AuditEntry",
    "CatalogueInfo",
    "CatalogueInvalid",
    "Change",
    "ConflictError",
    "Member",
    "NotFound",
    "RevisionInfo",
    "SecuredStore",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreTooNew",
    "StoreUnavailable",
    "StoredAssessment",
    "User",
    "role_allows",
]
