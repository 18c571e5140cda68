"""The import screen with an LLM engine, without a browser: a second button asks the engine to
revise the draft (engine=llm, as the API), and what it invents never reaches the preview."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from jobwise.web.session import CSRF_HEADER
from tests.conftest import UserClientFactory, insert_user
from tests.fakes.llm_server import LLMServer, Reply
from tests.importing.test_llm import ANSWER, RESUME
from tests.web.test_ownership import _web_client

AI_BUTTON = "Import résumé with the AI engine"


@pytest.fixture
async def llm_browser(llm_app: FastAPI) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A signed-in browser session of an app whose engine is the fake LLM server; its CSRF token."""
    token = await insert_user(llm_app, "lin@example.com")
    browser, csrf = await _web_client(llm_app, f"Bearer {token}")
    yield browser, csrf
    await browser.aclose()


async def test_the_engine_revises_the_draft_and_its_inventions_are_dropped(
    llm_browser: tuple[httpx.AsyncClient, str], llm_server: LLMServer
) -> None:
    browser, csrf = llm_browser
    assert AI_BUTTON in (await browser.get("/app/profile")).text
    llm_server.handler = lambda request: Reply.json(ANSWER)
    content = await asyncio.to_thread(RESUME.read_bytes)
    response = await browser.post(
        "/app/profile/import",
        params={"engine": "llm"},
        files={"file": (RESUME.name, content, "application/pdf")},
        headers={CSRF_HEADER: csrf, "HX-Request": "true"},
    )
    assert response.status_code == 200, response.text
    assert "then the AI engine" in response.text
    warnings, _, tables = response.text.partition('<table class="draft">')
    assert "Google" in tables
    # Invented: not in the file, so not in the draft; the warnings say what was dropped.
    assert "Hooli" not in tables and "Hooli" in warnings


async def test_with_the_offline_engine_there_is_no_ai_button(
    app: FastAPI, make_user_client: UserClientFactory
) -> None:
    ada = await make_user_client("ada@example.com")
    browser, _ = await _web_client(app, ada.headers["Authorization"])
    page = (await browser.get("/app/profile")).text
    assert "Import résumé</button>" in page and AI_BUTTON not in page
    await browser.aclose()
