"""Choose the summary version and detect stale enhanced text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.add_column(
            sa.Column("use_enhanced_summary", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("enhanced_summary_source", sa.Text(), nullable=True))
    for table in ("experiences", "projects"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("enhanced_source", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("projects", "experiences"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("enhanced_source")
    with op.batch_alter_table("master_profiles") as batch_op:
        batch_op.drop_column("enhanced_summary_source")
        batch_op.drop_column("use_enhanced_summary")
