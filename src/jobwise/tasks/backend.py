"""Task backends: how a committed task reaches a worker. One protocol, two implementations.

embedded       workers poll the task table (SQLite or PostgreSQL); the default, no extra parts.
procrastinate  procrastinate's queue in PostgreSQL carries task ids to `jobwise worker`
               processes on any number of machines (tasks/distributed.py).

Either way the task table stays the record (status, attempts, lease) and tasks/runner.py runs
every task, so retries, crash recovery and the exactly-once fence do not depend on the backend.
"""

from __future__ import annotations

from typing import Any, Protocol

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database
from jobwise.tasks.registry import TaskRegistry
from jobwise.tasks.worker import Worker


class TaskBackend(Protocol):
    name: str

    async def start(self) -> None:
        """Connect, and start running tasks if this process runs them."""

    async def stop(self) -> None:
        """Stop taking tasks; running ones finish within the grace period or are released."""

    def submitted(self, task_id: str) -> None:
        """Called once the unit of work that enqueued `task_id` has committed; never raises."""

    def wake(self) -> None:
        """Look for work now, if this process runs tasks: another process has committed one."""


class EmbeddedBackend:
    """Workers that poll the task table; with none in this process, another process's finds it."""

    name = "embedded"

    def __init__(self, worker: Worker | None) -> None:
        self.worker = worker

    async def start(self) -> None:
        if self.worker is not None:
            await self.worker.start()

    async def stop(self) -> None:
        if self.worker is not None:
            await self.worker.stop()

    def submitted(self, task_id: str) -> None:
        self.wake()

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()


def create_task_backend(
    settings: Settings, *, database: Database, registry: TaskRegistry, state: Any, run_tasks: bool
) -> TaskBackend:
    """The configured backend; `run_tasks` is false in an API process that only enqueues."""
    if settings.TASK_BACKEND == "procrastinate":
        if database.engine.dialect.name != "postgresql":
            raise ConfigurationError(
                "TASK_BACKEND=procrastinate keeps its queue in PostgreSQL: set "
                "DATABASE_URL=postgresql+asyncpg://user:password@host/dbname, or use "
                "TASK_BACKEND=embedded (the default)."
            )
        from jobwise.tasks.distributed import ProcrastinateBackend

        return ProcrastinateBackend(
            settings=settings, database=database, registry=registry, state=state, run_tasks=run_tasks
        )
    worker = (
        Worker(database=database, settings=settings, registry=registry, state=state) if run_tasks else None
    )
    return EmbeddedBackend(worker)
