"""Remember the original each previous enhanced version was made from

A revert swaps the enhanced and previous enhanced texts; without the previous version's source,
the stale flag after a revert compared against the newer version's source.

Existing rows keep NULL: what their previous version was made from is not known, so after a
revert it shows as stale and documents use the original (the safe side) until the next
enhancement.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.add_column(sa.Column("previous_enhanced_summary_source", sa.Text(), nullable=True))
    for table in ("experiences", "projects"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("previous_enhanced_source", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("projects", "experiences"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("previous_enhanced_source")
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.drop_column("previous_enhanced_summary_source")
