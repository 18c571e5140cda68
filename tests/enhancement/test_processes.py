"""Real processes: `jobwise serve` killed mid-run, stopped with SIGTERM, and `jobwise worker` alone.

The test LLM server runs in this process (a thread) and answers slowly, so a run is reliably
caught in the middle; the servers under test are subprocesses with short leases.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import BACKEND, TEST_SECRET
from tests.enhancement.conftest import PROFILE, polishing_model
from tests.fakes.llm_server import LLMServer
from tests.processes import free_port, jobwise_command, scrubbed_environ

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 60


def _poll(check: Any, what: str, within: float = 30, process: Process | None = None) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = check()
        if value:
            return value
        if process is not None and process.popen.poll() is not None:
            pytest.fail(f"{what}: the process exited with {process.popen.returncode}:\n{process.output()}")
        if time.monotonic() > deadline:
            detail = f"\n{process.output()}" if process is not None else ""
            pytest.fail(f"{what}: not within {within}s (last: {value!r}){detail}")
        time.sleep(0.05)  # polling another process, not waiting a fixed time


class Process:
    def __init__(self, workdir: Path, env: dict[str, str], *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"{args[0]}-{self.port}.log"
        command = [*jobwise_command(), *args]
        if args[0] == "serve":
            command += ["--port", str(self.port)]
        with self.log.open("wb") as log:
            # A session of its own: kill() ends the server and the worker child it starts, as a
            # crash of its machine or container would.
            self.popen = subprocess.Popen(
                command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_healthy(self) -> None:
        def healthy() -> bool:
            try:
                return httpx.get(f"{self.url}/health", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        _poll(healthy, "jobwise serve healthy", STARTUP_SECONDS, self)

    def kill(self) -> None:
        """The process and every process it started, at once."""
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def kill_alone(self) -> None:
        """This process only: a worker child it started lives on."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def group_alive(self) -> bool:
        """Whether any process this one started (its worker child) is still running."""
        try:
            os.killpg(self.popen.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def terminate(self, within: float = 30) -> int:
        self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=within)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            pytest.fail(f"the process ignored SIGTERM:\n{self.output()}")


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for process in started:
        if process.group_alive():
            os.killpg(process.popen.pid, signal.SIGKILL)
        if process.popen.poll() is None:
            process.popen.wait()


@pytest.fixture
def slow_llm(llm_server: LLMServer) -> LLMServer:
    llm_server.handler = polishing_model
    # The run's texts go in one call (ENHANCEMENT_CONCURRENCY is 1): it must still be in flight
    # well past TASK_SHUTDOWN_GRACE_SECONDS when a test stops or kills the server mid-run.
    llm_server.latency = 1.5
    return llm_server


def _env(data_dir: Path, database_url: str, llm: LLMServer, **overrides: Any) -> dict[str, str]:
    env = scrubbed_environ()
    values: dict[str, Any] = {
        "JOBWISE_DATA_DIR": data_dir,
        "JWT_SECRET_KEY": TEST_SECRET,
        "LOG_LEVEL": "INFO",
        # Short enough for a quick recovery (a restart takes longer anyway), long enough that a
        # loaded machine never lets a live lease expire.
        "TASK_LEASE_SECONDS": 4,
        "TASK_HEARTBEAT_SECONDS": 0.5,
        "TASK_POLL_SECONDS": 0.1,
        "TASK_SHUTDOWN_GRACE_SECONDS": 0.2,
        "ENHANCEMENT_CONCURRENCY": 1,
        **llm.settings_for("openai", LLM_CACHE=False),
        **overrides,
    }
    if database_url:
        values["DATABASE_URL"] = database_url
    env.update({name: str(value) for name, value in values.items()})
    return env


class Api:
    """A user of the server under test (plain HTTP, as a client would)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.headers: dict[str, str] = {}

    def sign_up(self) -> None:
        account = {"email": "crash@example.com", "password": "correct horse battery"}
        registered = httpx.post(f"{self.url}/auth/register", json={**account, "full_name": "C"}, timeout=30)
        assert registered.status_code == 201, registered.text
        token = httpx.post(f"{self.url}/auth/login", json=account, timeout=30).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.request(method, f"{self.url}/api/v1{path}", headers=self.headers, timeout=30, **kwargs)

    def job(self, job_id: str) -> dict[str, Any]:
        response = self.call("GET", f"/enhancement/jobs/{job_id}")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def start_run(self) -> str:
        assert self.call("POST", "/profiles", json=PROFILE).status_code == 201
        response = self.call("POST", "/enhancement/trigger")
        assert response.status_code == 202, response.text
        job_id: str = response.json()["job_id"]
        return job_id


def _in_the_middle(api: Api, job_id: str, llm: LLMServer) -> Any:
    def check() -> bool:
        job = api.job(job_id)
        # Its texts are with the model (one call: ENHANCEMENT_CONCURRENCY is 1).
        return job["status"] == "processing" and len(llm.chat_requests) >= 1

    return check


def _half_done_run(
    tmp_path: Path, env: dict[str, str], llm: LLMServer, processes: list[Process]
) -> tuple[Process, Api, str]:
    """A server process, a user, and their enhancement run caught half done."""
    first = Process(tmp_path, env, "serve")
    processes.append(first)
    first.wait_until_healthy()
    api = Api(first.url)
    api.sign_up()
    job_id = api.start_run()
    _poll(_in_the_middle(api, job_id, llm), "the run is half done", process=first)
    return first, api, job_id


def _finished_by_a_new_server(
    tmp_path: Path, env: dict[str, str], api: Api, job_id: str, processes: list[Process]
) -> tuple[Process, Any]:
    """A new server on the same data, and the run it completes."""
    second = Process(tmp_path, env, "serve")
    processes.append(second)
    second.wait_until_healthy()
    api.url = second.url
    job = _poll(lambda: (j := api.job(job_id))["status"] in {"completed", "failed"} and j, "the run ends", 60)
    assert job["status"] == "completed", job
    return second, job


def test_a_run_killed_mid_task_completes_after_a_restart(
    tmp_path: Path, database_url: str, slow_llm: LLMServer, processes: list[Process]
) -> None:
    env = _env(tmp_path / "data", database_url, slow_llm)
    first, api, job_id = _half_done_run(tmp_path, env, slow_llm, processes)
    first.kill()

    second, job = _finished_by_a_new_server(tmp_path, env, api, job_id, processes)
    assert job["result"]["attempt"] == 2
    profile = api.call("GET", "/profiles/me").json()
    assert profile["enhancement_version"] == 1
    assert profile["enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    assert profile["experiences"][1]["enhanced_bullets"] == ["Helped with the migration to PostgreSQL."]
    events = api.call("GET", f"/enhancement/jobs/{job_id}/events").text
    assert "Interrupted" in events and "event: completed" in events
    assert second.terminate() == 0, second.output()


def test_the_worker_child_of_a_killed_server_releases_its_task_and_exits(
    tmp_path: Path, database_url: str, slow_llm: LLMServer, processes: list[Process]
) -> None:
    env = _env(tmp_path / "data", database_url, slow_llm)
    first, api, job_id = _half_done_run(tmp_path, env, slow_llm, processes)
    assert first.group_alive()
    first.kill_alone()
    # Its end of the pipe closed: the child stops as on SIGTERM, and is not left running.
    _poll(lambda: not first.group_alive(), "the worker child exits", 30)
    assert re.search(r"task \S+ released", first.output()), first.output()

    second, job = _finished_by_a_new_server(tmp_path, env, api, job_id, processes)
    # Released, not expired: the interrupted attempt was given back.
    assert job["result"]["attempt"] == 1
    assert second.terminate() == 0, second.output()
    _poll(lambda: not second.group_alive(), "the worker child stops with its server", 30)


def test_sigterm_releases_the_running_task_and_a_separate_worker_finishes_it(
    tmp_path: Path, database_url: str, slow_llm: LLMServer, processes: list[Process]
) -> None:
    env = _env(tmp_path / "data", database_url, slow_llm)
    first, api, job_id = _half_done_run(tmp_path, env, slow_llm, processes)
    assert first.terminate() == 0, first.output()
    assert re.search(r"task \S+ released", first.output()), first.output()

    # Back in the queue with its attempt given back. An API without a worker leaves it there;
    # `jobwise worker`, a process of its own, takes it and finishes it.
    slow_llm.latency = 0
    api_only = Process(tmp_path, {**env, "TASK_WORKER_ENABLED": "false"}, "serve")
    processes.append(api_only)
    api_only.wait_until_healthy()
    api.url = api_only.url
    assert api.job(job_id)["status"] == "queued"
    worker = Process(tmp_path, env, "worker")
    processes.append(worker)
    job = _poll(lambda: (j := api.job(job_id))["status"] in {"completed", "failed"} and j, "the run ends", 60)
    assert job["status"] == "completed", job
    assert job["result"]["attempt"] == 1
    assert worker.terminate() == 0, worker.output()
    assert api_only.terminate() == 0, api_only.output()


@pytest.mark.skipif(BACKEND != "postgresql", reason="procrastinate needs PostgreSQL")
def test_with_procrastinate_the_worker_child_runs_a_run_committed_by_its_server(
    tmp_path: Path, database_url: str, slow_llm: LLMServer, processes: list[Process]
) -> None:
    env = _env(tmp_path / "data", database_url, slow_llm, TASK_BACKEND="procrastinate")
    server = Process(tmp_path, env, "serve")
    processes.append(server)
    server.wait_until_healthy()
    api = Api(server.url)
    api.sign_up()
    job_id = api.start_run()
    job = _poll(lambda: (j := api.job(job_id))["status"] in {"completed", "failed"} and j, "the run ends", 60)
    assert job["status"] == "completed", job
    assert server.terminate() == 0, server.output()
    _poll(lambda: not server.group_alive(), "the worker child stops with its server", 30)
