"""Migrations: they build the models' schema from nothing, and go down and up again.

Also that the database takes concurrent writers without "database is locked".
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import FastAPI
from procrastinate.schema import SchemaManager
from sqlalchemy import Column, Integer, MetaData, Table, inspect, text
from sqlalchemy.engine import Connection

from jobwise import migrate
from jobwise.config import Settings
from jobwise.db import create_database
from jobwise.main import create_app
from jobwise.models import Base, User
from tests.conftest import BACKEND, make_settings


def _differences(connection: Connection, metadata: MetaData = Base.metadata) -> list[Any]:
    # The options migrations/env.py gives autogenerate, so "no differences" means what it would.
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "render_as_batch": True, "include_name": migrate.include_name}
    )
    return list(compare_metadata(context, metadata))


async def _inspect(settings: Settings, check: Any) -> Any:
    database = create_database(settings)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(check)
    finally:
        await database.dispose()


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def test_upgrade_builds_the_models_schema_on_an_empty_sqlite_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "fresh")
    await asyncio.to_thread(migrate.upgrade, settings)
    assert (tmp_path / "fresh" / "jobwise.db").is_file()
    assert await _inspect(settings, _differences) == []
    assert set(Base.metadata.tables) <= await _inspect(settings, _tables)
    head = ScriptDirectory.from_config(migrate.alembic_config(settings)).get_current_head()
    assert await _inspect(settings, _revision) == head


async def test_the_comparison_notices_a_difference(settings: Settings) -> None:
    # Guards the test above against passing vacuously.
    metadata = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    Table("canary", metadata, Column("id", Integer, primary_key=True))
    found = await _inspect(settings, lambda connection: _differences(connection, metadata))
    assert [diff[0] for diff in found] == ["add_table"]


async def test_models_and_migrations_agree_on_the_test_database(settings: Settings) -> None:
    # SQLite, or PostgreSQL when the suite runs with JOBWISE_TEST_BACKEND=postgresql.
    assert await _inspect(settings, _differences) == []


async def test_downgrade_to_base_and_upgrade_again(settings: Settings) -> None:
    await asyncio.to_thread(migrate.downgrade, settings, "base")
    assert await _inspect(settings, _tables) <= {"alembic_version"}
    assert await _inspect(settings, _revision) is None
    await asyncio.to_thread(migrate.upgrade, settings)
    assert await _inspect(settings, _differences) == []


async def test_the_app_migrates_on_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "new", MIGRATE_ON_START=True)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            # A well-formed token for a user who is not there: answered from the users table.
            token = app.state.token_codec.issue(1, "no-such-key")
            me = await http.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
            assert me.status_code == 401, me.text
    assert await _inspect(settings, _differences) == []


# --- concurrent writers ----------------------------------------------------------------------


@pytest.fixture
async def two_apps(settings: Settings) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    # Two apps, two engines and pools on one database: as two server processes would be.
    first, second = create_app(settings), create_app(settings)
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        yield first, second


async def test_concurrent_writers_do_not_fail_with_database_is_locked(
    two_apps: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_apps
    async with first.state.database.write_session() as session, session.begin():
        user = User(email="busy@example.com", password_hash="!unusable")
        session.add(user)
        await session.flush()
        token = first.state.token_codec.issue(user.id, user.token_key)
    headers = {"Authorization": f"Bearer {token}"}
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", headers=headers)
        for app in (first, second)
    ]
    try:
        # Each request reads (the token's user) and then writes (the job), the pattern that makes
        # deferred SQLite transactions fail at once instead of waiting.
        responses = await asyncio.gather(
            *(
                clients[i % 2].post("/api/v1/jobs", json={"title": f"Job {i}", "company": "Busy"})
                for i in range(20)
            )
        )
        assert [r.status_code for r in responses] == [201] * 20, [r.text for r in responses if r.is_error]
        listed = (await clients[0].get("/api/v1/jobs", params={"limit": 100})).json()
        assert listed["total"] == 20
        assert {job["title"] for job in listed["items"]} == {f"Job {i}" for i in range(20)}
    finally:
        for http in clients:
            await http.aclose()


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's pragmas")
async def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(settings: Settings) -> None:
    def pragmas(connection: Connection) -> dict[str, Any]:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }

    found = await _inspect(settings, pragmas)
    assert found["journal_mode"] == "wal"
    assert found["foreign_keys"] == 1
    assert found["busy_timeout"] >= 5000
    assert found["synchronous"] == 1  # NORMAL


def test_the_frozen_procrastinate_schema_is_the_installed_procrastinates() -> None:
    # Migration 0005 runs a frozen copy; when an upgraded procrastinate changes its schema, this
    # fails, and the upgrade needs a migration that runs procrastinate's migration scripts.
    frozen = resources.files("jobwise") / "migrations" / "sql" / "procrastinate-3.10.0-schema.sql"
    assert frozen.read_text(encoding="utf-8").endswith(SchemaManager.get_schema())


async def test_0007_keeps_every_users_rows_and_gives_each_user_a_token_key(tmp_path: Path) -> None:
    # 0007 rebuilds the users table on SQLite; with foreign keys on, that would cascade-delete
    # every profile. Built from an empty file so it runs on SQLite whatever the backend.
    settings = make_settings(tmp_path / "old")
    await asyncio.to_thread(migrate.upgrade, settings, "0006")
    database = create_database(settings)
    try:
        async with database.write_session() as session, session.begin():
            await session.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, updated_at, created_at) "
                    "VALUES (7, 'old@example.com', 'x', '2026-01-01', '2026-01-01')"
                )
            )
            await session.execute(
                text(
                    "INSERT INTO master_profiles (id, user_id, personal_info, enhancement_version,"
                    " enhancement_status, updated_at, created_at)"
                    " VALUES ('p1', 7, '{}', 0, 'none', '2026-01-01', '2026-01-01')"
                )
            )
    finally:
        await database.dispose()

    await asyncio.to_thread(migrate.upgrade, settings)

    database = create_database(settings)
    try:
        async with database.read_session() as session:
            keys = (await session.execute(text("SELECT id, token_key FROM users"))).all()
            profiles = (await session.execute(text("SELECT user_id FROM master_profiles"))).all()
        async with database.write_session() as session, session.begin():
            await session.execute(text("DELETE FROM users"))
            session.add(User(email="next@example.com", password_hash="x"))
            await session.flush()
            next_id = (await session.execute(text("SELECT max(id) FROM users"))).scalar_one()
    finally:
        await database.dispose()
    assert [row[0] for row in keys] == [7] and len(keys[0][1]) == 32
    assert profiles == [(7,)]
    assert next_id == 8  # AUTOINCREMENT: the deleted id 7 is not handed out again


async def test_0011_says_none_where_the_seed_said_pending_and_back(tmp_path: Path) -> None:
    # "pending" claimed a run was waiting when none had been asked for; "completed" stays.
    settings = make_settings(tmp_path / "old")
    await asyncio.to_thread(migrate.upgrade, settings, "0010")

    async def statuses() -> dict[str, str]:
        database = create_database(settings)
        try:
            async with database.read_session() as session:
                rows = await session.execute(text("SELECT id, enhancement_status FROM master_profiles"))
                return {row[0]: row[1] for row in rows}
        finally:
            await database.dispose()

    database = create_database(settings)
    try:
        async with database.write_session() as session, session.begin():
            for user_id, status in ((1, "pending"), (2, "completed")):
                await session.execute(
                    text(
                        "INSERT INTO users (id, email, password_hash, token_key, updated_at, created_at) "
                        "VALUES (:id, :email, 'x', :key, '2026-01-01', '2026-01-01')"
                    ),
                    {"id": user_id, "email": f"u{user_id}@example.com", "key": f"{user_id:032d}"},
                )
                await session.execute(
                    text(
                        "INSERT INTO master_profiles (id, user_id, personal_info, enhancement_version,"
                        " enhancement_status, use_enhanced_summary, updated_at, created_at)"
                        " VALUES (:id, :user, '{}', 0, :status, false, '2026-01-01', '2026-01-01')"
                    ),
                    {"id": f"p{user_id}", "user": user_id, "status": status},
                )
    finally:
        await database.dispose()

    await asyncio.to_thread(migrate.upgrade, settings)
    assert await statuses() == {"p1": "none", "p2": "completed"}
    await asyncio.to_thread(migrate.downgrade, settings, "0010")
    assert await statuses() == {"p1": "pending", "p2": "completed"}


async def test_0014_moves_kept_sections_into_entries_and_back(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "old")
    await asyncio.to_thread(migrate.upgrade, settings, "0013")
    awards = [{"title": "Best paper"}, {"title": "Turing"}]
    kept: dict[str, Any] = {
        "json_resume": {
            "keys": {
                "meta": {"v": 1},
                "awards": awards,
                "languages": [],
            }
        },
        "mine": 1,
    }
    database = create_database(settings)
    try:
        async with database.write_session() as session, session.begin():
            await session.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, token_key, updated_at, created_at) "
                    "VALUES (1, 'u1@example.com', 'x', :key, '2026-01-01', '2026-01-01')"
                ),
                {"key": "1" * 32},
            )
            await session.execute(
                text(
                    "INSERT INTO master_profiles (id, user_id, personal_info, custom_fields, revision,"
                    " enhancement_version, enhancement_status, use_enhanced_summary, updated_at, created_at)"
                    " VALUES ('p1', 1, '{}', :custom, 1, 0, 'none', false, '2026-01-01', '2026-01-01')"
                ),
                {"custom": json.dumps(kept)},
            )
    finally:
        await database.dispose()

    def loaded(value: Any) -> Any:  # SQLite returns JSON as text, PostgreSQL as values
        return json.loads(value) if isinstance(value, str) else value

    async def state(*, entries: bool) -> tuple[Any, list[tuple[str, Any, int]]]:
        database = create_database(settings)
        try:
            async with database.read_session() as session:
                custom = await session.scalar(text("SELECT custom_fields FROM master_profiles"))
                query = "SELECT section, data, display_order FROM profile_entries ORDER BY display_order"
                rows = list(await session.execute(text(query))) if entries else []
            return loaded(custom), [(row[0], loaded(row[1]), row[2]) for row in rows]
        finally:
            await database.dispose()

    await asyncio.to_thread(migrate.upgrade, settings)
    custom, entries = await state(entries=True)
    assert custom == {"json_resume": {"keys": {"meta": {"v": 1}}, "present_empty": ["languages"]}, "mine": 1}
    assert entries == [
        ("awards", {"title": "Best paper"}, 0),
        ("awards", {"title": "Turing"}, 1),
    ]
    await asyncio.to_thread(migrate.downgrade, settings, "0013")
    custom, _ = await state(entries=False)
    assert custom["json_resume"]["keys"]["awards"] == awards
