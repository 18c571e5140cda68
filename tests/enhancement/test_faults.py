"""A run whose model calls fail at once: the run ends `failed`, and nobody else's writes wait.

When one rewrite fails, the run's other calls are cancelled, and so is the step it was writing,
at whatever point of its transaction it had reached. That transaction must end there: before
the fix, some runs (one in five in the report, one in thirty here) left SQLite's write lock
held by a half-closed connection, the run stayed `processing`, and every other write waited
30 s and answered 500. tests/test_db.py pins the cause down at the connection.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from jobwise.config import Settings
from jobwise.models import Task
from tests.conftest import UserClientFactory, make_settings
from tests.contention import UNTHROTTLED, Bystander, assert_fine
from tests.enhancement.conftest import FAST, create_profile, read_profile, trigger, wait_for_run
from tests.fakes.llm_server import Fail, Handler, LLMServer, Raw

# With the failure's timing swept (below), twenty runs of each of the two faults caught the race
# in each of three tries before the fix.
RUNS = 20
FAULTS: dict[str, Handler] = {
    "an instant HTTP 400": lambda request: Fail.bad_request("Invalid request: the model refused"),
    "a 200 whose body is not JSON": lambda request: Raw("<html><body>upstream error</body></html>"),
}
BYSTANDER = "bystander@example.com"


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **FAST,
        **UNTHROTTLED,
        RATE_LIMIT_ENHANCEMENTS=0,
        **llm_server.settings_for("openai", LLM_CACHE=False, LLM_MAX_RETRIES=0),
    )


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_run_whose_model_calls_fail_at_once_ends_failed_and_writes_go_on(
    fault: str,
    app: FastAPI,
    user_a: httpx.AsyncClient,
    make_user_client: UserClientFactory,
    llm_server: LLMServer,
) -> None:
    llm_server.handler = FAULTS[fault]
    profile = await create_profile(user_a)
    bystander = await Bystander(await make_user_client(BYSTANDER), BYSTANDER).setup()
    for run in range(1, RUNS + 1):
        # At once, or up to 19 ms later: the failure lands at every point of the step the run
        # is writing meanwhile.
        llm_server.latency = (run % 20) * 0.001
        job_id = await trigger(user_a)
        # Made while the run fails (its calls fail within milliseconds); a lock left held by the
        # run before shows here as a 500 after 30 s.
        assert_fine(await bystander.round(), f"run {run} ({fault})")
        try:
            job = await wait_for_run(user_a, job_id, within=10)
        except AssertionError as exc:
            raise AssertionError(f"run {run} ({fault}): {exc}") from None
        assert job["status"] == "failed", f"run {run}: {job}"
        assert "Nothing in the profile was changed" in job["error"], job
    assert_fine(await bystander.round(), f"after {RUNS} failed runs")
    # The person's own writes go on too, and the failures changed nothing.
    response = await user_a.patch("/api/v1/profiles/me", json={"professional_summary": "Edited after."})
    assert response.status_code == 200, response.text
    after = await read_profile(user_a)
    assert after["enhanced_summary"] is None
    assert after["experiences"][0]["enhanced_bullets"] == profile["experiences"][0]["enhanced_bullets"]
    async with app.state.database.read_session() as session:
        statuses = list(await session.scalars(select(Task.status)))
    assert statuses == ["failed"] * RUNS
