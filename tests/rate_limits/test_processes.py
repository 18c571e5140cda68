"""`jobwise serve --workers 2`: processes that share only the database share each user's limit."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.enhancement.test_processes import Api, Process, _env
from tests.fakes.llm_server import LLMServer

pytestmark = pytest.mark.slow


def test_fifty_parallel_parses_across_two_processes_let_exactly_ten_through(
    tmp_path: Path, database_url: str, llm_server: LLMServer, processes: list[Process]
) -> None:
    env = _env(
        tmp_path / "data",
        database_url,
        llm_server,
        AI_ENGINE="offline",
        TASK_WORKER_ENABLED="false",
        RATE_LIMIT_JOB_PARSES=10,
        # A day: the test cannot straddle two windows.
        RATE_LIMIT_WINDOW_SECONDS=24 * 3600,
    )
    server = Process(tmp_path, env, "serve", "--workers", "2")
    processes.append(server)
    server.wait_until_healthy()
    api = Api(server.url)
    api.sign_up()

    def parse(_: int) -> httpx.Response:
        return api.call("POST", "/jobs/parse", json={"raw_text": "Backend Engineer at Acme\nBuild APIs."})

    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(parse, range(50)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] * 10 + [429] * 40, (statuses, server.output()[-2000:])
    assert all(int(r.headers["Retry-After"]) > 0 for r in responses if r.status_code == 429)
    assert api.call("GET", "/jobs").json()["total"] == 10
    assert server.output().count("Started server process") == 2
