"""The unit of work on SQLite: slow outside work must not hold the database's write lock."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from sqlalchemy import select

from jobwise.db import release_write_lock
from jobwise.models import Job, User


async def _user(app: FastAPI) -> int:
    async with app.state.database.write_session() as session, session.begin():
        user = User(email="lock@example.com", password_hash="!", full_name="Lock")
        session.add(user)
        await session.flush()
        return user.id


async def _write_job(app: FastAPI, user_id: int) -> None:
    async with app.state.database.write_session() as session, session.begin():
        session.add(Job(user_id=user_id, source="manual", title="T", company="C"))


async def test_a_transaction_that_wrote_nothing_releases_the_lock(app: FastAPI) -> None:
    user_id = await _user(app)
    async with app.state.database.write_session() as slow:
        await slow.scalar(select(User).where(User.id == user_id))  # BEGIN IMMEDIATE: lock taken
        await release_write_lock(slow)
        # Another writer gets through at once while the slow request "waits on an LLM".
        await asyncio.wait_for(_write_job(app, user_id), timeout=5)
        await slow.commit()


async def test_a_transaction_that_wrote_keeps_its_lock(app: FastAPI) -> None:
    user_id = await _user(app)
    async with app.state.database.write_session() as slow:
        slow.add(Job(user_id=user_id, source="manual", title="Mine", company="C"))
        await slow.flush()
        await release_write_lock(slow)
        assert slow.in_transaction()  # still atomic with what comes next
        await slow.rollback()
    async with app.state.database.read_session() as session:
        assert await session.scalar(select(Job).where(Job.title == "Mine")) is None
