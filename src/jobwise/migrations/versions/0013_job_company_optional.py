"""A job's company may be unknown: NULL, no longer the placeholder "Unknown company"

A recruitment agency's posting often never names the employer; the parser leaves the company empty,
the person may clear a wrong one with PATCH, and letters then address "your team".

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACEHOLDER = "Unknown company"


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.alter_column("company", existing_type=sa.String(length=300), nullable=True)
    op.execute(
        sa.text("UPDATE jobs SET company = NULL WHERE company = :placeholder").bindparams(
            placeholder=PLACEHOLDER
        )
    )


def downgrade() -> None:
    op.execute(
        sa.text("UPDATE jobs SET company = :placeholder WHERE company IS NULL").bindparams(
            placeholder=PLACEHOLDER
        )
    )
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.alter_column("company", existing_type=sa.String(length=300), nullable=False)
