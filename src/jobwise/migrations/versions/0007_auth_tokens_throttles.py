"""Tokens bound to their account; login throttling by growing delays

- users.token_key: every token carries it, so a token never opens another account (SQLite gave
  a deleted user's id to the next one to register) and a new key revokes every token issued
  before it. Existing users get a random key each: their tokens issued before this revision
  stop working, which is the point.
- users gets AUTOINCREMENT on SQLite, so its ids are never reused (PostgreSQL's sequence never
  reuses them). The table is rebuilt; env.py turns SQLite's foreign keys off around migrations
  so the rebuild cannot cascade into the users' rows.
- login_attempts (one row per failure, a lockout) becomes login_throttles (a counter and a
  growing delay per account, per client address and per both).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table(
        "users",
        recreate="always" if bind.dialect.name == "sqlite" else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch_op:
        batch_op.add_column(sa.Column("token_key", sa.String(length=32), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("token_key", sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(token_key=secrets.token_hex(16)))
    # Rebuilt again (SQLite cannot change NULL-ness in place): keep AUTOINCREMENT in this copy too.
    with op.batch_alter_table("users", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.alter_column("token_key", existing_type=sa.String(length=32), nullable=False)

    with op.batch_alter_table("login_attempts") as batch_op:
        batch_op.drop_index("idx_login_attempts_email_at")
    op.drop_table("login_attempts")
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles")),
    )
    with op.batch_alter_table("login_throttles") as batch_op:
        batch_op.create_index("idx_login_throttles_last_failure_at", ["last_failure_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("login_throttles") as batch_op:
        batch_op.drop_index("idx_login_throttles_last_failure_at")
    op.drop_table("login_throttles")
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts") as batch_op:
        batch_op.create_index("idx_login_attempts_email_at", ["email", "attempted_at"], unique=False)
    # The ids stay AUTOINCREMENT on SQLite: reusing ids again would only bring the hole back.
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("token_key")
