"""The task table's state changes, each a single guarded statement so it is atomic anywhere.

Correct on SQLite (write transactions begin IMMEDIATE, so they run one at a time) and on
PostgreSQL (the claim's subquery locks with FOR UPDATE SKIP LOCKED, and every UPDATE re-checks
status and lease owner, so two workers can never both win the same task).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.db import Database
from jobwise.models import Task, utcnow
from jobwise.models.base import UTCDateTime, new_id

QUEUED = "queued"
RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"


class LeaseLost(Exception):
    """This worker no longer holds the task (its lease expired and it was taken up elsewhere)."""


@dataclass(frozen=True)
class ClaimedTask:
    id: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    # This claim's lease token (the worker's name and a suffix): every later state change is
    # guarded by it, so a run that lost its lease cannot pass for the next attempt in the same
    # process.
    owner: str


def enqueue(session: AsyncSession, kind: str, payload: dict[str, Any], *, max_attempts: int) -> Task:
    """Add a task to the caller's unit of work: it exists exactly when that work commits."""
    # The id is set now, so the caller can refer to the task before the flush.
    task = Task(id=new_id(), kind=kind, payload=payload, status=QUEUED, attempts=0, max_attempts=max_attempts)
    session.add(task)
    return task


def _at(value: datetime) -> Any:
    # A typed bind so SQLite gets the same text format as the column (string comparison works).
    return bindparam(None, value, type_=UTCDateTime())


async def has_queued(database: Database, kinds: frozenset[str]) -> bool:
    """A cheap read first, so an idle worker does not take the write lock on every poll."""
    async with database.read_session() as session:
        found = await session.scalar(select(exists().where(Task.status == QUEUED, Task.kind.in_(kinds))))
        return bool(found)


def lease_token(owner: str) -> str:
    return f"{owner}#{secrets.token_hex(3)}"


def _claiming(now: datetime, lease: str, lease_seconds: float) -> dict[str, Any]:
    return {
        "status": RUNNING,
        "attempts": Task.attempts + 1,
        "lease_owner": lease,
        "lease_expires_at": now + timedelta(seconds=lease_seconds),
        "heartbeat_at": now,
        "started_at": func.coalesce(Task.started_at, _at(now)),
        "updated_at": now,
    }


async def _claim_where(
    database: Database, condition: Any, *, owner: str, lease_seconds: float
) -> ClaimedTask | None:
    lease = lease_token(owner)
    statement = (
        update(Task)
        .where(condition, Task.status == QUEUED)
        .values(**_claiming(utcnow(), lease, lease_seconds))
        .returning(Task.id, Task.kind, Task.payload, Task.attempts, Task.max_attempts)
        .execution_options(synchronize_session=False)
    )
    async with database.write_session() as session:
        row = (await session.execute(statement)).one_or_none()
        await session.commit()
    if row is None:
        return None
    return ClaimedTask(
        id=row.id,
        kind=row.kind,
        payload=dict(row.payload),
        attempts=row.attempts,
        max_attempts=row.max_attempts,
        owner=lease,
    )


async def claim(
    database: Database, *, owner: str, lease_seconds: float, kinds: frozenset[str]
) -> ClaimedTask | None:
    """Take the oldest queued task of a known kind, or None; counts one attempt."""
    oldest = (
        select(Task.id)
        .where(Task.status == QUEUED, Task.kind.in_(kinds))
        .order_by(Task.created_at, Task.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    return await _claim_where(database, Task.id == oldest, owner=owner, lease_seconds=lease_seconds)


async def claim_by_id(
    database: Database, *, task_id: str, owner: str, lease_seconds: float, kinds: frozenset[str]
) -> ClaimedTask | None:
    """Take this task if it is queued; None if it runs elsewhere, has ended or is unknown here.

    A delivered task id may arrive twice (a redelivery after a crash, a sweep racing a
    delivery): only the first claim of each attempt wins, so the task runs once per attempt.
    """
    return await _claim_where(
        database, (Task.id == task_id) & Task.kind.in_(kinds), owner=owner, lease_seconds=lease_seconds
    )


async def queued_ids(database: Database, kinds: frozenset[str], *, limit: int = 500) -> list[str]:
    """Queued tasks, oldest first: what a delivering backend must make sure is on its way."""
    async with database.read_session() as session:
        rows = await session.scalars(
            select(Task.id)
            .where(Task.status == QUEUED, Task.kind.in_(kinds))
            .order_by(Task.created_at, Task.id)
            .limit(limit)
        )
        return list(rows)


def _owned(task_id: str, owner: str) -> Any:
    return (Task.id == task_id) & (Task.lease_owner == owner) & (Task.status == RUNNING)


async def renew(session: AsyncSession, *, task_id: str, owner: str, lease_seconds: float) -> None:
    """Extend the lease in the caller's transaction; LeaseLost if the task is no longer ours.

    Also the fence for a task's writes: done in the same transaction as a write, the write
    commits only if this worker still holds the task.
    """
    now = utcnow()
    renewed = await session.scalar(
        update(Task)
        .where(_owned(task_id, owner))
        .values(lease_expires_at=now + timedelta(seconds=lease_seconds), heartbeat_at=now, updated_at=now)
        .returning(Task.id)
        .execution_options(synchronize_session=False)
    )
    if renewed is None:
        raise LeaseLost(f"task {task_id} is no longer held by {owner}")


async def mark_succeeded(session: AsyncSession, *, task_id: str, owner: str) -> None:
    """In the caller's transaction, so a task's result and its completion commit together."""
    now = utcnow()
    done = await session.scalar(
        update(Task)
        .where(_owned(task_id, owner))
        .values(
            status=SUCCEEDED,
            error=None,
            lease_owner=None,
            lease_expires_at=None,
            finished_at=now,
            updated_at=now,
        )
        .returning(Task.id)
        .execution_options(synchronize_session=False)
    )
    if done is None:
        raise LeaseLost(f"task {task_id} is no longer held by {owner}")


async def load_owned(session: AsyncSession, *, task_id: str, owner: str) -> Task | None:
    """The task row, locked for this transaction, if this worker still holds it."""
    return await session.scalar(select(Task).where(_owned(task_id, owner)).with_for_update())


def set_failed(task: Task, message: str) -> None:
    now = utcnow()
    task.status = FAILED
    task.error = message
    task.lease_owner = None
    task.lease_expires_at = None
    task.finished_at = now


def set_queued(task: Task, *, give_back_attempt: bool) -> None:
    task.status = QUEUED
    task.lease_owner = None
    task.lease_expires_at = None
    if give_back_attempt:
        task.attempts = max(0, task.attempts - 1)
