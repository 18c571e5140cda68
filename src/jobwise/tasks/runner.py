"""Runs one claimed task: under a renewed lease, fenced, and ending in exactly one state.

Shared by every task backend: the embedded worker claims from the task table itself, the
distributed backend receives a task id from procrastinate and claims that row; from the claim
on, both run the task here, so attempts, leases, failure messages and hooks are the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database
from jobwise.errors import JobWiseError
from jobwise.models import Task
from jobwise.tasks import queue
from jobwise.tasks.queue import ClaimedTask, LeaseLost
from jobwise.tasks.registry import TaskContext, TaskDefinition, TaskRegistry

logger = logging.getLogger("jobwise.tasks")


def failure_message(exc: BaseException) -> str:
    """What a person reads on the failed task: domain errors carry a message meant for them."""
    if isinstance(exc, JobWiseError):
        return exc.message
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else f"Unexpected error ({type(exc).__name__})"


@dataclass
class _Run:
    task: ClaimedTask
    definition: TaskDefinition
    # Set by the heartbeat when another worker has taken the task over.
    lost: bool = False
    # Set once the task function has returned or raised: from then on the task's own final
    # transaction may already have ended the lease, which is no reason to cancel anything.
    finished: bool = False


class TaskRunner:
    def __init__(
        self,
        *,
        database: Database,
        settings: Settings,
        registry: TaskRegistry,
        state: Any,
        on_released: Callable[[str], Awaitable[None]] | None = None,
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
        self.lease_seconds = settings.TASK_LEASE_SECONDS
        # Told when a task goes back to the queue because this process stops, so a backend
        # that delivers tasks (rather than polling for them) can hand it to another worker.
        self._on_released = on_released

    async def execute(self, claimed: ClaimedTask) -> None:
        """Run a task this worker has claimed; returns when it has succeeded, failed or was let go.

        Cancelling it (the worker is stopping) releases the task without using up an attempt.
        """
        definition = self.registry.get(claimed.kind)
        assert definition is not None  # claims are limited to registered kinds
        run = _Run(task=claimed, definition=definition)
        ctx = TaskContext(
            task_id=claimed.id,
            kind=claimed.kind,
            payload=claimed.payload,
            attempt=claimed.attempts,
            max_attempts=claimed.max_attempts,
            owner=claimed.owner,
            lease_seconds=self.lease_seconds,
            database=self.database,
            settings=self.settings,
            state=self.state,
        )
        runner = asyncio.current_task()
        assert runner is not None
        heartbeat = asyncio.create_task(self._heartbeat(run, runner))
        logger.info("task %s (%s) attempt %d started", claimed.id, claimed.kind, claimed.attempts)
        try:
            try:
                await definition.run(ctx)
            finally:
                run.finished = True
        except LeaseLost:
            logger.warning("task %s: taken over by another worker; its work here is dropped", claimed.id)
        except asyncio.CancelledError:
            if run.lost:
                runner.uncancel()
                logger.warning("task %s: lease lost while running; stopped here", claimed.id)
                return
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

    async def release(self, claimed: ClaimedTask) -> None:
        """Give back a task claimed but not started (the worker stopped in between)."""
        definition = self.registry.get(claimed.kind)
        assert definition is not None
        await self._release(_Run(task=claimed, definition=definition))

    async def _heartbeat(self, run: _Run, runner: asyncio.Task[Any]) -> None:
        while True:
            await asyncio.sleep(self.settings.TASK_HEARTBEAT_SECONDS)
            try:
                async with self.database.write_session() as session:
                    await queue.renew(
                        session, task_id=run.task.id, owner=run.task.owner, lease_seconds=self.lease_seconds
                    )
                    await session.commit()
            except LeaseLost:
                # Succeeded is the task's own doing (its final transaction ended the lease while
                # it tidies up); anything else means another worker has it now.
                if not run.finished and not runner.done() and not await self._succeeded(run):
                    run.lost = True
                    runner.cancel()
                return
            except Exception:
                # Keep trying: the lease outlasts a few missed beats.
                logger.warning("task %s: heartbeat failed", run.task.id, exc_info=True)

    async def _succeeded(self, run: _Run) -> bool:
        async with self.database.read_session() as session:
            status = await session.scalar(select(Task.status).where(Task.id == run.task.id))
        return status == queue.SUCCEEDED

    async def _succeed(self, run: _Run) -> None:
        # Usually the task already did this in its final transaction; then this is a no-op.
        async with self.database.write_session() as session:
            with contextlib.suppress(LeaseLost):
                await queue.mark_succeeded(session, task_id=run.task.id, owner=run.task.owner)
            await session.commit()

    async def _fail(self, run: _Run, message: str) -> None:
        try:
            async with self.database.write_session() as session:
                task = await queue.load_owned(session, task_id=run.task.id, owner=run.task.owner)
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
                task = await queue.load_owned(session, task_id=run.task.id, owner=run.task.owner)
                if task is None:
                    return
                queue.set_queued(task, give_back_attempt=True)
                if run.definition.on_requeued:
                    await run.definition.on_requeued(session, task, "the worker stopped; it will start again")
                await session.commit()
            logger.info("task %s released", run.task.id)
        except Exception:
            logger.exception("task %s: could not release it; its lease will expire", run.task.id)
            return
        if self._on_released is not None:
            try:
                await self._on_released(run.task.id)
            except Exception:
                # Another worker's sweep finds the queued task; it is not lost.
                logger.warning("task %s: could not hand it on at once", run.task.id, exc_info=True)
