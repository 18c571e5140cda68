"""Each text of an enhancement gets LLM_TASK_STEP_DEADLINE for its model calls, retries included:
a hanging server ends the run `failed` with a message naming that setting, instead of holding
the run for (retries + 1) x LLM_TIMEOUT per call."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from jobwise.config import Settings
from tests.conftest import make_settings
from tests.contention import UNTHROTTLED
from tests.enhancement.conftest import FAST, create_profile, trigger, wait_for_run
from tests.fakes.llm_server import LLMServer, Reply

HANG = 120.0
STEP_LIMIT = 1.0


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **FAST,
        **UNTHROTTLED,
        RATE_LIMIT_ENHANCEMENTS=0,
        **llm_server.settings_for(
            "openai", LLM_CACHE=False, LLM_MAX_RETRIES=3, LLM_TIMEOUT=HANG, LLM_TASK_STEP_DEADLINE=STEP_LIMIT
        ),
    )


async def test_a_hanging_model_fails_the_run_at_the_step_limit(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Reply('{"text": "late"}', delay=HANG)
    await create_profile(user_a)
    started = time.monotonic()
    job = await wait_for_run(user_a, await trigger(user_a), within=STEP_LIMIT + 10)
    llm_server.release.set()
    assert time.monotonic() - started < STEP_LIMIT + 8
    assert job["status"] == "failed", job
    assert "LLM_TASK_STEP_DEADLINE" in job["error"], job
    assert job["items_total"] == 5 and job["items_done"] == 0
