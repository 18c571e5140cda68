"""Alembic environment: async engine, batch mode for SQLite, URL from JobWise's settings."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from jobwise.config import get_settings
from jobwise.db import create_database
from jobwise.migrate import include_name
from jobwise.models import Base
from jobwise.models.base import UTCDateTime

config = context.config
# Any fixed number: the key of the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 7_365_012_231
target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Migrations must not import app code: UTCDateTime is a plain timezone-aware DateTime there.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Processes starting together (API processes, workers) migrate one at a time; the
            # others wait, then find the database at head. Released when the transaction ends.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        context.run_migrations()


async def _run_async() -> None:
    settings = config.attributes.get("settings") or get_settings()
    database = create_database(settings)
    try:
        async with database.engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run `jobwise migrate`.")
asyncio.run(_run_async())
