"""Durable tasks and enhancement

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIVE = "status IN ('queued', 'processing')"


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("payload", _json(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_index("idx_tasks_status_created", "tasks", ["status", "created_at"], unique=False)
    op.create_index("idx_tasks_status_lease", "tasks", ["status", "lease_expires_at"], unique=False)

    with op.batch_alter_table("enhancement_jobs") as batch_op:
        batch_op.add_column(sa.Column("task_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("events", _json(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column("result", _json(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "updated_at",
                sa.DateTime(timezone=True),
                server_default=sa.text("CURRENT_TIMESTAMP"),
                nullable=False,
            )
        )
        batch_op.create_foreign_key(
            "fk_enhancement_jobs_task_id_tasks", "tasks", ["task_id"], ["id"], ondelete="SET NULL"
        )
    # A run that never finished before this revision would block the user's next one forever.
    op.execute(
        "UPDATE enhancement_jobs SET status = 'failed', "
        "error_message = 'Interrupted by an upgrade; nothing in the profile was changed.' "
        "WHERE status IN ('queued', 'processing')"
    )
    op.create_index(
        "idx_enhancement_jobs_user_started", "enhancement_jobs", ["user_id", "started_at"], unique=False
    )
    op.create_index(
        "uq_enhancement_jobs_active_user",
        "enhancement_jobs",
        ["user_id"],
        unique=True,
        sqlite_where=sa.text(_ACTIVE),
        postgresql_where=sa.text(_ACTIVE),
    )


def downgrade() -> None:
    op.drop_index("uq_enhancement_jobs_active_user", table_name="enhancement_jobs")
    op.drop_index("idx_enhancement_jobs_user_started", table_name="enhancement_jobs")
    with op.batch_alter_table("enhancement_jobs") as batch_op:
        batch_op.drop_constraint("fk_enhancement_jobs_task_id_tasks", type_="foreignkey")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("result")
        batch_op.drop_column("events")
        batch_op.drop_column("task_id")
    op.drop_index("idx_tasks_status_lease", table_name="tasks")
    op.drop_index("idx_tasks_status_created", table_name="tasks")
    op.drop_table("tasks")
