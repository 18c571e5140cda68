"""procrastinate's schema, for TASK_BACKEND=procrastinate (PostgreSQL only)

Applied on every PostgreSQL database, whatever TASK_BACKEND is, so switching backends needs no
migration. The SQL is procrastinate 3.10.0's schema, frozen in migrations/sql/ so that this
migration builds the same tables whatever procrastinate is installed; a later procrastinate
comes with a migration that runs its migration scripts (pyproject pins the minor version).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCHEMA = Path(__file__).resolve().parents[1] / "sql" / "procrastinate-3.10.0-schema.sql"

# Only this schema's routines: another schema of the same database may have its own procrastinate.
_DROP = """
DO $$
DECLARE routine regprocedure;
BEGIN
    FOR routine IN SELECT oid::regprocedure FROM pg_proc
        WHERE proname LIKE 'procrastinate\\_%' AND pronamespace = current_schema()::regnamespace LOOP
        EXECUTE 'DROP ROUTINE IF EXISTS ' || routine || ' CASCADE';
    END LOOP;
END $$;
DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs,
    procrastinate_workers CASCADE;
DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_event_type,
    procrastinate_job_status CASCADE;
"""


def _script(sql: str) -> None:
    """Run a multi-statement script in the migration's transaction.

    SQLAlchemy's asyncpg adapter prepares each statement, and a prepared statement holds one
    command; asyncpg's own execute without arguments runs a whole script.
    """
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    driver: Any = bind.connection.dbapi_connection
    driver.run_async(lambda connection: connection.execute(sql))


def upgrade() -> None:
    _script(_SCHEMA.read_text(encoding="utf-8"))


def downgrade() -> None:
    _script(_DROP)
