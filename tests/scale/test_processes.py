"""Two API processes on one PostgreSQL database: the rules that must be shared hold across them.

The JWT secret, login throttling, the one-enhancement-per-user rule (and budgets and the AI
cache) live in the database or the data directory, never in one process's memory.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import assert_error
from tests.enhancement.conftest import PROFILE
from tests.enhancement.test_processes import Api, Process, _env
from tests.fakes.llm_server import LLMServer
from tests.scale.conftest import NEEDS_POSTGRESQL

pytestmark = pytest.mark.slow

ACCOUNT = {"email": "crash@example.com", "password": "correct horse battery"}


def _two_apis(tmp_path: Path, database_url: str, llm: LLMServer, processes: list[Process]) -> list[Api]:
    # No task worker: a triggered run stays queued, so the test is about the trigger alone.
    env = _env(
        tmp_path / "data",
        database_url,
        llm,
        TASK_WORKER_ENABLED="false",
        LOGIN_MAX_FAILURES=4,
        LOGIN_DELAY_SECONDS=60,
    )
    started = [Process(tmp_path, env, "serve") for _ in range(2)]
    processes.extend(started)
    for process in started:
        process.wait_until_healthy()
    return [Api(process.url) for process in started]


def _concurrently(*calls: Any) -> list[httpx.Response]:
    barrier = threading.Barrier(len(calls))
    responses: list[httpx.Response] = []

    def run(call: Any) -> None:
        barrier.wait()
        responses.append(call())

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


@NEEDS_POSTGRESQL
def test_the_rules_hold_across_two_api_processes(
    tmp_path: Path, database_url: str, llm_server: LLMServer, processes: list[Process]
) -> None:
    one, two = _two_apis(tmp_path, database_url, llm_server, processes)

    # A token issued by one process is accepted by the other (one secret for all).
    one.sign_up()
    two.headers = dict(one.headers)
    me = httpx.get(f"{two.url}/auth/me", headers=two.headers, timeout=30)
    assert me.status_code == 200, me.text
    assert me.json()["email"] == ACCOUNT["email"]

    # Failed logins on both processes add up to the one limit (4 here; then a delay of 60 s).
    wrong = {**ACCOUNT, "password": "wrong password entirely"}
    for api in (one, two, one, two):
        assert_error(httpx.post(f"{api.url}/auth/login", json=wrong, timeout=30), 401)
    for api in (one, two):
        throttled = httpx.post(f"{api.url}/auth/login", json=ACCOUNT, timeout=30)
        assert_error(throttled, 429, "too_many_login_attempts")

    # Two triggers at the same moment, one on each process: one run, and one 409.
    assert one.call("POST", "/profiles", json=PROFILE).status_code == 201
    responses = _concurrently(
        lambda: one.call("POST", "/enhancement/trigger"), lambda: two.call("POST", "/enhancement/trigger")
    )
    assert sorted(r.status_code for r in responses) == [202, 409], [r.text for r in responses]
    conflict = next(r for r in responses if r.status_code == 409)
    assert_error(conflict, 409, "enhancement_in_progress")
    jobs = two.call("GET", "/enhancement/jobs").json()
    assert jobs["total"] == 1, jobs
    started = next(r for r in responses if r.status_code == 202).json()["job_id"]
    assert jobs["items"][0]["job_id"] == started


# On both databases: SQLite in WAL mode serves several processes on one machine too.
def test_serve_with_workers_runs_several_processes_on_one_port(
    tmp_path: Path, database_url: str, llm_server: LLMServer, processes: list[Process]
) -> None:
    env = _env(tmp_path / "data", database_url, llm_server, TASK_WORKER_ENABLED="false")
    server = Process(tmp_path, env, "serve", "--workers", "2")
    processes.append(server)
    server.wait_until_healthy()
    api = Api(server.url)
    api.sign_up()
    # Every request, whichever process answers it, accepts the token and sees the same data.
    assert api.call("POST", "/profiles", json=PROFILE).status_code == 201
    for _ in range(6):
        assert api.call("GET", "/profiles/me").status_code == 200
    output = server.output()
    assert output.count("Started server process") == 2, output
    assert server.terminate() == 0, output
