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
import socket
from typing import Any

from jobwise.config import Settings
from jobwise.db import Database
from jobwise.tasks import queue
from jobwise.tasks.queue import ClaimedTask
from jobwise.tasks.recovery import recover_expired
from jobwise.tasks.registry import TaskRegistry
from jobwise.tasks.runner import TaskRunner

logger = logging.getLogger("jobwise.tasks")


def worker_name() -> str:
    """Unique per worker, and readable in the task table: host, process, random suffix."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


class Worker:
    def __init__(
        self,
        *,
        database: Database,
        settings: Settings,
        registry: TaskRegistry,
        state: Any,
    ) -> None:
        self.database = database
        self.settings = settings
        self.registry = registry
        self.state = state
        self.owner = worker_name()
        self._runner = TaskRunner(database=database, settings=settings, registry=registry, state=state)
        self._concurrency = settings.TASK_WORKER_CONCURRENCY
        self._lease = settings.TASK_LEASE_SECONDS
        self._poll = settings.TASK_POLL_SECONDS
        # Expired leases are looked for at start, then a few times per lease period.
        self._recovery_interval = max(0.05, min(self._lease / 2, 30.0))
        self._wake = asyncio.Event()
        self._running: dict[asyncio.Task[None], ClaimedTask] = {}
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
            # Apart, so a recovery that keeps failing does not stop the claiming, nor the reverse.
            if loop.time() >= next_recovery:
                next_recovery = loop.time() + self._recovery_interval
                try:
                    await recover_expired(self.database, self.registry)
                except Exception:
                    # The database may be briefly unreachable; the worker outlives that.
                    logger.exception("task worker: could not recover expired tasks; trying again")
            try:
                await self._fill()
            except Exception:
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
            runner = asyncio.create_task(
                self._runner.execute(claimed), name=f"task-{claimed.kind}-{claimed.id}"
            )
            self._running[runner] = claimed
            runner.add_done_callback(self._finished)

    def _finished(self, runner: asyncio.Task[None]) -> None:
        self._running.pop(runner, None)
        self._wake.set()  # a slot is free
