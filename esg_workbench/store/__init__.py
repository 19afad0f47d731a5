"""The store: assessments with revisions and conflict detection, and imported datapoint catalogues, in
SQLite or PostgreSQL (SQLAlchemy tables, Alembic migrations, repository functions)."""

from ..domain.diff import Change
from .errors import AlreadyExists, CatalogueInvalid, ConflictError, NotFound, StoreError, StoreUnavailable
from .records import AssessmentSummary, CatalogueInfo, RevisionInfo, StoredAssessment
from .store import Store

__all__ = [
    "AlreadyExists",
    "AssessmentSummary",
    "CatalogueInfo",
    "CatalogueInvalid",
    "Change",
    "ConflictError",
    "NotFound",
    "RevisionInfo",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoredAssessment",
]
