"""No transaction stays open across a model call, on any route or task that asks one.

A model call takes seconds to minutes. A transaction open through it would hold SQLite's only
write lock (every other writer waits, then fails after the 30 s busy timeout) or, on PostgreSQL,
a pooled connection and its snapshot. Each call the test model receives first looks at the
database from outside the app (tests/contention.py): nothing may be held while it is asked.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from jobwise.config import Settings
from tests.ai.llm.test_engine import HONEST as PARSED
from tests.ai.llm.test_engine import POSTING
from tests.conftest import make_settings
from tests.contention import TransactionProbe
from tests.enhancement.conftest import FAST, polishing_model, trigger, wait_for_run
from tests.fakes.llm_server import LLMServer, Recorded, Reply, texts_to_rewrite
from tests.generations.test_llm import HONEST as LETTER
from tests.generations.test_llm import is_rerank, judging
from tests.generations.test_router import GENERATIONS
from tests.rankings.crafted import create_job, create_profile


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **FAST,
        **llm_server.settings_for("openai", LLM_CACHE=False),
    )


def model(request: Recorded) -> Reply:
    """Answers every purpose well: the fault is not the point here, the database is."""
    if "extract structured data from a job posting" in request.system:
        return Reply.json(PARSED)
    if is_rerank(request):
        return judging(request)
    if texts_to_rewrite(request):
        return polishing_model(request)
    return Reply(LETTER, chunk_size=40)


@pytest.fixture
def probe(app: FastAPI, llm_server: LLMServer) -> TransactionProbe:
    probe = TransactionProbe(app.state.settings.database_url)
    llm_server.handler = probe.wrap(model)
    return probe


async def test_parsing_a_job_holds_no_transaction_while_the_model_reads_it(
    user_a: httpx.AsyncClient, probe: TransactionProbe
) -> None:
    response = await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING})
    assert response.status_code == 201, response.text
    assert probe.probes == 1 and not probe.findings, probe.findings


async def test_ranking_holds_no_transaction_while_the_model_judges(
    user_a: httpx.AsyncClient, probe: TransactionProbe
) -> None:
    await create_profile(user_a)
    response = await user_a.post("/api/v1/rankings", json={"job_id": await create_job(user_a)})
    assert response.status_code == 201, response.text
    assert response.json()["ranking_data"]["llm_reranked"] is True
    assert probe.probes == 1 and not probe.findings, probe.findings


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "streamed"])
@pytest.mark.parametrize("document_type", ["resume", "cover_letter"])
async def test_a_generation_for_a_new_job_holds_no_transaction_while_the_model_works(
    document_type: str, stream: bool, user_a: httpx.AsyncClient, probe: TransactionProbe
) -> None:
    """The ranking computed in the same request is stored before the letter is asked for."""
    await create_profile(user_a)
    body = {"job_id": await create_job(user_a), "document_type": document_type}
    response = await user_a.post(GENERATIONS, params={"stream": "true"} if stream else None, json=body)
    assert response.status_code == (200 if stream else 201), response.text
    calls = 2 if document_type == "cover_letter" else 1
    assert probe.probes == calls and not probe.findings, probe.findings
    stored = await user_a.get(GENERATIONS)
    assert stored.json()["total"] == 1
    rankings = await user_a.get("/api/v1/rankings")
    assert rankings.json()["total"] == 1


async def test_an_enhancement_run_holds_no_transaction_while_the_model_rewrites(
    user_a: httpx.AsyncClient, probe: TransactionProbe
) -> None:
    from tests.enhancement.conftest import create_profile as create_enhancement_profile

    await create_enhancement_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "completed", job
    # Five texts of four entries, one call each (tests/enhancement/test_llm.py).
    assert probe.probes == 4 and not probe.findings, probe.findings
