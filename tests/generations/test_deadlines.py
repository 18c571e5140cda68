"""Time limits on the document routes: a hanging model costs a request at most
LLM_REQUEST_DEADLINE (not (retries + 1) x LLM_TIMEOUT per call, twice for a letter), and the
optional judgement of a ranking costs a document at most LLM_JUDGEMENT_DEADLINE, once per job
and profile: a failed one is kept for documents and tried again only when a ranking is asked for.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from jobwise.config import Settings
from tests.conftest import UserClientFactory, make_settings
from tests.contention import UNTHROTTLED, Bystander, assert_fine
from tests.fakes.llm_server import LLMServer, Reply
from tests.generations.test_llm import HONEST, is_rerank, judging
from tests.generations.test_router import GENERATIONS
from tests.rankings.crafted import create_job, create_profile

HANG = 120.0
REQUEST_LIMIT = 2.0
JUDGEMENT_LIMIT = 0.5


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **UNTHROTTLED,
        **llm_server.settings_for(
            "openai",
            LLM_CACHE=False,
            LLM_MAX_RETRIES=3,
            LLM_TIMEOUT=HANG,
            LLM_REQUEST_DEADLINE=REQUEST_LIMIT,
            LLM_JUDGEMENT_DEADLINE=JUDGEMENT_LIMIT,
        ),
    )


def reranks(server: LLMServer) -> int:
    return sum(1 for request in server.chat_requests if is_rerank(request))


async def test_a_letter_from_a_hanging_model_ends_at_the_request_limit_and_says_so(
    user_a: httpx.AsyncClient, make_user_client: UserClientFactory, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Reply(HONEST, delay=HANG)
    await create_profile(user_a)
    job_id = await create_job(user_a)
    bystander = await Bystander(await make_user_client("b@example.com"), "b@example.com").setup()
    started = time.monotonic()
    letter = asyncio.create_task(
        user_a.post(GENERATIONS, json={"job_id": job_id, "document_type": "cover_letter"})
    )
    during = await bystander.round()
    response = await letter
    elapsed = time.monotonic() - started
    llm_server.release.set()
    assert_fine(during, "while user A's letter hung")
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["code"] == "llm_deadline_exceeded"
    assert "LLM_REQUEST_DEADLINE" in error["message"]
    # The judgement's short limit, then the letter in what is left of the request's.
    assert elapsed < REQUEST_LIMIT + 2


async def test_a_resume_waits_briefly_for_a_hanging_judgement_and_keeps_it_failed(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Reply("{}", delay=HANG)
    await create_profile(user_a)
    job_id = await create_job(user_a)
    body = {"job_id": job_id, "document_type": "resume"}

    started = time.monotonic()
    first = await user_a.post(GENERATIONS, json=body)
    assert first.status_code == 201, first.text
    assert time.monotonic() - started < JUDGEMENT_LIMIT + 2
    assert first.json()["metadata"]["ranking"]["llm_reranked"] is False
    assert reranks(llm_server) == 1

    # The next document reuses the ranking without the judgement: no second wait.
    second = await user_a.post(GENERATIONS, json=body)
    assert second.status_code == 201, second.text
    assert second.json()["metadata"]["ranking"]["outcome"] == "unchanged"
    assert reranks(llm_server) == 1

    # Asking for the ranking itself tries the judgement again, now that the server answers.
    llm_server.release.set()
    llm_server.handler = lambda request: judging(request) if is_rerank(request) else Reply("{}")
    ranked = await user_a.post("/api/v1/rankings", json={"job_id": job_id})
    assert ranked.status_code in (200, 201), ranked.text
    assert reranks(llm_server) == 2
    assert ranked.json()["ranking_data"]["llm_reranked"] is True
    assert "llm_error" not in ranked.json()["ranking_data"]
