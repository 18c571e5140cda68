"""POST /api/v1/profiles/import?engine=llm against the fake LLM server: the offline parse first,
line-numbered text and a schema to the model, every value it returns checked against the file,
dates re-read by code, nothing sent for a file with nothing to read, the offline draft when the
model fails."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import assert_error, insert_user
from tests.fakes.llm_server import LLMServer, Raw, Reply
from tests.samples import files

URL = "/api/v1/profiles/import"
RESUME = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev" / "latex_bajaj.pdf"

ANSWER: dict[str, Any] = {
    "label": None,
    "summary": None,
    "work": [
        {
            "employer": "Google",
            "title": "Software Engineer",
            "location": "Mountain View, CA",
            "dates": "Oct 2016 – Present",
            "line": 9,
            "bullets": [
                "TensorFlow: TensorFlow is an open source software library for numerical computation "
                "using data flow graphs; primarily used for training deep learning models. Worked on "
                "APIs and performance for training models on Tensor Processing Units (TPU).",
                "Led the migration of Search to Rust, saving $4M a year.",  # not in the résumé
            ],
        },
        {
            "employer": "Hooli",  # invented
            "title": "Chief Compression Officer",
            "location": None,
            "dates": "Jan 2010 – Dec 2011",  # not in the résumé either
            "line": 500,
            "bullets": [],
        },
    ],
    "volunteer": [],
    "education": [
        {
            "institution": "Georgia Institute of Technology",
            "degree": "Master of Science in Computer Science",
            "dates": "Aug 2012 – Dec 2013",
            "gpa": "4.00",
            "line": 4,
        }
    ],
    "projects": [],
    "skills": [],
}


@pytest.fixture
async def llm_client(llm_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A user of the real app whose engine is pointed at the fake LLM server."""
    token = await insert_user(llm_app, "lin@example.com")
    transport = httpx.ASGITransport(app=llm_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        http.headers["Authorization"] = f"Bearer {token}"
        yield http


async def import_llm(client: httpx.AsyncClient, name: str, content: bytes) -> httpx.Response:
    return await client.post(URL, files={"file": (name, content)}, params={"engine": "llm"})


async def test_the_model_reads_numbered_lines_and_every_value_is_checked(
    llm_client: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Reply.json(ANSWER)
    response = await import_llm(llm_client, RESUME.name, await asyncio.to_thread(RESUME.read_bytes))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["engine"] == "llm"
    draft = body["draft"]
    assert [item["name"] for item in draft["work"]] == ["Google"]  # Hooli is not in the file
    google = draft["work"][0]
    assert google["startDate"] == "2016-10" and "endDate" not in google  # read by code from the quote
    assert google["highlights"] == [ANSWER["work"][0]["bullets"][0]]
    assert draft["education"][0]["endDate"] == "2013-12"
    assert any("not in your file" in warning and "Hooli" in warning for warning in body["warnings"])
    assert draft["basics"]["email"] == "sourabh@sourabhbajaj.com"  # the offline reading's
    sent = llm_server.chat_requests[0]
    assert "L1: " in sent.user and "Mountain View" in sent.user
    assert "sourabh@sourabhbajaj.com" not in sent.raw and "[[EMAIL]]" in sent.user
    assert sent.response_format is not None


async def test_a_file_with_nothing_to_read_never_reaches_the_model(
    llm_client: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Reply.json(ANSWER)
    assert_error(await import_llm(llm_client, "scan.pdf", files.image_only_pdf()), 422, "scanned_document")
    assert llm_server.chat_requests == []


async def test_when_the_model_fails_the_offline_draft_is_returned(
    llm_client: httpx.AsyncClient, llm_server: LLMServer
) -> None:
    llm_server.handler = lambda request: Raw("this is not JSON at all")
    response = await import_llm(llm_client, RESUME.name, await asyncio.to_thread(RESUME.read_bytes))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["engine"] == "offline"
    assert body["draft"]["work"][0]["name"] == "Google"
    assert any("offline reading" in warning for warning in body["warnings"])


async def test_the_llm_engine_needs_an_llm(user_a: httpx.AsyncClient) -> None:
    response = await user_a.post(
        URL,
        files={"file": (RESUME.name, await asyncio.to_thread(RESUME.read_bytes))},
        params={"engine": "llm"},
    )
    assert_error(response, 422, "llm_not_configured")
