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


def _sqlite_pragma(connection: Connection, statement: str) -> None:
    # On the driver's connection: through SQLAlchemy the statement would begin a transaction,
    # and SQLite ignores foreign_keys inside one.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite changes a table by rebuilding it (batch mode); with foreign keys on, dropping the
        # old copy of a parent table would cascade-delete its children. SQLite's documented
        # procedure: foreign keys off outside the transaction, foreign_key_check before commit.
        _sqlite_pragma(connection, "PRAGMA foreign_keys=OFF")
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
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"The migration left rows whose parent is missing: {broken[:5]}")


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
