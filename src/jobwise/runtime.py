"""What a JobWise process runs on, assembled in one place for the API (main.py) and `jobwise worker`.

The runtime is the database, the prompts, the AI engine and the task backend with every kind of
task JobWise runs. Building it checks the configuration (a missing prompt or a model name stops
the start before anything is served). Running it migrates, loads the tables every request needs
and runs tasks; on leaving, it stops the tasks first, then closes the engine (which has usage and
cache rows to write), then the database.

Task kinds are registered here, where features and infrastructure meet: tasks/ knows no feature.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import SimpleNamespace
from typing import Any

from jobwise import __version__, migrate
from jobwise.ai.engine import Engine
from jobwise.ai.factory import close_engine, create_ai_engine
from jobwise.ai.prompts import PromptLibrary, load_configured_prompts
from jobwise.config import Settings
from jobwise.db import Database, add_commit_step, create_database
from jobwise.enhancement.pipeline import ENHANCE_PROFILE
from jobwise.profiles import read_model
from jobwise.storage import private_dir
from jobwise.tasks.backend import TaskBackend, create_task_backend
from jobwise.tasks.process import WithWorkerProcess, WorkerProcess, listen_for_wakes
from jobwise.tasks.registry import TaskRegistry
from jobwise.warmup import warm_up

logger = logging.getLogger("jobwise")


def task_registry() -> TaskRegistry:
    """Every kind of task JobWise runs; the API and `jobwise worker` run the same ones."""
    return TaskRegistry([ENHANCE_PROFILE])


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    database: Database
    prompts: PromptLibrary
    engine: Engine
    task_backend: TaskBackend

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Started inside, stopped on leaving: tasks first, then the engine, then the database."""
        try:
            await self._start()
        except BaseException:
            await self.close()
            raise
        try:
            yield
        finally:
            try:
                # Running tasks finish within the grace period or are released.
                await self.task_backend.stop()
            finally:
                await self.close()

    async def _start(self) -> None:
        if self.settings.MIGRATE_ON_START:
            await asyncio.to_thread(migrate.upgrade, self.settings)
        private_dir(self.settings.upload_dir)
        await asyncio.to_thread(warm_up)
        if self.settings.is_sqlite:
            await self.database.open_connections(self.settings.SQLITE_WARM_CONNECTIONS)
        logger.info("JobWise %s ready (database: %s)", __version__, self.database.engine.dialect.name)
        # Last, so a task finds everything it needs (the engine) already in place.
        await self.task_backend.start()

    async def close(self) -> None:
        """Close what `build_runtime` opened; for a runtime that was never started, too."""
        try:
            # Before the database: the engine's pending usage and cache rows get written.
            await close_engine(self.engine)
        finally:
            await self.database.dispose()


def build_runtime(
    settings: Settings, *, state: Any, run_tasks: bool, registry: TaskRegistry | None = None
) -> Runtime:
    """Build (not start) the runtime, and set its parts on `state` under the names requests and
    task functions read: `settings`, `database`, `prompts`, `engine`, `task_backend`.

    `state` is the app's state in the API process and a plain namespace in `jobwise worker`; task
    functions find it as `ctx.state`. `run_tasks` is false in an API process that only enqueues.
    """
    prompts = load_configured_prompts(settings)
    database = create_database(settings)
    # Every unit of work that changes a profile rewrites its stored view before it commits.
    add_commit_step(read_model.refresh)
    engine = create_ai_engine(settings, database=database, prompts=prompts)
    in_child = run_tasks and settings.TASK_WORKER_PROCESS
    task_backend: TaskBackend = create_task_backend(
        settings,
        database=database,
        registry=registry or task_registry(),
        state=state,
        run_tasks=run_tasks and not in_child,
    )
    if in_child:
        task_backend = WithWorkerProcess(task_backend, WorkerProcess(run_worker_process, settings))
    runtime = Runtime(
        settings=settings, database=database, prompts=prompts, engine=engine, task_backend=task_backend
    )
    state.settings = settings
    state.database = database
    state.prompts = prompts
    state.engine = engine
    state.task_backend = task_backend
    return runtime


async def run_worker(settings: Settings, *, wakes: Connection | None = None) -> None:
    """Run tasks until SIGTERM, SIGINT or (in a child process) the parent's end of `wakes` closes.

    `jobwise worker` runs this alone; an API process runs it in a child (tasks/process.py).
    """
    # This process is the worker: it does not start another.
    settings = settings.model_copy(update={"TASK_WORKER_PROCESS": False})
    runtime = build_runtime(settings, state=SimpleNamespace(), run_tasks=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # A child leaves Ctrl-C (which a terminal sends to the whole process group) to its parent,
    # which stops it after its own requests have finished.
    signals = (signal.SIGTERM,) if wakes is not None else (signal.SIGTERM, signal.SIGINT)
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    async with runtime.running():
        if wakes is not None:
            listen_for_wakes(wakes, runtime.task_backend.wake, stop.set)
        await stop.wait()


def run_worker_process(settings: Settings, wakes: Connection) -> None:
    """The main of an API process's worker child."""
    from jobwise.logging_setup import configure_logging

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # see run_worker
    configure_logging(settings.LOG_LEVEL)
    settings = settings.model_copy(update={"MIGRATE_ON_START": False})
    asyncio.run(run_worker(settings, wakes=wakes))
