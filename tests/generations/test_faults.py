"""A cover letter whose model meets a fault, for a new job (the ranking is computed in the same
request): other users' writes made during the fault answer in time and never 500, no transaction
is open while the model is asked, and a failed letter leaves no generation behind.

Before the fix, the ranking written in the letter's request kept that request's transaction (and
SQLite's write lock) open through the whole letter call: while the model hung, every other
user's new job, failed login and profile edit waited 30 s and answered 500.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from jobwise.config import Settings
from tests.conftest import UserClientFactory, make_settings
from tests.contention import UNTHROTTLED, Bystander, TransactionProbe, assert_fine
from tests.fakes.llm_server import Answer, Fail, LLMServer, Raw, Recorded, Reply
from tests.generations.test_llm import HONEST, is_rerank, judging, letter_requests
from tests.generations.test_router import GENERATIONS
from tests.rankings.crafted import create_job, create_profile

BYSTANDER = "bystander@example.com"
# Longer than any test waits: the test ends the hang itself (llm_server.release).
HANG = 120.0
INSTANT_FAULTS: dict[str, Callable[[], Answer]] = {
    "an instant HTTP 400": lambda: Fail.bad_request("Invalid request: the model refused"),
    "a 200 whose body is not JSON": lambda: Raw("<html><body>upstream error</body></html>"),
}


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **UNTHROTTLED,
        **llm_server.settings_for("openai", LLM_CACHE=False, LLM_MAX_RETRIES=0, LLM_TIMEOUT=HANG),
    )


@pytest.fixture
async def bystander(make_user_client: UserClientFactory) -> Bystander:
    return await Bystander(await make_user_client(BYSTANDER), BYSTANDER).setup()


@pytest.fixture
def probe(app: FastAPI) -> TransactionProbe:
    return TransactionProbe(app.state.settings.database_url)


async def until(condition: Callable[[], object], what: str, *, within: float = 10) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"not within {within} s: {what}"
        await asyncio.sleep(0.01)


async def generations_of(client: httpx.AsyncClient) -> int:
    response = await client.get(GENERATIONS)
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "streamed"])
async def test_while_a_letter_hangs_other_users_write_in_time(
    stream: bool,
    user_a: httpx.AsyncClient,
    bystander: Bystander,
    probe: TransactionProbe,
    llm_server: LLMServer,
) -> None:
    def hanging(request: Recorded) -> Reply:
        return judging(request) if is_rerank(request) else Reply(HONEST, delay=HANG, chunk_size=40)

    llm_server.handler = probe.wrap(hanging)
    await create_profile(user_a)
    job_id = await create_job(user_a)  # new: the letter's request computes and stores its ranking
    body = {"job_id": job_id, "document_type": "cover_letter"}
    letter = asyncio.create_task(
        user_a.post(GENERATIONS, params={"stream": "true"} if stream else None, json=body)
    )
    try:
        await until(lambda: letter_requests(llm_server), "the letter's call reached the model")
        during = await bystander.round()
    finally:
        llm_server.release.set()
        response = await letter
    assert_fine(during, "while user A's letter hung")
    assert response.status_code == (200 if stream else 201), response.text
    assert probe.probes == 2 and not probe.findings, probe.findings
    assert await generations_of(user_a) == 1


@pytest.mark.parametrize("fault", INSTANT_FAULTS)
async def test_a_letter_whose_model_fails_at_once_stores_no_generation_and_others_write_on(
    fault: str,
    user_a: httpx.AsyncClient,
    bystander: Bystander,
    probe: TransactionProbe,
    llm_server: LLMServer,
) -> None:
    llm_server.handler = probe.wrap(lambda request: INSTANT_FAULTS[fault]())
    await create_profile(user_a)
    for attempt in range(1, 4):
        job_id = await create_job(user_a, title=f"Backend Engineer {attempt}")
        body = {"job_id": job_id, "document_type": "cover_letter"}
        response, during = await asyncio.gather(user_a.post(GENERATIONS, json=body), bystander.round())
        assert_fine(during, f"while user A's letter {attempt} failed ({fault})")
        # How the person is told is the engine's business; that it failed, and left nothing, is ours.
        assert response.status_code >= 400, response.text
    assert_fine(await bystander.round(), f"after the failed letters ({fault})")
    assert await generations_of(user_a) == 0
    # Each ranking, computed without the model's judgement, stands on its own.
    rankings = (await user_a.get("/api/v1/rankings")).json()
    assert rankings["total"] == 3
    assert not any(ranking["ranking_data"]["llm_reranked"] for ranking in rankings["items"])
    assert probe.probes >= 3 and not probe.findings, probe.findings
