"""The database tables (SQLAlchemy Core). The Alembic scripts in ``migrations/`` must build exactly
this; a test compares the two."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so later migrations can alter them by name on every database.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID_LENGTH = 64  # the domain's Id pattern allows at most 64 characters
NAME_LENGTH = 500  # the domain's Name type
AUTHOR_LENGTH = 200


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database. SQLite keeps no zone, so the value is stored as
    naive UTC there and given its zone back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps times in UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


assessments = Table(
    "assessments",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("title", String(NAME_LENGTH), nullable=False),
    Column("organisation_name", String(NAME_LENGTH), nullable=False),
    Column("current_revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("deleted", Boolean(create_constraint=False), nullable=False, server_default=false()),
    Column("deleted_at", UTCDateTime, nullable=True),
    Column("deleted_by", String(AUTHOR_LENGTH), nullable=True),
    CheckConstraint("current_revision >= 1", name="current_revision_positive"),
)

revisions = Table(
    "revisions",
    metadata,
    Column(
        "assessment_id",
        String(ID_LENGTH),
        ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("parent_number", Integer, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("author", String(AUTHOR_LENGTH), nullable=False),
    Column("message", Text, nullable=False),
    Column("content", Text, nullable=False),  # the assessment as JSON, exactly as saved
    Column("content_hash", String(64), nullable=False),  # sha256 of the content without its timestamps
    Column("summary", String(NAME_LENGTH), nullable=False),
    CheckConstraint("number >= 1", name="number_positive"),
)

datapoint_catalogues = Table(
    "datapoint_catalogues",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("version", String(ID_LENGTH), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source_filename", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("datapoint_count", Integer, nullable=False),
    # The disclosure-requirement catalogue the list belongs to (migration 0003: earlier imports are IG 3).
    Column("standard_id", String(ID_LENGTH), nullable=False, server_default="esrs-set1"),
    Column("standard_version", String(ID_LENGTH), nullable=False, server_default="2023"),
)

datapoints = Table(
    "datapoints",
    metadata,
    Column("catalogue_id", String(ID_LENGTH), primary_key=True),
    Column("catalogue_version", String(ID_LENGTH), primary_key=True),
    Column("datapoint_id", String(ID_LENGTH), primary_key=True),
    Column("position", Integer, nullable=False),  # order in the source list
    Column("esrs", Text, nullable=False),
    Column("disclosure_requirement", Text, nullable=False),
    Column("paragraph", Text, nullable=False),
    Column("related_ar", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("data_type", Text, nullable=False),
    Column("conditional_or_alternative", Text, nullable=False),
    Column("may_voluntary", Boolean(create_constraint=False), nullable=False),
    Column("appendix_b", Text, nullable=False),
    Column("phase_in", Text, nullable=False),
    Column("source_sheet", Text, nullable=False),
    Column("source_row", Integer, nullable=False),
    ForeignKeyConstraint(
        ["catalogue_id", "catalogue_version"],
        ["datapoint_catalogues.id", "datapoint_catalogues.version"],
        ondelete="CASCADE",
    ),
)

# --- team mode (migration 0002): who may see and change which assessment, and what they did -------

ROLES = ("owner", "editor", "viewer")
EVENT_ACTIONS = ("shared", "unshared", "ownership_transferred", "deleted", "undeleted")
ROLE_LENGTH = 10

users = Table(
    "users",
    metadata,
    Column("email", String(AUTHOR_LENGTH), primary_key=True),  # lower case; the identity in team mode
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
)

memberships = Table(
    "memberships",
    metadata,
    Column(
        "assessment_id",
        String(ID_LENGTH),
        ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # Not a foreign key to users: an assessment can be shared with someone who has not signed in yet.
    Column("user_email", String(AUTHOR_LENGTH), primary_key=True, index=True),
    Column("role", String(ROLE_LENGTH), nullable=False),
    Column("granted_by", String(AUTHOR_LENGTH), nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    CheckConstraint("role IN ('owner', 'editor', 'viewer')", name="role_known"),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "assessment_id",
        String(ID_LENGTH),
        ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", UTCDateTime, nullable=False),
    Column("actor", String(AUTHOR_LENGTH), nullable=False),
    Column("action", String(24), nullable=False),
    Column("subject", String(AUTHOR_LENGTH), nullable=True),  # whose access changed
    Column("role", String(ROLE_LENGTH), nullable=True),
    Column("revision", Integer, nullable=True),  # the assessment's revision at the time
    CheckConstraint(
        "action IN ('shared', 'unshared', 'ownership_transferred', 'deleted', 'undeleted')", name="action_known"
    ),
)
