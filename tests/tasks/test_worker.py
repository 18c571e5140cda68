"""Durable tasks: atomic claims, leases and heartbeats, recovery after a crash, graceful stop."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database
from jobwise.models import Task, utcnow
from jobwise.tasks import queue
from jobwise.tasks.queue import LeaseLost
from jobwise.tasks.recovery import recover_expired
from jobwise.tasks.registry import TaskContext, TaskDefinition, TaskRegistry
from jobwise.tasks.worker import Worker
from tests.tasks.conftest import WorkerFactory, eventually, load_task


async def enqueue(database: Database, kind: str = "echo", max_attempts: int = 3, **payload: Any) -> str:
    async with database.write_session() as session:
        task = queue.enqueue(session, kind, payload, max_attempts=max_attempts)
        await session.commit()
        return task.id


def status_is(database: Database, task_id: str, status: str) -> Any:
    async def check() -> Task | None:
        task = await load_task(database, task_id)
        return task if task.status == status else None

    return check


class Recorder:
    """Task kinds for the tests; remembers what ran and what the hooks were told."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, int]] = []
        self.requeued: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str]] = []
        self.release = asyncio.Event()
        self.started = asyncio.Event()
        self.in_flight = 0
        self.most_in_flight = 0

    async def on_requeued(self, session: AsyncSession, task: Task, reason: str) -> None:
        self.requeued.append((task.id, reason))

    async def on_failed(self, session: AsyncSession, task: Task, message: str) -> None:
        self.failed.append((task.id, message))

    def kind(self, name: str, run: Any) -> TaskDefinition:
        return TaskDefinition(kind=name, run=run, on_requeued=self.on_requeued, on_failed=self.on_failed)

    async def echo(self, ctx: TaskContext) -> None:
        self.ran.append((ctx.task_id, ctx.attempt))

    async def blocking(self, ctx: TaskContext) -> None:
        self.ran.append((ctx.task_id, ctx.attempt))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.started.set()
        try:
            await self.release.wait()
        finally:
            self.in_flight -= 1

    async def broken(self, ctx: TaskContext) -> None:
        raise RuntimeError("the disk is full")


async def test_a_queued_task_runs_once_and_succeeds(database: Database, make_worker: WorkerFactory) -> None:
    recorder = Recorder()
    worker = await make_worker(recorder.kind("echo", recorder.echo))
    task_id = await enqueue(database, note="hi")
    worker.wake()
    task = await eventually(status_is(database, task_id, "succeeded"))
    assert recorder.ran == [(task_id, 1)]
    assert task.attempts == 1
    assert task.lease_owner is None and task.finished_at is not None


async def test_two_workers_never_claim_the_same_task(database: Database, settings: Settings) -> None:
    task_ids = {await enqueue(database) for _ in range(12)}
    claims: dict[str, list[str]] = {}

    async def claim_all(owner: str) -> None:
        while True:
            claimed = await queue.claim(database, owner=owner, lease_seconds=30, kinds=frozenset({"echo"}))
            if claimed is None:
                return
            claims.setdefault(claimed.id, []).append(owner)

    await asyncio.gather(*(claim_all(f"worker-{n}") for n in range(4)))
    assert set(claims) == task_ids
    assert all(len(owners) == 1 for owners in claims.values()), claims


async def test_a_failing_task_is_failed_with_its_message_and_the_hook_is_told(
    database: Database, make_worker: WorkerFactory
) -> None:
    recorder = Recorder()
    await make_worker(recorder.kind("broken", recorder.broken))
    task_id = await enqueue(database, "broken")
    task = await eventually(status_is(database, task_id, "failed"))
    assert task.error == "RuntimeError: the disk is full"
    assert recorder.failed == [(task_id, "RuntimeError: the disk is full")]


async def _crashed_task(
    database: Database, *, attempts: int, max_attempts: int = 3, kind: str = "echo"
) -> str:
    """A task whose worker died: running, owned by nobody alive, lease already expired."""
    task_id = await enqueue(database, kind, max_attempts=max_attempts)
    async with database.write_session() as session:
        await session.execute(
            update(Task)
            .where(Task.id == task_id)
            .values(
                status="running",
                attempts=attempts,
                lease_owner="dead-host:1:dead",
                lease_expires_at=utcnow() - timedelta(seconds=1),
            )
        )
        await session.commit()
    return task_id


async def test_an_expired_lease_is_taken_up_again_as_the_next_attempt(
    database: Database, make_worker: WorkerFactory
) -> None:
    recorder = Recorder()
    task_id = await _crashed_task(database, attempts=1)
    await make_worker(recorder.kind("echo", recorder.echo))
    task = await eventually(status_is(database, task_id, "succeeded"))
    assert recorder.ran == [(task_id, 2)]
    assert task.attempts == 2
    assert recorder.requeued and recorder.requeued[0][0] == task_id


async def test_after_the_last_attempt_an_expired_task_fails_with_a_readable_reason(
    database: Database,
) -> None:
    recorder = Recorder()
    registry = TaskRegistry([recorder.kind("echo", recorder.echo)])
    task_id = await _crashed_task(database, attempts=3, max_attempts=3)
    report = await recover_expired(database, registry)
    assert report.failed == [task_id]
    task = await load_task(database, task_id)
    assert task.status == "failed"
    assert task.error is not None
    assert "3 attempts" in task.error and "restarted or crashed" in task.error
    assert recorder.failed == [(task_id, task.error)]
    assert recorder.ran == []


async def test_a_live_lease_is_not_recovered(database: Database) -> None:
    task_id = await enqueue(database)
    claimed = await queue.claim(database, owner="alive", lease_seconds=30, kinds=frozenset({"echo"}))
    assert claimed is not None and claimed.id == task_id
    report = await recover_expired(database, TaskRegistry())
    assert report.requeued == report.failed == []
    assert (await load_task(database, task_id)).status == "running"


async def test_the_heartbeat_keeps_a_long_task_leased(
    database: Database, make_worker: WorkerFactory, settings: Settings
) -> None:
    recorder = Recorder()
    await make_worker(recorder.kind("block", recorder.blocking))
    task_id = await enqueue(database, "block")
    await asyncio.wait_for(recorder.started.wait(), 10)
    # Outlive several leases: without renewals, recovery would hand the task out again.
    first = (await load_task(database, task_id)).lease_expires_at
    assert first is not None
    await eventually(
        lambda: _lease_after(database, task_id, first + timedelta(seconds=settings.TASK_LEASE_SECONDS * 2))
    )
    recorder.release.set()
    task = await eventually(status_is(database, task_id, "succeeded"))
    assert task.attempts == 1
    assert len(recorder.ran) == 1


async def _lease_after(database: Database, task_id: str, moment: Any) -> bool:
    task = await load_task(database, task_id)
    return task.lease_expires_at is not None and task.lease_expires_at > moment


async def test_stop_releases_running_tasks_without_using_an_attempt(
    database: Database, make_worker: WorkerFactory
) -> None:
    recorder = Recorder()
    worker = await make_worker(recorder.kind("block", recorder.blocking))
    task_id = await enqueue(database, "block")
    await asyncio.wait_for(recorder.started.wait(), 10)
    await worker.stop(grace=0.05)
    task = await load_task(database, task_id)
    assert (task.status, task.attempts, task.lease_owner) == ("queued", 0, None)
    assert [entry[0] for entry in recorder.requeued] == [task_id]


async def test_stop_lets_a_running_task_finish_within_the_grace_period(
    database: Database, make_worker: WorkerFactory
) -> None:
    recorder = Recorder()
    worker = await make_worker(recorder.kind("block", recorder.blocking))
    task_id = await enqueue(database, "block")
    await asyncio.wait_for(recorder.started.wait(), 10)
    stopping = asyncio.create_task(worker.stop(grace=10))
    await asyncio.sleep(0)  # the worker has stopped claiming; the task is still running
    recorder.release.set()
    await stopping
    assert (await load_task(database, task_id)).status == "succeeded"


async def test_concurrency_bounds_the_tasks_in_flight(database: Database, make_worker: WorkerFactory) -> None:
    recorder = Recorder()
    await make_worker(recorder.kind("block", recorder.blocking), TASK_WORKER_CONCURRENCY=2)
    ids = [await enqueue(database, "block") for _ in range(5)]
    await eventually(lambda: _count(recorder, 2))
    assert recorder.in_flight == 2
    recorder.release.set()
    for task_id in ids:
        await eventually(status_is(database, task_id, "succeeded"))
    assert recorder.most_in_flight == 2


async def _count(recorder: Recorder, n: int) -> bool:
    return recorder.in_flight >= n


async def test_a_worker_that_lost_its_lease_stops_and_cannot_write(
    database: Database, make_worker: WorkerFactory
) -> None:
    fenced: list[str] = []
    started = asyncio.Event()

    async def stubborn(ctx: TaskContext) -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            async with ctx.database.write_session() as session:
                try:
                    await ctx.fence(session)
                except LeaseLost:
                    fenced.append(ctx.task_id)

    worker = await make_worker(TaskDefinition(kind="stubborn", run=stubborn))
    task_id = await enqueue(database, "stubborn")
    await asyncio.wait_for(started.wait(), 10)
    # Another worker took it over (as recovery would after a long pause).
    async with database.write_session() as session:
        await session.execute(update(Task).where(Task.id == task_id).values(lease_owner="someone-else"))
        await session.commit()
    await eventually(lambda: _equals(fenced, [task_id]))
    await eventually(lambda: _idle(worker))
    task = await load_task(database, task_id)
    assert (task.status, task.lease_owner) == ("running", "someone-else")


async def test_each_claim_has_its_own_lease_so_an_old_run_in_the_same_process_cannot_write(
    database: Database,
) -> None:
    task_id = await enqueue(database)
    kinds = frozenset({"echo"})
    first = await queue.claim(database, owner="host:1:same", lease_seconds=30, kinds=kinds)
    assert first is not None
    await _expire(database, task_id)
    await recover_expired(database, TaskRegistry())
    second = await queue.claim(database, owner="host:1:same", lease_seconds=30, kinds=kinds)
    assert second is not None and second.attempts == 2
    assert first.owner != second.owner and first.owner.startswith("host:1:same#")
    async with database.write_session() as session:
        with pytest.raises(LeaseLost):
            await queue.renew(session, task_id=task_id, owner=first.owner, lease_seconds=30)
        await queue.renew(session, task_id=task_id, owner=second.owner, lease_seconds=30)


async def _expire(database: Database, task_id: str) -> None:
    async with database.write_session() as session:
        await session.execute(
            update(Task).where(Task.id == task_id).values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()


async def test_a_task_whose_recovery_hook_fails_does_not_hold_back_the_others(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder()

    async def broken_hook(session: AsyncSession, task: Task, reason: str) -> None:
        raise RuntimeError("the hook is broken")

    registry = TaskRegistry(
        [
            recorder.kind("echo", recorder.echo),
            TaskDefinition(kind="poison", run=recorder.echo, on_requeued=broken_hook),
        ]
    )
    poison = await _crashed_task(database, attempts=1, kind="poison")
    healthy = await _crashed_task(database, attempts=1)
    report = await recover_expired(database, registry)
    assert report.requeued == [healthy]
    assert (await load_task(database, healthy)).status == "queued"
    # Left as it was, for the next pass; nothing of the failed hook's work was kept.
    assert (await load_task(database, poison)).status == "running"
    assert f"task {poison}: could not recover it" in caplog.text


async def test_a_task_that_ended_its_own_lease_is_not_cancelled_by_the_heartbeat(
    database: Database, make_worker: WorkerFactory, settings: Settings
) -> None:
    finished: list[str] = []

    async def tidies_up_after_succeeding(ctx: TaskContext) -> None:
        async with ctx.database.write_session() as session:
            await ctx.succeed(session)
            await session.commit()
        # Several heartbeats pass while the task still runs after its final transaction.
        await asyncio.sleep(settings.TASK_HEARTBEAT_SECONDS * 4)
        finished.append(ctx.task_id)

    worker = await make_worker(TaskDefinition(kind="tidy", run=tidies_up_after_succeeding))
    task_id = await enqueue(database, "tidy")
    await eventually(lambda: _equals(finished, [task_id]))
    await eventually(lambda: _idle(worker))
    assert (await load_task(database, task_id)).status == "succeeded"


async def _equals(value: list[str], expected: list[str]) -> bool:
    return value == expected


async def _idle(worker: Worker) -> bool:
    return worker.running == 0


def test_a_heartbeat_as_long_as_the_lease_is_refused(settings: Settings, database: Database) -> None:
    bad = settings.model_copy(update={"TASK_HEARTBEAT_SECONDS": 5, "TASK_LEASE_SECONDS": 5})
    with pytest.raises(ConfigurationError, match="TASK_HEARTBEAT_SECONDS"):
        Worker(database=database, settings=bad, registry=TaskRegistry(), state=None)


def test_a_kind_cannot_be_registered_twice() -> None:
    definition = TaskDefinition(kind="x", run=Recorder().echo)
    with pytest.raises(ValueError, match="twice"):
        TaskRegistry([definition, definition])
