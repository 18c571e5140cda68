"""procrastinate's schema, for TASK_BACKEND=procrastinate (PostgreSQL only)

Applied on every PostgreSQL database, whatever TASK_BACKEND is, so switching backends needs no
migration. The SQL is the installed procrastinate's own schema; pyproject pins its minor
version, and a new minor comes with a migration that runs procrastinate's migration scripts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from typing import Any

from alembic import op
from procrastinate.schema import SchemaManager

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROP = """
DO $$
DECLARE routine regprocedure;
BEGIN
    FOR routine IN SELECT oid::regprocedure FROM pg_proc WHERE proname LIKE 'procrastinate\\_%' LOOP
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
    _script(SchemaManager.get_schema())


def downgrade() -> None:
    _script(_DROP)
