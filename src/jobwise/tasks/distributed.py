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
from datetime import timedelta
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Status
from psycopg.conninfo import make_conninfo
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database
from jobwise.models import utcnow
from jobwise.tasks import queue
from jobwise.tasks.recovery import recover_expired
from jobwise.tasks.registry import TaskRegistry
from jobwise.tasks.runner import TaskRunner
from jobwise.tasks.worker import worker_name

logger = logging.getLogger("jobwise.tasks")

TASK_NAME = "jobwise.run_task"
KEEPALIVE_NAME = "jobwise.keepalive"
QUEUE = "jobwise"
# A worker that ended on its own is started again after 1, 2, 4... up to 30 seconds.
RESTART_DELAY_MIN = 1.0
RESTART_DELAY_MAX = 30.0
# Failed and aborted deliveries (dead workers, shutdowns) are kept a week for inspection.
KEEP_ENDED_JOBS_HOURS = 24 * 7
CLEANUP_INTERVAL_SECONDS = 3600.0
# How long after its commit a queued task is expected to have been delivered.
DELIVERY_GRACE = timedelta(seconds=2)

# Queued tasks with no delivery waiting. A job being run does not count: its worker may have
# died, or released the task on stopping; a spare delivery is harmless (see claim_by_id). Tasks
# queued in the last seconds are left to the delivery that follows their commit.
_UNDELIVERED = text(
    """
    SELECT t.id FROM tasks t
     WHERE t.status = 'queued' AND t.kind = ANY(:kinds) AND t.updated_at < :settled
       AND NOT EXISTS (
           SELECT 1 FROM procrastinate_jobs j WHERE j.queueing_lock = t.id AND j.status = 'todo'
       )
     ORDER BY t.created_at, t.id
     LIMIT 500
    """
)


# Query parameters of an asyncpg URL that only tune asyncpg's own client: not needed by libpq.
_ASYNCPG_ONLY = frozenset(
    {
        "prepared_statement_cache_size",
        "statement_cache_size",
        "max_cached_statement_lifetime",
        "max_cacheable_statement_size",
        "command_timeout",
    }
)
_LIBPQ_KEYS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslcrl",
        "connect_timeout",
        "application_name",
        "options",
        "target_session_attrs",
        "passfile",
        "gssencmode",
        "channel_binding",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
    }
)
# asyncpg's `ssl` takes libpq's sslmode names, plus true/false.
_SSL_MODES = {"true": "require", "false": "disable"}


def libpq_conninfo(database_url: str) -> str:
    """psycopg's connection string for the app's SQLAlchemy URL: same server, user and database.

    Built from the URL's parts (so spaces and quotes in a password survive), with asyncpg's
    `ssl` as libpq's `sslmode`; a parameter libpq would not understand is refused by name.
    """
    url = make_url(database_url)
    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
    }
    for key, value in url.query.items():
        text_value = value[-1] if isinstance(value, tuple) else value
        if key in _ASYNCPG_ONLY:
            continue
        if key == "ssl":
            params["sslmode"] = _SSL_MODES.get(text_value.lower(), text_value)
        elif key in _LIBPQ_KEYS:
            params[key] = text_value
        else:
            raise ConfigurationError(
                f"DATABASE_URL has the parameter {key!r}, which procrastinate's connection "
                "(libpq) does not know: remove it, or use TASK_BACKEND=embedded."
            )
    return make_conninfo(**{key: value for key, value in params.items() if value is not None})


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
            conninfo=libpq_conninfo(settings.database_url),
            # LISTEN, fetch and finish for the worker; defers from the API need one or two.
            min_size=1,
            max_size=concurrency + 3 if run_tasks else 2,
        )
        self.app = procrastinate.App(connector=connector)
        self._job = self.app.task(name=TASK_NAME, queue=QUEUE, retry=False)(self._run)
        # procrastinate's worker stops itself when one of its side tasks (heartbeat, LISTEN)
        # fails, but only watches them while a periodic task exists; with none (JobWise has no
        # periodic work) a failed heartbeat or listener would go unnoticed. A yearly no-op keeps
        # that watch on; the supervisor below then starts the worker again.
        self.app.periodic(cron="0 0 1 1 *", periodic_id="keepalive")(
            self.app.task(name=KEEPALIVE_NAME, queue=QUEUE)(_keepalive)
        )
        self._runner = TaskRunner(
            database=database,
            settings=settings,
            registry=registry,
            state=state,
            on_released=self.deliver,
        )
        self._sweep_interval = max(0.05, min(settings.TASK_LEASE_SECONDS / 2, 30.0))
        self._background: set[asyncio.Task[None]] = set()
        self._worker: asyncio.Task[None] | None = None
        self._maintenance: asyncio.Task[None] | None = None
        self._next_cleanup = 0.0

    async def start(self) -> None:
        await self.app.open_async()
        if not self._run_tasks:
            return
        self._worker = asyncio.create_task(self._supervise(), name="jobwise-procrastinate-worker")
        self._maintenance = asyncio.create_task(self._maintain(), name="jobwise-task-sweep")
        logger.info(
            "task worker %s started on procrastinate (concurrency %d)",
            self.owner,
            self._settings.TASK_WORKER_CONCURRENCY,
        )

    async def _supervise(self) -> None:
        """Run procrastinate's worker, and start it again whenever it ends on its own.

        It ends when PostgreSQL was unreachable for longer than the pool waits, or when a side
        task failed; tasks must go on running once the database is back.
        """
        settings = self._settings
        loop = asyncio.get_running_loop()
        delay = RESTART_DELAY_MIN
        while True:
            began = loop.time()
            try:
                await self.app.run_worker_async(
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
                )
                logger.warning("procrastinate worker stopped on its own; starting it again in %.0f s", delay)
            except Exception:
                logger.exception("procrastinate worker failed; starting it again in %.0f s", delay)
            if loop.time() - began > RESTART_DELAY_MAX:
                delay = RESTART_DELAY_MIN
            await asyncio.sleep(delay)
            delay = min(delay * 2, RESTART_DELAY_MAX)

    async def stop(self) -> None:
        try:
            await _cancel(self._maintenance)
            # procrastinate's graceful stop: running jobs get TASK_SHUTDOWN_GRACE_SECONDS, then
            # are cancelled, and the runner releases their tasks (and delivers them again).
            await _cancel(self._worker)
            if self._worker is not None:
                logger.info("task worker %s stopped", self.owner)
            if self._background:
                await asyncio.wait(self._background, timeout=5)
        finally:
            await self.app.close_async()

    def submitted(self, task_id: str) -> None:
        delivery = asyncio.get_running_loop().create_task(self._deliver_soon(task_id))
        self._background.add(delivery)
        delivery.add_done_callback(self._background.discard)

    def wake(self) -> None:
        """Nothing to do: procrastinate's LISTEN/NOTIFY already brings new tasks at once."""

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
        claiming = asyncio.ensure_future(
            queue.claim_by_id(
                self._database,
                task_id=task_id,
                owner=self.owner,
                lease_seconds=self._settings.TASK_LEASE_SECONDS,
                kinds=self._registry.kinds,
            )
        )
        try:
            claimed = await asyncio.shield(claiming)
        except asyncio.CancelledError:
            # Stopping in the middle of a claim: let it finish, and give the task straight back
            # rather than leave it leased by nobody until the lease runs out.
            claimed = await claiming
            if claimed is not None:
                await self._runner.release(claimed)
            raise
        if claimed is None:
            logger.info("task %s: not queued (running elsewhere or ended); delivery ignored", task_id)
            return
        await self._runner.execute(claimed)

    async def sweep(self) -> None:
        """Recover tasks whose worker stopped, close its jobs, deliver what waits undelivered.

        Each step on its own: one that fails (the database is away, another worker closed the
        same stalled job first) does not keep the others from running.
        """
        try:
            await recover_expired(self._database, self._registry)
        except Exception:
            logger.exception("task sweep: could not recover expired tasks")
        try:
            await self._close_stalled_jobs()
        except Exception:
            logger.exception("task sweep: could not look for stalled deliveries")
        try:
            await self._deliver_undelivered()
        except Exception:
            logger.exception("task sweep: could not deliver queued tasks")
        loop = asyncio.get_running_loop()
        if loop.time() >= self._next_cleanup:
            self._next_cleanup = loop.time() + CLEANUP_INTERVAL_SECONDS
            try:
                await self.app.job_manager.delete_old_jobs(
                    nb_hours=KEEP_ENDED_JOBS_HOURS, queue=QUEUE, include_failed=True, include_aborted=True
                )
            except Exception:
                logger.exception("task sweep: could not delete old deliveries")

    async def _close_stalled_jobs(self) -> None:
        stalled = await self.app.job_manager.get_stalled_jobs(
            queue=QUEUE, seconds_since_heartbeat=self._settings.TASK_LEASE_SECONDS
        )
        for job in stalled:
            assert job.id is not None
            # Its worker is gone; the task row (recovered above) decides what happens next.
            # Another worker's sweep may close the same job first: that is fine.
            try:
                await self.app.job_manager.finish_job_by_id_async(job.id, Status.FAILED, delete_job=False)
            except Exception:
                logger.debug("stalled delivery %s: already closed", job.id, exc_info=True)

    async def _deliver_undelivered(self) -> None:
        async with self._database.read_session() as session:
            undelivered = list(
                await session.scalars(
                    _UNDELIVERED,
                    {"kinds": sorted(self._registry.kinds), "settled": utcnow() - DELIVERY_GRACE},
                )
            )
        for task_id in undelivered:
            await self.deliver(task_id)
        if undelivered:
            logger.info("delivered %d queued task(s) that had no delivery waiting", len(undelivered))

    async def _maintain(self) -> None:
        while True:
            await self.sweep()
            await asyncio.sleep(self._sweep_interval)


async def _keepalive(timestamp: int) -> None:
    """The yearly no-op that keeps procrastinate watching its worker's side tasks."""


async def _cancel(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    except Exception:
        logger.exception("task backend: %s ended with an error", task.get_name())
