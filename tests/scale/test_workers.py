"""Separate `jobwise worker` processes on PostgreSQL: kill -9 the one running a task.

The API only enqueues (TASK_WORKER_ENABLED=false). With the embedded backend two workers claim
from the task table with FOR UPDATE SKIP LOCKED; with procrastinate, its queue delivers the task
to one of them. The one that took the run is killed mid-run; the other takes it up when the
lease expires and finishes it exactly once.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.enhancement.test_processes import Api, Process, _env, _in_the_middle, _poll
from tests.fakes.llm_server import LLMServer
from tests.scale.conftest import NEEDS_POSTGRESQL

pytestmark = [pytest.mark.slow, NEEDS_POSTGRESQL]


def _procrastinate_jobs(database_url: str) -> list[str]:
    async def query() -> list[str]:
        connection = await asyncpg.connect(
            make_url(database_url).set(drivername="postgresql").render_as_string(False)
        )
        try:
            rows = await connection.fetch("SELECT status::text FROM procrastinate_jobs ORDER BY id")
            return [row[0] for row in rows]
        finally:
            await connection.close()

    return asyncio.run(query())


def _holder(workers: list[Process], job_started: str) -> Process | None:
    return next((w for w in workers if re.search(job_started, w.output())), None)


@pytest.mark.parametrize("backend", ["embedded", "procrastinate"])
def test_a_killed_workers_run_is_finished_once_by_the_other_worker(
    tmp_path: Path, database_url: str, slow_llm: LLMServer, processes: list[Process], backend: str
) -> None:
    env = _env(tmp_path / "data", database_url, slow_llm, TASK_BACKEND=backend)
    api_process = Process(tmp_path, {**env, "TASK_WORKER_ENABLED": "false"}, "serve")
    processes.append(api_process)
    api_process.wait_until_healthy()
    api = Api(api_process.url)
    api.sign_up()
    workers = [Process(tmp_path, {**env, "MIGRATE_ON_START": "false"}, "worker") for _ in range(2)]
    processes.extend(workers)

    job_id = api.start_run()
    _poll(_in_the_middle(api, job_id, slow_llm), "the run is half done", process=api_process)
    started = r"task \S+ \(enhance_profile\) attempt 1 started"
    holder = _poll(lambda: _holder(workers, started), "a worker logs the start")
    holder.kill()
    survivor = next(w for w in workers if w is not holder)

    job = _poll(lambda: (j := api.job(job_id))["status"] in {"completed", "failed"} and j, "the run ends", 60)
    assert job["status"] == "completed", (job, survivor.output())
    assert job["result"]["attempt"] == 2
    assert re.search(r"attempt 2 started", survivor.output()), survivor.output()
    assert ("started on procrastinate" in survivor.output()) == (backend == "procrastinate")
    assert "Traceback" not in survivor.output(), survivor.output()
    if backend == "procrastinate":
        # The killed worker's delivery is closed, not left "doing" forever.
        _poll(lambda: _procrastinate_jobs(database_url) == ["failed"], "the dead delivery is closed", 20)
    # Written once: one new version, with the polished text, and a truthful event log.
    profile = api.call("GET", "/profiles/me").json()
    assert profile["enhancement_version"] == 1
    assert profile["enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    events = api.call("GET", f"/enhancement/jobs/{job_id}/events").text
    assert "Interrupted" in events and events.count("event: completed") == 1
    assert api.call("GET", "/enhancement/jobs").json()["total"] == 1
    assert survivor.terminate() == 0, survivor.output()
    assert api_process.terminate() == 0, api_process.output()
