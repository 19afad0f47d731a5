"""Datapoint lists name the disclosure-requirement catalogue they belong to (standard id and version):
EFRAG's IG 3 is the list of ESRS Set 1, a later list of the amended ESRS belongs to esrs-amended 2026.
Lists imported before are IG 3 lists, so they are set to ESRS Set 1 explicitly.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("datapoint_catalogues") as batch:
        batch.add_column(sa.Column("standard_id", sa.String(64), nullable=False, server_default="esrs-set1"))
        batch.add_column(sa.Column("standard_version", sa.String(64), nullable=False, server_default="2023"))


def downgrade() -> None:
    with op.batch_alter_table("datapoint_catalogues") as batch:
        batch.drop_column("standard_version")
        batch.drop_column("standard_id")
