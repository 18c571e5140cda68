"""Profiles count their changes (revision) and keep the API's view of themselves (profile_views)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
    # Empty: a profile without a current view is built from its tables on the next read.
    op.create_table(
        "profile_views",
        sa.Column(
            "profile_id",
            sa.String(36),
            sa.ForeignKey("master_profiles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("profile_views")
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.drop_column("revision")
