"""An enhancement run counts the texts it has rewritten out of all it will rewrite

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("enhancement_jobs") as batch_op:
        batch_op.add_column(sa.Column("items_done", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("items_total", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enhancement_jobs") as batch_op:
        batch_op.drop_column("items_total")
        batch_op.drop_column("items_done")
