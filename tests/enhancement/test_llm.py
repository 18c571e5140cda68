"""The run on the LLM engine, through the test LLM server (a real HTTP server speaking OpenAI's API)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from jobwise.config import Settings
from tests.conftest import make_settings
from tests.enhancement.conftest import (
    FAST,
    create_profile,
    polishing_model,
    read_profile,
    trigger,
    wait_for_run,
)
from tests.fakes.llm_server import LLMServer, Recorded, Reply, texts_to_rewrite


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir, DATABASE_URL=database_url, **FAST, **llm_server.settings_for("openai", LLM_CACHE=False)
    )


async def test_the_llm_engine_enhances_every_text(user_a: httpx.AsyncClient, llm_server: LLMServer) -> None:
    llm_server.handler = polishing_model
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "completed", job
    profile = await read_profile(user_a)
    assert profile["enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    assert profile["experiences"][0]["enhanced_bullets"] == [
        "Responsible for the billing API.",
        "Worked on reducing invoice errors by 30%.",
    ]
    usage = job["result"]["usage"]
    # Five texts of four entries: one call each, Acme's two bullets together.
    assert usage["engine"] == "openai" and usage["calls"] == 4 == len(llm_server.chat_requests)
    together = [request for request in llm_server.chat_requests if len(texts_to_rewrite(request)) > 1]
    assert [texts_to_rewrite(request) for request in together] == [
        ["Responsible for the billing API", "Worked on reducing invoice errors by 30%"]
    ]
    assert usage["model"] == "quality-model" and usage["prompt_tokens"] > 0
    # The person's name and email never reach the model.
    assert not any(
        "Ada Lovelace" in request.raw or "ada@example.com" in request.raw for request in llm_server.requests
    )


async def test_an_llm_that_invents_facts_is_retried_then_its_rewrite_rejected(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    def lying(request: Recorded) -> Reply:
        return Reply.rewrites(request, lambda text: text.rstrip(".") + " at Google, saving $3M")

    llm_server.handler = lying
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "completed", job
    assert job["result"]["counts"]["flagged"] == 5
    assert len(llm_server.chat_requests) == 4 + 5
    retries = [request for request in llm_server.chat_requests if "Google" in request.first_user]
    assert len(retries) == 5  # the feedback names what was added
    profile = await read_profile(user_a)
    assert profile["experiences"][1]["enhanced_bullets"] == ["Helped with the migration to PostgreSQL"]
