"""The worker: claims tasks, runs them under a renewed lease, and stops gracefully.

Embedded in the API process (started and stopped by the app's lifespan), or alone with
`jobwise worker`, so workers can be scaled apart from the API. Several workers, in any number
of processes, can share one database: claims and every state change are guarded statements.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import socket
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database
from jobwise.errors import JobWiseError
from jobwise.tasks import queue
from jobwise.tasks.queue import ClaimedTask, LeaseLost
from jobwise.tasks.recovery import recover_expired
from jobwise.tasks.registry import TaskContext, TaskDefinition, TaskRegistry

logger = logging.getLogger("jobwise.tasks")


@dataclass
class _Run:
    task: ClaimedTask
    definition: TaskDefinition
    # Set by the heartbeat when another worker has taken the task over.
    lost: bool = False


def failure_message(exc: BaseException) -> str:
    """What a person reads on the failed task: domain errors carry a message meant for them."""
    if isinstance(exc, JobWiseError):
        return exc.message
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else f"Unexpected error ({type(exc).__name__})"


class Worker:
    def __init__(
        self,
        *,
        database: Database,
        settings: Settings,
        registry: TaskRegistry,
        state: Any,
    ) -> None:
        if settings.TASK_HEARTBEAT_SECONDS >= settings.TASK_LEASE_SECONDS:
            raise ConfigurationError(
                "TASK_HEARTBEAT_SECONDS must be shorter than TASK_LEASE_SECONDS "
                f"({settings.TASK_HEARTBEAT_SECONDS} >= {settings.TASK_LEASE_SECONDS}), "
                "or every running task would be taken up again while it still runs."
            )
        self.database = database
        self.settings = settings
        self.registry = registry
        self.state = state
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._concurrency = settings.TASK_WORKER_CONCURRENCY
        self._lease = settings.TASK_LEASE_SECONDS
        self._poll = settings.TASK_POLL_SECONDS
        # Expired leases are looked for at start, then a few times per lease period.
        self._recovery_interval = max(0.05, min(self._lease / 2, 30.0))
        self._wake = asyncio.Event()
        self._running: dict[asyncio.Task[None], _Run] = {}
        self._stopping = False
        self._main: asyncio.Task[None] | None = None

    @property
    def running(self) -> int:
        return len(self._running)

    async def start(self) -> None:
        if self._main is None:
            self._main = asyncio.create_task(self._loop(), name="jobwise-task-worker")
            logger.info("task worker %s started (concurrency %d)", self.owner, self._concurrency)

    def wake(self) -> None:
        """Look for work now (called after a commit that enqueued a task)."""
        self._wake.set()

    async def stop(self, grace: float | None = None) -> None:
        """Stop claiming; let running tasks finish within `grace`, then release the rest."""
        grace = self.settings.TASK_SHUTDOWN_GRACE_SECONDS if grace is None else grace
        self._stopping = True
        self._wake.set()
        if self._main is not None:
            await self._main
        pending = set(self._running)
        if pending and grace > 0:
            _, pending = await asyncio.wait(pending, timeout=grace)
        for runner in pending:
            runner.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        logger.info("task worker %s stopped (%d task(s) released)", self.owner, len(pending))

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        next_recovery = loop.time()
        while not self._stopping:
            # Cleared before looking, so a wake during the look is not lost.
            self._wake.clear()
            try:
                if loop.time() >= next_recovery:
                    await recover_expired(self.database, self.registry)
                    next_recovery = loop.time() + self._recovery_interval
                await self._fill()
            except Exception:
                # The database may be briefly unreachable; the worker outlives that.
                logger.exception("task worker: could not look for work; trying again")
            timeout = max(0.0, min(self._poll, next_recovery - loop.time()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def _fill(self) -> None:
        kinds = self.registry.kinds
        while len(self._running) < self._concurrency and not self._stopping:
            if not await queue.has_queued(self.database, kinds):
                return
            claimed = await queue.claim(
                self.database, owner=self.owner, lease_seconds=self._lease, kinds=kinds
            )
            if claimed is None:
                return
            definition = self.registry.get(claimed.kind)
            assert definition is not None  # claims are limited to registered kinds
            run = _Run(task=claimed, definition=definition)
            runner = asyncio.create_task(self._execute(run), name=f"task-{claimed.kind}-{claimed.id}")
            self._running[runner] = run
            runner.add_done_callback(self._finished)

    def _finished(self, runner: asyncio.Task[None]) -> None:
        self._running.pop(runner, None)
        self._wake.set()  # a slot is free

    async def _execute(self, run: _Run) -> None:
        claimed = run.task
        ctx = TaskContext(
            task_id=claimed.id,
            kind=claimed.kind,
            payload=claimed.payload,
            attempt=claimed.attempts,
            max_attempts=claimed.max_attempts,
            owner=self.owner,
            lease_seconds=self._lease,
            database=self.database,
            settings=self.settings,
            state=self.state,
        )
        runner = asyncio.current_task()
        assert runner is not None
        heartbeat = asyncio.create_task(self._heartbeat(run, runner))
        logger.info("task %s (%s) attempt %d started", claimed.id, claimed.kind, claimed.attempts)
        try:
            await run.definition.run(ctx)
        except LeaseLost:
            logger.warning("task %s: taken over by another worker; its work here is dropped", claimed.id)
        except asyncio.CancelledError:
            if run.lost:
                runner.uncancel()
                logger.warning("task %s: lease lost while running; stopped here", claimed.id)
                return
            if self._stopping:
                await self._release(run)
            raise
        except Exception as exc:
            if isinstance(exc, JobWiseError):  # expected (the model is down...): no traceback
                logger.warning("task %s (%s) failed: %s", claimed.id, claimed.kind, exc.message)
            else:
                logger.exception("task %s (%s) failed", claimed.id, claimed.kind)
            await self._fail(run, failure_message(exc))
        else:
            await self._succeed(run)
            logger.info("task %s (%s) done", claimed.id, claimed.kind)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

    async def _heartbeat(self, run: _Run, runner: asyncio.Task[None]) -> None:
        while True:
            await asyncio.sleep(self.settings.TASK_HEARTBEAT_SECONDS)
            try:
                async with self.database.write_session() as session:
                    await queue.renew(
                        session, task_id=run.task.id, owner=self.owner, lease_seconds=self._lease
                    )
                    await session.commit()
            except LeaseLost:
                if not runner.done():
                    run.lost = True
                    runner.cancel()
                return
            except Exception:
                # Keep trying: the lease outlasts a few missed beats.
                logger.warning("task %s: heartbeat failed", run.task.id, exc_info=True)

    async def _succeed(self, run: _Run) -> None:
        # Usually the task already did this in its final transaction; then this is a no-op.
        async with self.database.write_session() as session:
            with contextlib.suppress(LeaseLost):
                await queue.mark_succeeded(session, task_id=run.task.id, owner=self.owner)
            await session.commit()

    async def _fail(self, run: _Run, message: str) -> None:
        try:
            async with self.database.write_session() as session:
                task = await queue.load_owned(session, task_id=run.task.id, owner=self.owner)
                if task is None:
                    return
                queue.set_failed(task, message)
                if run.definition.on_failed:
                    await run.definition.on_failed(session, task, message)
                await session.commit()
        except Exception:
            # The lease will expire and recovery will decide; nothing is left half-written.
            logger.exception("task %s: could not record its failure", run.task.id)

    async def _release(self, run: _Run) -> None:
        """Back to the queue without using up an attempt: stopping is not the task's fault."""
        try:
            async with self.database.write_session() as session:
                task = await queue.load_owned(session, task_id=run.task.id, owner=self.owner)
                if task is None:
                    return
                queue.set_queued(task, give_back_attempt=True)
                if run.definition.on_requeued:
                    await run.definition.on_requeued(session, task, "the worker stopped; it will start again")
                await session.commit()
            logger.info("task %s released", run.task.id)
        except Exception:
            logger.exception("task %s: could not release it; its lease will expire", run.task.id)


async def run_standalone(settings: Settings, *, registry: TaskRegistry | None = None) -> None:
    """`jobwise worker`: run tasks until SIGTERM or SIGINT, then stop gracefully."""
    from jobwise import migrate
    from jobwise.ai.factory import open_engine
    from jobwise.db import create_database
    from jobwise.tasks.registry import default_registry

    if settings.MIGRATE_ON_START:
        await asyncio.to_thread(migrate.upgrade, settings)
    database = create_database(settings)
    # What task functions find in ctx.state: the same names as on the API's app.state.
    state = SimpleNamespace(settings=settings, database=database, engine=None)
    worker = Worker(
        database=database, settings=settings, registry=registry or default_registry(), state=state
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with open_engine(settings, database=database) as engine:
            state.engine = engine
            await worker.start()
            await stop.wait()
            await worker.stop()
    finally:
        await database.dispose()
