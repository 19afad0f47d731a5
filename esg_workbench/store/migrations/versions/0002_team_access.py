"""Team mode: users, per-assessment memberships with a role, and audit events for changes that are
not revisions (sharing, ownership, delete, undelete).

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_users")),
    )
    op.create_table(
        "memberships",
        sa.Column("assessment_id", sa.String(64), nullable=False),
        sa.Column("user_email", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'editor', 'viewer')", name=op.f("ck_memberships_role_known")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_memberships_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "user_email", name=op.f("pk_memberships")),
    )
    op.create_index(op.f("ix_memberships_user_email"), "memberships", ["user_email"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("role", sa.String(10), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "action IN ('shared', 'unshared', 'ownership_transferred', 'deleted', 'undeleted')",
            name=op.f("ck_audit_events_action_known"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_audit_events_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_assessment_id"), "audit_events", ["assessment_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_events_assessment_id"), table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_index(op.f("ix_memberships_user_email"), table_name="memberships")
    op.drop_table("memberships")
    op.drop_table("users")
