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
            definition = registry.get(task.kind)
            if task.attempts >= task.max_attempts:
                message = gave_up_message(task.attempts)
                queue.set_failed(task, message)
                if definition and definition.on_failed:
                    await definition.on_failed(session, task, message)
                report.failed.append(task.id)
            else:
                queue.set_queued(task, give_back_attempt=False)
                reason = (
                    f"the worker running it stopped (attempt {task.attempts} of {task.max_attempts}); "
                    "starting again"
                )
                if definition and definition.on_requeued:
                    await definition.on_requeued(session, task, reason)
                report.requeued.append(task.id)
        await session.commit()
    for task_id in report.requeued:
        logger.warning("task %s: lease expired, queued again", task_id)
    for task_id in report.failed:
        logger.error("task %s: lease expired on its last attempt, failed", task_id)
    return report
