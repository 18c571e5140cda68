"""TASK_BACKEND=procrastinate: procrastinate's PostgreSQL queue delivers task ids to workers.

What procrastinate does here: carries "run task X" to one of any number of `jobwise worker`
processes (LISTEN/NOTIFY, so no polling delay), bounds each worker's concurrency, tracks its
workers' heartbeats, and stops them gracefully. What stays ours (tasks/runner.py): the task row
is claimed under a lease before anything runs, attempts count against TASK_MAX_ATTEMPTS, and the
result commits only while the lease is held. A delivery is therefore only a hint: one that
arrives twice, late, or for a task already running is a no-op, and a task whose delivery was
lost (the API stopped between its commit and the defer, a worker was killed) is delivered again
by the sweep below. procrastinate's own retries are off: a retry is our lease expiring.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Status
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jobwise.config import Settings
from jobwise.db import Database
from jobwise.tasks import queue
from jobwise.tasks.recovery import recover_expired
from jobwise.tasks.registry import TaskRegistry
from jobwise.tasks.runner import TaskRunner
from jobwise.tasks.worker import worker_name

logger = logging.getLogger("jobwise.tasks")

TASK_NAME = "jobwise.run_task"
QUEUE = "jobwise"

# Queued tasks with no delivery waiting. A job being run does not count: its worker may have
# died, or released the task on stopping; a spare delivery is harmless (see claim_by_id).
_UNDELIVERED = text(
    """
    SELECT t.id FROM tasks t
     WHERE t.status = 'queued' AND t.kind = ANY(:kinds)
       AND NOT EXISTS (
           SELECT 1 FROM procrastinate_jobs j WHERE j.queueing_lock = t.id AND j.status = 'todo'
       )
     ORDER BY t.created_at, t.id
     LIMIT 500
    """
)


def libpq_url(database_url: str) -> str:
    """psycopg's form of the app's SQLAlchemy URL (same server, user and database)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class ProcrastinateBackend:
    name = "procrastinate"

    def __init__(
        self, *, settings: Settings, database: Database, registry: TaskRegistry, state: Any, run_tasks: bool
    ) -> None:
        self._settings = settings
        self._database = database
        self._registry = registry
        self._run_tasks = run_tasks
        self.owner = worker_name()
        concurrency = settings.TASK_WORKER_CONCURRENCY
        connector = procrastinate.PsycopgConnector(
            conninfo=libpq_url(settings.database_url),
            # LISTEN, fetch and finish for the worker; defers from the API need one or two.
            min_size=1,
            max_size=concurrency + 3 if run_tasks else 2,
        )
        self.app = procrastinate.App(connector=connector)
        self._job = self.app.task(name=TASK_NAME, queue=QUEUE, retry=False)(self._run)
        self._runner = TaskRunner(
            database=database,
            settings=settings,
            registry=registry,
            state=state,
            owner=self.owner,
            on_released=self.deliver,
        )
        self._sweep_interval = max(0.05, min(settings.TASK_LEASE_SECONDS / 2, 30.0))
        self._background: set[asyncio.Task[None]] = set()
        self._worker: asyncio.Task[None] | None = None
        self._maintenance: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.app.open_async()
        if not self._run_tasks:
            return
        settings = self._settings
        self._worker = asyncio.create_task(
            self.app.run_worker_async(
                queues=[QUEUE],
                name=self.owner,
                concurrency=settings.TASK_WORKER_CONCURRENCY,
                fetch_job_polling_interval=settings.TASK_POLL_SECONDS,
                shutdown_graceful_timeout=settings.TASK_SHUTDOWN_GRACE_SECONDS,
                update_heartbeat_interval=settings.TASK_HEARTBEAT_SECONDS,
                stalled_worker_timeout=settings.TASK_LEASE_SECONDS,
                # Our task table is the record; procrastinate keeps only what went wrong.
                delete_jobs="successful",
                install_signal_handlers=False,
            ),
            name="jobwise-procrastinate-worker",
        )
        self._maintenance = asyncio.create_task(self._maintain(), name="jobwise-task-sweep")
        logger.info(
            "task worker %s started on procrastinate (concurrency %d)",
            self.owner,
            settings.TASK_WORKER_CONCURRENCY,
        )

    async def stop(self) -> None:
        if self._maintenance is not None:
            self._maintenance.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._maintenance
        if self._worker is not None:
            # procrastinate's graceful stop: running jobs get TASK_SHUTDOWN_GRACE_SECONDS, then
            # are cancelled, and the runner releases their tasks (and delivers them again).
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            logger.info("task worker %s stopped", self.owner)
        if self._background:
            await asyncio.wait(self._background, timeout=5)
        await self.app.close_async()

    def submitted(self, task_id: str) -> None:
        delivery = asyncio.get_running_loop().create_task(self._deliver_soon(task_id))
        self._background.add(delivery)
        delivery.add_done_callback(self._background.discard)

    async def _deliver_soon(self, task_id: str) -> None:
        try:
            await self.deliver(task_id)
        except Exception:
            # The task is committed and queued: a worker's sweep delivers it shortly.
            logger.warning("task %s: could not deliver it now; the sweep will", task_id, exc_info=True)

    async def deliver(self, task_id: str) -> None:
        """Put "run task_id" on procrastinate's queue, unless a delivery is already waiting."""
        with contextlib.suppress(AlreadyEnqueued):
            await self._job.configure(queueing_lock=task_id).defer_async(task_id=task_id)

    async def _run(self, task_id: str) -> None:
        claimed = await queue.claim_by_id(
            self._database,
            task_id=task_id,
            owner=self.owner,
            lease_seconds=self._settings.TASK_LEASE_SECONDS,
            kinds=self._registry.kinds,
        )
        if claimed is None:
            logger.info("task %s: not queued (running elsewhere or ended); delivery ignored", task_id)
            return
        await self._runner.execute(claimed)

    async def sweep(self) -> None:
        """Recover tasks whose worker stopped, close its jobs, deliver what waits undelivered."""
        await recover_expired(self._database, self._registry)
        stalled = await self.app.job_manager.get_stalled_jobs(
            queue=QUEUE, seconds_since_heartbeat=self._settings.TASK_LEASE_SECONDS
        )
        for job in stalled:
            assert job.id is not None
            # Its worker is gone; the task row (recovered above) decides what happens next.
            await self.app.job_manager.finish_job_by_id_async(job.id, Status.FAILED, delete_job=False)
        async with self._database.read_session() as session:
            undelivered = list(await session.scalars(_UNDELIVERED, {"kinds": sorted(self._registry.kinds)}))
        for task_id in undelivered:
            await self.deliver(task_id)
        if undelivered:
            logger.info("delivered %d queued task(s) that had no delivery waiting", len(undelivered))

    async def _maintain(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                logger.exception("task sweep failed; trying again")
            await asyncio.sleep(self._sweep_interval)
