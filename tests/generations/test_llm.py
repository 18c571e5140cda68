"""Generations on the LLM engine, through the test LLM server (a real HTTP server speaking
OpenAI's API): the letter passes the truth check, invented employers are caught, streaming
works, and the LLM's judgement of evidence is stored as one more explainable part."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from jobwise.config import Settings
from tests.conftest import assert_error, make_settings
from tests.fakes.llm_server import Handler, LLMServer, Recorded, Reply
from tests.generations.test_router import GENERATIONS, INJECTED_JOB, INJECTION, letter_sources, sse_events
from tests.rankings.crafted import OBVIOUS, create_job, create_profile

HONEST = """Dear Hiring Team,

I am writing to apply for the Backend Engineer (Payments) position at Finly. I am a backend engineer \
focused on payment systems and data, and the work your posting describes is close to the work I do every day.

At Acme Payments, where I work as a Backend Engineer, I built and operated REST APIs in Python and \
FastAPI on PostgreSQL for card payments, serving 2 million requests a day. That work taught me how much \
care a payment API needs, from the shape of its endpoints to the way it behaves when traffic grows, and \
how important it is that every change can be explained and reviewed.

Before that, as a Data Analyst at ShopCo, I tuned PostgreSQL queries for the sales dashboards, cutting \
load time from 9 s to 2 s. I learned there to look closely at how data is stored and queried before \
reaching for more hardware, and to explain the result to the people who rely on it.

Outside of work I ran a home lab of services on k8s with GitHub Actions CI/CD, which gave me practice \
with the way services are built, tested and deployed from a repository to a running cluster.

I would welcome the chance to talk about how I could help your team build reliable payment \
infrastructure for small businesses. I would be glad to walk you through any of this work in more \
detail, and to answer any questions you have about it. Thank you for your time and for considering \
my application.

Kind regards,
Mira Kowalski"""
LIAR = HONEST.replace("At Acme Payments,", "At Google and at Acme Payments,")
# A model that did as the posting told it: the requirement, word for word.
ECHO = HONEST.replace("Outside of work", f"As the posting says, {INJECTION}. Outside of work")
# A model that quotes a requirement, honestly enough, but word for word.
QUOTER = HONEST.replace(
    "Outside of work", "You ask me to build and operate REST APIs in Python with FastAPI. Outside of work"
)
RERANK_CUE = "judge how well pieces of evidence"


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir, DATABASE_URL=database_url, **llm_server.settings_for("openai", LLM_CACHE=False)
    )


def is_rerank(request: Recorded) -> bool:
    return RERANK_CUE in request.system


def judging(request: Recorded) -> Reply:
    """Scores 0.9 for candidates that mention payments, 0.2 for the others."""
    candidates = re.findall(r"^\d+\. (.*)$", request.user, flags=re.MULTILINE)
    return Reply.scores([0.9 if "payments" in text else 0.2 for text in candidates])


def model(letters: list[str]) -> Handler:
    """Judges evidence, and writes the given letters in turn (the last one from then on)."""
    written: list[str] = []

    def handle(request: Recorded) -> Reply:
        if is_rerank(request):
            return judging(request)
        text = letters[min(len(written), len(letters) - 1)]
        written.append(text)
        return Reply(text, chunk_size=40)

    return handle


def letter_requests(server: LLMServer) -> list[Recorded]:
    return [request for request in server.chat_requests if not is_rerank(request)]


async def ask_for_a_letter(
    client: httpx.AsyncClient,
    llm_server: LLMServer,
    letters: list[str],
    *,
    stream: bool = False,
    **job: Any,
) -> httpx.Response:
    """A profile and a job, then a cover letter for it from a model that writes `letters` in turn."""
    llm_server.handler = model(letters)
    await create_profile(client)
    job_id = await create_job(client, **job)
    params = {"stream": "true"} if stream else None
    body = {"job_id": job_id, "document_type": "cover_letter"}
    return await client.post(GENERATIONS, params=params, json=body)


async def test_the_llm_letter_passes_the_truth_check(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = model([HONEST])
    profile = await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post(GENERATIONS, json={"job_id": job_id, "document_type": "cover_letter"})
    assert response.status_code == 201, response.text
    generation = response.json()
    meta = generation["metadata"]
    assert generation["content_text"] == HONEST
    assert meta["truth_check"] == {"passed": True, "unsupported": [], "attempts": 1}
    assert meta["engine"] == {"name": "openai", "is_llm": True, "model": "quality-model"}
    assert meta["tokens"]["calls"] == 1 and meta["tokens"]["prompt"] > 0
    assert meta["within_word_range"] is True
    assert len(letter_requests(llm_server)) == 1
    # The person's name and contact details never reach the model.
    assert not any("Mira Kowalski" in r.raw or "mira@example.com" in r.raw for r in llm_server.requests)
    # The strongest evidence was in the prompt.
    assert OBVIOUS in letter_requests(llm_server)[0].first_user
    from jobwise.text import truth

    assert truth.check(generation["content_text"], letter_sources(profile)).passed


async def test_an_invented_employer_is_retried_with_feedback(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [LIAR, HONEST])
    assert response.status_code == 201, response.text
    meta = response.json()["metadata"]
    assert meta["truth_check"]["passed"] is True and meta["truth_check"]["attempts"] == 2
    assert meta["attempts"][0]["unsupported"] == [
        {"kind": "organization", "text": "Google", "from_job": False}
    ]
    retry = letter_requests(llm_server)[1]
    assert "Google" in retry.raw  # the feedback names what was invented


async def test_a_model_that_keeps_inventing_is_refused_and_nothing_is_stored(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [LIAR])
    error = assert_error(response, 422, "cover_letter_unsupported_claims")
    assert error["details"]["unsupported"][0]["text"] == "Google"
    assert error["details"]["attempts"] == 2
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0


async def test_the_llm_streams_the_letter_and_then_the_stored_generation(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [HONEST], stream=True)
    assert response.status_code == 200
    events = sse_events(response.text)
    chunks = [data["text"] for kind, data in events if kind == "chunk"]
    assert len(chunks) > 10  # written piece by piece, not at once
    assert "".join(chunks) == HONEST
    kind, final = events[-1]
    assert kind == "generation"
    assert final["content_text"] == HONEST and final["metadata"]["streamed"] is True
    assert (await user_a.get(f"{GENERATIONS}/{final['id']}")).json() == final


async def test_a_streamed_letter_that_keeps_inventing_ends_with_an_error_event(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [LIAR], stream=True)
    events = sse_events(response.text)
    kinds = [kind for kind, _ in events]
    assert "retry" in kinds and kinds[-1] == "error"
    assert events[-1][1]["error"]["code"] == "cover_letter_unsupported_claims"
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0


async def test_the_llm_judgement_is_stored_as_one_more_part(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = model([HONEST])
    await create_profile(user_a)
    job_id = await create_job(user_a)
    response = await user_a.post("/api/v1/rankings", json={"job_id": job_id})
    assert response.status_code == 201, response.text
    data = response.json()["ranking_data"]
    assert data["llm_reranked"] is True and data["engine"] == "openai"
    top = data["experiences"][0]["bullets"][0]
    assert top["text"] == OBVIOUS
    assert top["parts"]["llm"] == 0.9
    assert top["score"] == round(0.7 * top["deterministic_score"] + 0.3 * 0.9, 4)
    assert sum(1 for request in llm_server.chat_requests if is_rerank(request)) == 1


def injected() -> dict[str, Any]:
    return {key: INJECTED_JOB[key] for key in ("requirements", "raw_text")}


async def test_a_letter_that_does_what_the_posting_says_is_refused_naming_the_copy(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [ECHO], **injected())
    error = assert_error(response, 422, "cover_letter_copies_posting")
    assert INJECTION in error["message"]
    assert error["details"]["copied"] == [INJECTION]
    assert error["details"]["attempts"] == 2
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0
    # The feedback for the second draft says what went wrong without repeating the instruction
    # outside the posting's delimiters.
    retry = letter_requests(llm_server)[1].first_user
    posting, feedback = retry.split("</job_posting>")
    assert INJECTION in posting
    assert "word for word" in feedback and "ignore previous instructions" not in feedback


async def test_a_streamed_letter_that_copies_the_posting_ends_with_the_refusal(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [ECHO], stream=True, **injected())
    events = sse_events(response.text)
    retries = [data for kind, data in events if kind == "retry"]
    assert retries and retries[0]["copied"] == [INJECTION]
    assert events[-1][0] == "error"
    assert events[-1][1]["error"]["code"] == "cover_letter_copies_posting"
    assert (await user_a.get(GENERATIONS)).json()["total"] == 0


async def test_a_quoted_requirement_is_written_again_in_the_models_own_words(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [QUOTER, HONEST])
    assert response.status_code == 201, response.text
    meta = response.json()["metadata"]
    assert meta["attempts"][0]["copied"] == ["build and operate REST APIs in Python with FastAPI"]
    assert meta["attempts"][0]["unsupported"] == []
    assert meta["attempts"][1]["copied"] == []
    assert meta["truth_check"] == {"passed": True, "unsupported": [], "attempts": 2}


async def test_a_letter_that_names_the_postings_terms_passes_a_posting_with_an_instruction(
    user_a: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    response = await ask_for_a_letter(user_a, llm_server, [HONEST], **injected())
    assert response.status_code == 201, response.text
    assert response.json()["content_text"] == HONEST
    assert response.json()["metadata"]["truth_check"]["attempts"] == 1
