"""Tasks whose worker stopped (crash, kill, lost machine): take them up again or give up.

A running task's lease is renewed by its worker's heartbeat; once it has expired nobody is
working on it. It goes back to the queue (the next claim counts the attempt) until it has used
max_attempts, then it fails with a reason a person can read. Either way the kind's hook updates
its own record in the same transaction, so nothing stays "processing" forever.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import Database
from jobwise.models import Task, utcnow
from jobwise.models.base import UTCDateTime
from jobwise.tasks import queue
from jobwise.tasks.registry import TaskRegistry

logger = logging.getLogger("jobwise.tasks")


@dataclass
class RecoveryReport:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def gave_up_message(attempts: int) -> str:
    times = "once" if attempts == 1 else f"{attempts} times"
    return (
        f"Stopped after {attempts} attempt{'s' if attempts != 1 else ''}: the worker running it "
        f"stopped {times} before it finished (the server was restarted or crashed)."
    )


def _recover(task: Task) -> None:
    if task.attempts >= task.max_attempts:
        queue.set_failed(task, gave_up_message(task.attempts))
    else:
        queue.set_queued(task, give_back_attempt=False)


async def _run_hook(task: Task, registry: TaskRegistry, session: AsyncSession) -> None:
    definition = registry.get(task.kind)
    if definition is None:
        return
    if task.status == queue.FAILED:
        if definition.on_failed:
            await definition.on_failed(session, task, task.error or gave_up_message(task.attempts))
    elif definition.on_requeued:
        reason = (
            f"the worker running it stopped (attempt {task.attempts} of {task.max_attempts}); starting again"
        )
        await definition.on_requeued(session, task, reason)


async def recover_expired(database: Database, registry: TaskRegistry) -> RecoveryReport:
    report = RecoveryReport()
    now = utcnow()
    expired = (Task.status == queue.RUNNING) & (
        Task.lease_expires_at < bindparam(None, now, type_=UTCDateTime())
    )
    async with database.read_session() as session:
        if not await session.scalar(select(exists().where(expired))):
            return report
    async with database.write_session() as session:
        tasks = (await session.scalars(select(Task).where(expired).with_for_update(skip_locked=True))).all()
        for task in tasks:
            # Read now: a rolled-back savepoint expires the row, and it must not be reloaded here.
            task_id = task.id
            try:
                # One task whose hook fails must not hold back the recovery of the others.
                async with session.begin_nested():
                    _recover(task)
                    await _run_hook(task, registry, session)
            except Exception:
                logger.exception("task %s: could not recover it; trying again at the next pass", task_id)
                continue
            (report.failed if task.status == queue.FAILED else report.requeued).append(task_id)
        await session.commit()
    for task_id in report.requeued:
        logger.warning("task %s: lease expired, queued again", task_id)
    for task_id in report.failed:
        logger.error("task %s: lease expired on its last attempt, failed", task_id)
    return report
