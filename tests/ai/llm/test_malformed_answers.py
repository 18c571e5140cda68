"""A 200 whose body is not a chat completion, on every route that asks a model: an invalid answer
like any other. Parsing and letters answer 503 in the error envelope; a ranking and a résumé
carry on without the model's judgement, as they do for other failures."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from jobwise.config import Settings
from tests.ai.llm.test_engine import POSTING
from tests.conftest import assert_error, make_settings
from tests.fakes.llm_server import LLMServer, Raw
from tests.generations.test_router import GENERATIONS, sse_events
from tests.rankings.crafted import create_job, create_profile

NOT_JSON = Raw('{"id": "chatcmpl-1", "choices": [{"message": {"content": "cut off')


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir, DATABASE_URL=database_url, **llm_server.settings_for("openai", LLM_CACHE=False)
    )


@pytest.fixture(autouse=True)
def broken_server(llm_server: LLMServer) -> None:
    llm_server.handler = lambda _: NOT_JSON


async def test_parsing_answers_503_naming_the_problem(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING})
    error = assert_error(response, 503, "llm_malformed_response")
    assert "not a chat completion" in error["message"] and "LLM_BASE_URL" in error["message"]
    assert (await user_a.get("/api/v1/jobs")).json()["total"] == 0
    # Not retried: the same page would come back.
    assert len(llm_server.chat_requests) == 1


async def test_a_ranking_is_complete_without_the_judgement(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post("/api/v1/rankings", json={"job_id": job_id})
    assert response.status_code == 201, response.text
    data = response.json()["ranking_data"]
    assert data["llm_reranked"] is False
    assert "not a chat completion" in data["llm_error"]
    assert data["experiences"]


async def test_a_resume_is_written_without_the_judgement(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post(GENERATIONS, json={"job_id": job_id, "document_type": "resume"})
    assert response.status_code == 201, response.text
    assert response.json()["content_text"]


async def test_a_letter_answers_503_and_stores_nothing(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post(GENERATIONS, json={"job_id": job_id, "document_type": "cover_letter"})
    assert_error(response, 503, "llm_malformed_response")
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0


async def test_a_streamed_letter_ends_with_an_error_event(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post(
        GENERATIONS, params={"stream": "true"}, json={"job_id": job_id, "document_type": "cover_letter"}
    )
    assert response.status_code == 200, response.text
    events = sse_events(response.text)
    assert [kind for kind, _ in events][-1] == "error"
    assert events[-1][1]["error"]["code"] == "llm_malformed_response"
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0
