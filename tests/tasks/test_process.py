"""The task worker's child process: woken through its pipe, restarted when it dies, stopped on
SIGTERM. The mains here stand in for JobWise's (which builds a runtime, tested with real
servers in tests/enhancement/test_processes.py); they write what they saw to the data directory.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from jobwise.config import Settings
from jobwise.main import create_app
from jobwise.tasks.process import WorkerProcess, listen_for_wakes
from tests.conftest import client_from, make_settings

pytestmark = pytest.mark.slow


def _record_wakes(settings: Settings, wakes: Connection) -> None:
    """A child that appends a line per wake to wakes.log, and exits when the pipe closes."""
    log = Path(settings.JOBWISE_DATA_DIR) / "wakes.log"
    (Path(settings.JOBWISE_DATA_DIR) / f"started-{os.getpid()}").touch()

    async def run() -> None:
        closed = asyncio.Event()

        def wake() -> None:
            with log.open("a") as out:
                out.write("wake\n")

        listen_for_wakes(wakes, wake, closed.set)
        await closed.wait()

    asyncio.run(run())


def _started(data_dir: Path) -> list[int]:
    return sorted(int(path.name.removeprefix("started-")) for path in data_dir.glob("started-*"))


async def _until(check: Callable[[], object], within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.05)  # polling another process


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path, TASK_SHUTDOWN_GRACE_SECONDS=0)


async def test_a_wake_reaches_the_child_at_once(settings: Settings, tmp_path: Path) -> None:
    process = WorkerProcess(_record_wakes, settings)
    await process.start()
    try:
        await _until(lambda: _started(tmp_path))
        process.wake()
        await _until(lambda: (tmp_path / "wakes.log").exists())
    finally:
        await process.stop()


async def test_a_child_that_dies_is_started_again(settings: Settings, tmp_path: Path) -> None:
    process = WorkerProcess(_record_wakes, settings)
    await process.start()
    try:
        await _until(lambda: len(_started(tmp_path)) == 1)
        (first,) = _started(tmp_path)
        os.kill(first, signal.SIGKILL)
        await _until(lambda: len(_started(tmp_path)) == 2)
        assert process.pid is not None and process.pid != first
        process.wake()  # the new child has the new pipe
        await _until(lambda: (tmp_path / "wakes.log").exists())
    finally:
        await process.stop()


async def test_stop_ends_the_child_and_a_wake_after_it_is_harmless(
    settings: Settings, tmp_path: Path
) -> None:
    process = WorkerProcess(_record_wakes, settings)
    await process.start()
    await _until(lambda: _started(tmp_path))
    (pid,) = _started(tmp_path)
    await process.stop()
    assert not _alive(pid)
    process.wake()


class _SlowToSpawn(WorkerProcess):
    """Starting a child takes a while (a loaded machine): long enough to stop in the middle."""

    def __init__(self, main: Callable[[Settings, Connection], None], settings: Settings) -> None:
        super().__init__(main, settings)
        self.spawning = threading.Event()
        self.children: list[int] = []

    def _spawn(self) -> None:
        self.spawning.set()
        time.sleep(0.5)
        super()._spawn()
        assert self.pid is not None
        self.children.append(self.pid)


async def test_stop_during_a_restart_ends_the_child_being_started(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jobwise.tasks.process.RESTART_DELAY_SECONDS", 0)
    process = _SlowToSpawn(_record_wakes, settings)
    await process.start()
    await _until(lambda: len(_started(tmp_path)) == 1)
    (first,) = _started(tmp_path)
    process.spawning.clear()
    os.kill(first, signal.SIGKILL)
    await _until(process.spawning.is_set)  # the supervisor is starting another
    await process.stop()
    # The child started during the stop is stopped with it, not left running (and holding tasks).
    await _until(lambda: len(process.children) == 2)
    assert not [pid for pid in process.children if _alive(pid)]


def _exit_at_once(settings: Settings, wakes: Connection) -> None:
    """A child that cannot start (killed by the OOM killer, or a configuration only it reads)."""
    raise SystemExit(3)


async def test_health_says_when_the_worker_child_keeps_dying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jobwise.tasks.process.RESTART_DELAY_SECONDS", 0.05)
    monkeypatch.setattr("jobwise.runtime.run_worker_process", _exit_at_once)
    app = create_app(make_settings(tmp_path, TASK_WORKER_ENABLED=True, TASK_WORKER_PROCESS=True))
    async with app.router.lifespan_context(app), client_from(app) as client:
        await _until(lambda: app.state.task_backend.process.restarts >= 2)
        tasks = (await client.get("/health")).json()["tasks"]
    # Still "healthy" (requests are served), but an operator sees the worker is not staying up.
    assert tasks["worker"] == "child process"
    assert tasks["worker_process"]["restarts"] >= 2
    assert isinstance(tasks["worker_process"]["running"], bool)


class _FailsToRestartOnce(WorkerProcess):
    """The first restart cannot start a child (no memory to fork, a file descriptor limit)."""

    def __init__(self, main: Callable[[Settings, Connection], None], settings: Settings) -> None:
        super().__init__(main, settings)
        self.spawns = 0

    def _spawn(self) -> None:
        self.spawns += 1
        if self.spawns == 2:
            raise OSError(12, "Cannot allocate memory")
        super()._spawn()


async def test_a_restart_that_fails_is_tried_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jobwise.tasks.process.RESTART_DELAY_SECONDS", 0.05)
    process = _FailsToRestartOnce(_record_wakes, settings)
    await process.start()
    try:
        await _until(lambda: len(_started(tmp_path)) == 1)
        os.kill(_started(tmp_path)[0], signal.SIGKILL)
        await _until(lambda: len(_started(tmp_path)) == 2)
    finally:
        await process.stop()


def _open_descriptors() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


async def test_a_start_that_fails_leaves_no_descriptor_open(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_process: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("multiprocessing.context.SpawnProcess.start", fail)
    before = _open_descriptors()
    for _ in range(3):  # the supervisor tries again every RESTART_DELAY_SECONDS
        with pytest.raises(OSError):
            await WorkerProcess(_record_wakes, settings).start()
    assert _open_descriptors() == before
