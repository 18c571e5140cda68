"""A database and workers with short leases, so recovery happens within a test's deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from jobwise.config import Settings
from jobwise.db import Database, create_database
from jobwise.models import Task
from jobwise.tasks.registry import TaskDefinition, TaskRegistry
from jobwise.tasks.worker import Worker
from tests.conftest import make_settings

FAST_TASKS: dict[str, Any] = {
    "TASK_LEASE_SECONDS": 1.0,
    "TASK_HEARTBEAT_SECONDS": 0.15,
    "TASK_POLL_SECONDS": 0.05,
    "TASK_SHUTDOWN_GRACE_SECONDS": 2,
}


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    return make_settings(data_dir, DATABASE_URL=database_url, **FAST_TASKS)


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = create_database(settings)
    yield db
    await db.dispose()


WorkerFactory = Callable[..., Awaitable[Worker]]


@pytest.fixture
async def make_worker(database: Database, settings: Settings) -> AsyncIterator[WorkerFactory]:
    workers: list[Worker] = []

    async def factory(*definitions: TaskDefinition, start: bool = True, **overrides: Any) -> Worker:
        worker_settings = settings.model_copy(update=overrides) if overrides else settings
        worker = Worker(
            database=database,
            settings=worker_settings,
            registry=TaskRegistry(definitions),
            state=SimpleNamespace(),
        )
        workers.append(worker)
        if start:
            await worker.start()
        return worker

    yield factory
    for worker in workers:
        await worker.stop(grace=0)


async def eventually(
    check: Callable[[], Awaitable[Any]], *, within: float = 10.0, interval: float = 0.02
) -> Any:
    """Poll until `check` returns something truthy; fail with the last value at the deadline."""
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s (last value: {value!r})")
        await asyncio.sleep(interval)


async def load_task(database: Database, task_id: str) -> Task:
    async with database.read_session() as session:
        task = await session.get(Task, task_id)
        assert task is not None
        return task
