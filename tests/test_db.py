"""The unit of work: slow outside work must not hold a transaction open, and a transaction
cancelled at any point must not keep the database from other writers."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from jobwise.db import WroteBeforeSlowWork, end_read_transaction
from jobwise.models import Job, User
from tests.conftest import BACKEND


async def _user(app: FastAPI) -> int:
    async with app.state.database.write_session() as session, session.begin():
        user = User(email="lock@example.com", password_hash="!", full_name="Lock")
        session.add(user)
        await session.flush()
        return user.id


async def _write_job(app: FastAPI, user_id: int) -> None:
    async with app.state.database.write_session() as session, session.begin():
        session.add(Job(user_id=user_id, source="manual", title="T", company="C"))


async def test_a_transaction_that_wrote_nothing_ends_before_slow_work(app: FastAPI) -> None:
    user_id = await _user(app)
    async with app.state.database.write_session() as slow:
        user = await slow.scalar(select(User).where(User.id == user_id))  # SQLite: the lock is taken
        await end_read_transaction(slow)
        assert not slow.in_transaction()
        # Another writer gets through at once while the slow request "waits on an LLM".
        await asyncio.wait_for(_write_job(app, user_id), timeout=5)
        assert user is not None and user.email == "lock@example.com"  # still usable
        await slow.commit()


async def test_a_transaction_that_wrote_cannot_stay_open_across_slow_work(app: FastAPI) -> None:
    user_id = await _user(app)
    async with app.state.database.write_session() as slow:
        slow.add(Job(user_id=user_id, source="manual", title="Mine", company="C"))
        await slow.flush()
        with pytest.raises(WroteBeforeSlowWork):
            await end_read_transaction(slow)
        assert slow.in_transaction()  # nothing was committed behind the unit of work's back
        await slow.rollback()
    async with app.state.database.read_session() as session:
        assert await session.scalar(select(Job).where(Job.title == "Mine")) is None


async def test_a_transaction_cancelled_at_any_point_leaves_the_database_to_others(app: FastAPI) -> None:
    """What a task group does to its other tasks when one fails, at whatever point they are.

    Before the fix, a cancellation while the driver ran a statement left SQLite's write lock with
    a closed connection, in about one of these in twenty, until the garbage collector came by.
    """
    database = app.state.database
    user_id = await _user(app)
    async with database.write_session() as session, session.begin():
        job = Job(user_id=user_id, source="manual", title="Shared", company="C")
        session.add(job)
    job_id = job.id

    async def unit_of_work(n: int) -> None:
        async with database.write_session() as session:
            row = await session.get(Job, job_id, populate_existing=True)
            assert row is not None
            row.title = f"Step {n}"
            session.add(Job(user_id=user_id, source="manual", title=f"Row {n}", company="C"))
            await session.flush()
            await session.scalar(select(Job.id).where(Job.title == "nothing"))
            await session.commit()

    async def another_writer() -> None:  # the same row: a row lock on PostgreSQL, the lock on SQLite
        async with database.write_session() as session, session.begin():
            await session.execute(update(Job).where(Job.id == job_id).values(company="Other"))

    for n in range(160):
        task = asyncio.create_task(unit_of_work(n))
        # Every point: a number of loop turns, or a little time while the driver's thread works.
        if n % 2:
            for _ in range(n // 2):
                await asyncio.sleep(0)
        else:
            await asyncio.sleep(n / 40_000)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        try:
            await asyncio.wait_for(another_writer(), timeout=5)
        except TimeoutError:
            pytest.fail(f"cancelled after {n // 2} turns or {n / 40:.2f} ms: the next writer waited 5 s")
    assert database.engine.pool.checkedout() == 0


@pytest.mark.skipif(BACKEND != "sqlite", reason="PostgreSQL writers take row locks, not one database lock")
async def test_writers_waiting_for_one_another_go_in_the_order_they_came(app: FastAPI) -> None:
    """On SQLite a process's writers queue for its one write connection: first come, first served,
    where SQLite's busy handler, which sleeps between tries, let a later writer in first."""
    user_id = await _user(app)
    order: list[int] = []
    held = asyncio.Event()
    release = asyncio.Event()

    async def first() -> None:
        async with app.state.database.write_session() as session, session.begin():
            await session.execute(update(User).where(User.id == user_id).values(full_name="First"))
            held.set()
            await release.wait()

    async def writer(n: int) -> None:
        async with app.state.database.write_session() as session, session.begin():
            await session.execute(update(User).where(User.id == user_id).values(full_name=f"W{n}"))
            order.append(n)

    holder = asyncio.create_task(first())
    await held.wait()
    waiting = []
    for n in range(6):
        waiting.append(asyncio.create_task(writer(n)))
        await asyncio.sleep(0.02)  # each has begun to wait before the next comes
    release.set()
    await asyncio.wait_for(asyncio.gather(holder, *waiting), timeout=30)
    assert order == list(range(6))
