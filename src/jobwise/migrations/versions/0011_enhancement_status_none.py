"""A profile no enhancement has changed says "none", not "pending": nothing is waiting

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE master_profiles SET enhancement_status = 'none' WHERE enhancement_status = 'pending'")


def downgrade() -> None:
    op.execute("UPDATE master_profiles SET enhancement_status = 'pending' WHERE enhancement_status = 'none'")
