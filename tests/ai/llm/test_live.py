"""The real parsing path against a live OpenAI-compatible server (llama.cpp, Ollama, vLLM...).

Runs when JOBWISE_TEST_OPENAI_BASE_URL is set (for example http://localhost:8080/v1), with the
model in JOBWISE_TEST_OPENAI_MODEL or else the first one the server lists. Any model that returns
valid JSON passes: this checks the plumbing (structured-output fallback, lenient parsing, the
repair attempt) against a real server, not the model's judgement.
"""

from __future__ import annotations

import os
from pathlib import Path

import openai
import pytest

from jobwise.ai.engine import CallContext, ParsedJob
from jobwise.ai.factory import open_engine
from jobwise.ai.llm.engine import LLMEngine
from tests.ai.llm.test_engine import POSTING
from tests.conftest import make_settings

LIVE_URL = os.environ.get("JOBWISE_TEST_OPENAI_BASE_URL", "")

pytestmark = [
    pytest.mark.llm_live,
    pytest.mark.skipif(
        not LIVE_URL, reason="JOBWISE_TEST_OPENAI_BASE_URL is not set (no live OpenAI-compatible server)"
    ),
]


async def live_model() -> str:
    configured = os.environ.get("JOBWISE_TEST_OPENAI_MODEL", "")
    if configured:
        return configured
    async with openai.AsyncOpenAI(base_url=LIVE_URL, api_key=os.environ.get("LLM_API_KEY") or "none") as sdk:
        models = await sdk.models.list()
    if not models.data:
        pytest.fail(f"{LIVE_URL} lists no models; set JOBWISE_TEST_OPENAI_MODEL")
    return models.data[0].id


async def test_a_live_server_parses_a_job_posting(data_dir: Path, database_url: str) -> None:
    settings = make_settings(
        data_dir,
        DATABASE_URL=database_url,
        AI_ENGINE="openai",
        LLM_BASE_URL=LIVE_URL,
        LLM_API_KEY=os.environ.get("LLM_API_KEY", ""),
        LLM_MODEL_FAST=await live_model(),
        LLM_TIMEOUT=300,
        LLM_MAX_RETRIES=1,
    )
    async with open_engine(settings) as engine:
        assert isinstance(engine, LLMEngine)
        parsed, usage = await engine.parse_job(POSTING, ctx=CallContext())
    assert isinstance(parsed, ParsedJob)
    assert usage.calls in (1, 2)
    # Whatever the model said, only what the posting supports was kept.
    for value in (parsed.title, parsed.company):
        assert value is None or value.casefold() in POSTING.casefold()
