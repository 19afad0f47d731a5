"""Initial schema: assessments with revisions, and imported datapoint catalogues.

Revision ID: 0001
Revises:
Create Date: 2025-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("organisation_name", sa.String(500), nullable=False),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.Boolean(create_constraint=False), server_default=sa.false(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(200), nullable=True),
        sa.CheckConstraint("current_revision >= 1", name=op.f("ck_assessments_current_revision_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_table(
        "revisions",
        sa.Column("assessment_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("parent_number", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_revisions_number_positive")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_revisions_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "number", name=op.f("pk_revisions")),
    )
    op.create_table(
        "datapoint_catalogues",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("source_filename", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("datapoint_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", "version", name=op.f("pk_datapoint_catalogues")),
    )
    op.create_table(
        "datapoints",
        sa.Column("catalogue_id", sa.String(64), nullable=False),
        sa.Column("catalogue_version", sa.String(64), nullable=False),
        sa.Column("datapoint_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("esrs", sa.Text(), nullable=False),
        sa.Column("disclosure_requirement", sa.Text(), nullable=False),
        sa.Column("paragraph", sa.Text(), nullable=False),
        sa.Column("related_ar", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("data_type", sa.Text(), nullable=False),
        sa.Column("conditional_or_alternative", sa.Text(), nullable=False),
        sa.Column("may_voluntary", sa.Boolean(create_constraint=False), nullable=False),
        sa.Column("appendix_b", sa.Text(), nullable=False),
        sa.Column("phase_in", sa.Text(), nullable=False),
        sa.Column("source_sheet", sa.Text(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_id", "catalogue_version"],
            ["datapoint_catalogues.id", "datapoint_catalogues.version"],
            name=op.f("fk_datapoints_catalogue_id_datapoint_catalogues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("catalogue_id", "catalogue_version", "datapoint_id", name=op.f("pk_datapoints")),
    )


def downgrade() -> None:
    op.drop_table("datapoints")
    op.drop_table("datapoint_catalogues")
    op.drop_table("revisions")
    op.drop_table("assessments")
