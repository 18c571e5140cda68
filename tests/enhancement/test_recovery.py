"""An interrupted run is taken up again, or failed with a reason; it never stays processing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from jobwise.models import EnhancementRun, Task, utcnow
from jobwise.tasks.worker import Worker
from tests.enhancement.conftest import FakeEngine, create_profile, read_profile, trigger, wait_for_run


async def _crash(app: FastAPI, job_id: str, *, attempts: int) -> None:
    """Make the run look like its worker died mid-step: running, lease expired, run processing."""
    async with app.state.database.write_session() as session:
        run = await session.get(EnhancementRun, job_id)
        assert run is not None
        await session.execute(
            update(Task)
            .where(Task.id == run.task_id)
            .values(
                status="running",
                attempts=attempts,
                lease_owner="gone:1:gone",
                lease_expires_at=utcnow() - timedelta(seconds=1),
            )
        )
        run.status, run.current_step, run.progress = "processing", "enhancing_experiences", 60
        await session.commit()


Restart = Callable[[], Awaitable[Worker]]


@pytest.fixture
async def restart(app: FastAPI) -> AsyncIterator[Restart]:
    """Stop the app's worker (as a crash would leave things) and start a new one on demand."""
    started: list[Worker] = []

    async def start() -> Worker:
        worker = Worker(
            database=app.state.database,
            settings=app.state.settings,
            registry=app.state.task_backend.worker.registry,
            state=app.state,
        )
        started.append(worker)
        await worker.start()
        return worker

    yield start
    for worker in started:
        await worker.stop(grace=0)


async def test_an_interrupted_run_is_taken_up_again_and_completes(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI, restart: Restart
) -> None:
    await app.state.task_backend.worker.stop(grace=0)
    await create_profile(user_a)
    job_id = await trigger(user_a)
    await _crash(app, job_id, attempts=1)
    await restart()
    job = await wait_for_run(user_a, job_id)
    assert job["status"] == "completed", job
    assert job["result"]["attempt"] == 2
    events = (await user_a.get(f"/api/v1/enhancement/jobs/{job_id}/events")).text
    assert "Interrupted" in events


async def test_after_the_last_attempt_the_job_fails_with_a_readable_reason(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI, restart: Restart
) -> None:
    await app.state.task_backend.worker.stop(grace=0)
    await create_profile(user_a)
    before = await read_profile(user_a)
    job_id = await trigger(user_a)
    await _crash(app, job_id, attempts=app.state.settings.TASK_MAX_ATTEMPTS)
    await restart()
    job = await wait_for_run(user_a, job_id)
    assert job["status"] == "failed"
    assert "3 attempts" in job["error"] and "Nothing in the profile was changed" in job["error"]
    assert await read_profile(user_a) == before
    assert fake_engine.calls == []
    # A failed run no longer blocks the next one.
    assert (await user_a.post("/api/v1/enhancement/trigger")).status_code == 202


async def test_a_released_run_goes_back_to_queued_and_keeps_its_attempts(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI, restart: Restart
) -> None:
    fake_engine.hold()
    await create_profile(user_a)
    job_id = await trigger(user_a)
    await wait_for_run(user_a, job_id, ("processing",), step="enhancing_summary")
    await app.state.task_backend.worker.stop(grace=0)
    job = await wait_for_run(user_a, job_id, ("queued",))
    assert (job["progress"], job["current_step"]) == (0, None)
    async with app.state.database.read_session() as session:
        record = await session.get(EnhancementRun, job_id)
        assert record is not None and record.task_id is not None
        task = await session.get(Task, record.task_id)
        assert task is not None and (task.status, task.attempts) == ("queued", 0)
    fake_engine.release()
    await restart()
    assert (await wait_for_run(user_a, job_id))["status"] == "completed"
