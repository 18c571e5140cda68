"""The task worker in a child process of the API process (TASK_WORKER_PROCESS, the default).

A task's own work between its LLM calls (reading answers, the truth check, the ORM) runs on an
event loop and holds the interpreter lock. In the API process that is the loop that answers
requests: while 20 enhancements ran there, /health's p99 was 4-9x its idle p99 on a 2-core
machine (docs/performance.md). In a process of its own, with its own loop and lock, task work
delays no request.

The API process wakes the child through a pipe when it commits a task (so a task starts at once,
not at the next poll), and supervises it: a child that exits is started again. The child stops
when the pipe closes, so an API process that dies, even by SIGKILL, takes its worker with it.
Either way the task table stays the record: a task a dead child was running is taken up again
when its lease expires (tasks/recovery.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from jobwise.config import Settings
from jobwise.tasks.backend import TaskBackend

logger = logging.getLogger("jobwise.tasks")

# The child's main: runs tasks until SIGTERM or until its end of the pipe closes.
WorkerMain = Callable[[Settings, Connection], None]

# A child that dies at once (a bad configuration) is not restarted in a tight loop.
RESTART_DELAY_SECONDS = 1.0
# Beyond the tasks' own grace period, for the child's engine and database to close.
STOP_MARGIN_SECONDS = 10.0


class WorkerProcess:
    def __init__(self, main: WorkerMain, settings: Settings) -> None:
        self._main = main
        self._settings = settings
        self._process: BaseProcess | None = None
        self._wakes: Connection | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._starting: asyncio.Future[None] | None = None
        self._stopping = False
        # Children started again after one exited: /health shows a worker that does not stay up.
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        """Whether a child is alive now (false while one is being started again)."""
        return self._process is not None and self._process.is_alive()

    async def start(self) -> None:
        await self._start_child()
        self._supervisor = asyncio.create_task(self._supervise(), name="jobwise-worker-process")

    def wake(self) -> None:
        """Ask the child to look for work now; never blocks, never raises."""
        if self._wakes is None:
            return
        # A full pipe already holds wakes the child has not read; a closed one is a child being
        # restarted, which looks for work when it starts.
        with contextlib.suppress(OSError, ValueError):
            os.write(self._wakes.fileno(), b"w")

    async def stop(self) -> None:
        """SIGTERM: the child lets running tasks finish within the grace period, then exits."""
        self._stopping = True
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        if self._starting is not None:
            # A child the supervisor was starting when cancelled: it is stopped below, not left.
            with contextlib.suppress(Exception):
                await self._starting
        process = self._process
        if process is not None and process.exitcode is None:
            process.terminate()
            timeout = self._settings.TASK_SHUTDOWN_GRACE_SECONDS + STOP_MARGIN_SECONDS
            try:
                await asyncio.wait_for(_exited(process), timeout)
            except TimeoutError:
                logger.error("task worker process %s did not stop in %.0f s; killed", process.pid, timeout)
                process.kill()
                await _exited(process)
        if process is not None:
            process.close()
            self._process = None
        self._close_pipe()

    async def _start_child(self) -> None:
        # In a thread (starting a child blocks), shielded: cancelling the supervisor does not
        # stop the thread, so stop() waits for it and then stops the child it started.
        self._starting = asyncio.ensure_future(asyncio.to_thread(self._spawn))
        await asyncio.shield(self._starting)

    def _spawn(self) -> None:
        # "spawn", not "fork": a fork of a process with an event loop, threads and open
        # connections is not safe; the child imports JobWise afresh.
        context = multiprocessing.get_context("spawn")
        reader, writer = context.Pipe(duplex=False)
        try:
            process = context.Process(
                target=self._main, args=(self._settings, reader), name="jobwise-task-worker", daemon=False
            )
            process.start()
        except BaseException:
            writer.close()  # a start that failed (and is tried again) leaves no descriptor open
            raise
        finally:
            reader.close()  # the child's copy is the only reader: its EOF means this process is gone
        os.set_blocking(writer.fileno(), False)
        self._process, self._wakes = process, writer
        logger.info("task worker process %s started", process.pid)

    async def _supervise(self) -> None:
        while not self._stopping:
            process = self._process
            if process is not None:
                await _exited(process)
                logger.error(
                    "task worker process %s exited (code %s); starting another",
                    process.pid,
                    process.exitcode,
                )
                process.close()
                self._process = None
                self._close_pipe()
            await asyncio.sleep(RESTART_DELAY_SECONDS)
            try:
                await self._start_child()
            except Exception:
                # No memory to fork, no file descriptor left: the supervisor outlives that.
                logger.exception("task worker process: could not start one; trying again")
                continue
            self.restarts += 1

    def _close_pipe(self) -> None:
        if self._wakes is not None:
            self._wakes.close()
            self._wakes = None


class WithWorkerProcess:
    """A task backend whose tasks run in a child process; this process only enqueues them."""

    def __init__(self, backend: TaskBackend, process: WorkerProcess) -> None:
        self.name = backend.name
        self.backend = backend
        self.process = process

    async def start(self) -> None:
        await self.backend.start()
        await self.process.start()

    async def stop(self) -> None:
        try:
            await self.process.stop()
        finally:
            await self.backend.stop()

    def submitted(self, task_id: str) -> None:
        self.backend.submitted(task_id)
        self.process.wake()

    def wake(self) -> None:
        self.process.wake()


async def _exited(process: BaseProcess) -> None:
    """Wait, without a thread, for the process's sentinel to become readable (it has ended)."""
    if process.exitcode is not None:
        return
    loop = asyncio.get_running_loop()
    ended: asyncio.Future[None] = loop.create_future()

    def readable() -> None:
        if not ended.done():
            ended.set_result(None)

    loop.add_reader(process.sentinel, readable)
    try:
        await ended
    finally:
        loop.remove_reader(process.sentinel)
    process.join()


def listen_for_wakes(wakes: Connection, wake: Callable[[], None], closed: Callable[[], None]) -> None:
    """In the child: call `wake` for every wake the parent sends, `closed` when the pipe closes."""
    loop = asyncio.get_running_loop()
    fd = wakes.fileno()
    os.set_blocking(fd, False)

    def readable() -> None:
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            wake()
        else:
            loop.remove_reader(fd)
            closed()

    loop.add_reader(fd, readable)
