"""Usage rows and cache entries are written off the AI call's path, in batches."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.background_writes import BackgroundWrites
from jobwise.config import Settings
from jobwise.db import Database, create_database
from jobwise.models import LLMUsage


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = create_database(settings)
    yield db
    await db.dispose()


def _usage(purpose: str) -> Any:
    async def write(session: AsyncSession) -> None:
        session.add(
            LLMUsage(
                user_id=None,
                purpose=purpose,
                engine="test",
                model="m",
                prompt_tokens=1,
                completion_tokens=1,
                calls=1,
                latency_ms=1,
                outcome="ok",
            )
        )

    return write


async def _broken(session: AsyncSession) -> None:
    raise RuntimeError("this row cannot be written")


async def _purposes(database: Database) -> list[str]:
    async with database.read_session() as session:
        return list(await session.scalars(select(LLMUsage.purpose).order_by(LLMUsage.id)))


async def test_a_burst_of_writes_commits_in_a_few_transactions_not_one_each(database: Database) -> None:
    commits: list[int] = []
    event.listen(database.engine.sync_engine, "commit", lambda _: commits.append(1))
    writes = BackgroundWrites(database)
    done: list[int] = []
    for n in range(50):
        writes.submit(_usage(f"call {n}"), what="usage", finally_=partial(done.append, n))
    assert writes.pending == 50
    await writes.drain()
    assert await _purposes(database) == [f"call {n}" for n in range(50)]
    assert sorted(done) == list(range(50)) and writes.pending == 0
    # The first row starts a batch alone; the other 49 were submitted while it ran.
    assert len(commits) <= 2


async def test_a_row_that_fails_is_dropped_without_losing_the_rest_of_its_batch(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    writes = BackgroundWrites(database)
    done: list[str] = []
    writes.submit(_usage("before"), what="usage before", finally_=lambda: done.append("before"))
    writes.submit(_broken, what="a broken row", finally_=lambda: done.append("broken"))
    writes.submit(_usage("after"), what="usage after", finally_=lambda: done.append("after"))
    await writes.drain()
    assert await _purposes(database) == ["before", "after"]
    assert done == ["before", "broken", "after"]
    assert "could not write a broken row" in caplog.text


async def test_writes_submitted_during_a_drain_are_written_before_it_returns(database: Database) -> None:
    writes = BackgroundWrites(database)
    writes.submit(_usage("first"), what="usage")
    await asyncio.sleep(0)
    writes.submit(_usage("second"), what="usage")
    await writes.drain()
    async with database.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(LLMUsage)) == 2
