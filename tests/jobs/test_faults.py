"""Parsing a posting on a server that handles structured output its own way: llama-cpp-python's
500 naming response_format, and a server that ignores response_format altogether. The parse is
made, the refusal is remembered, and other users' writes made meanwhile answer in time."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from jobwise.config import Settings
from tests.ai.llm.test_engine import POSTING
from tests.conftest import UserClientFactory, make_settings
from tests.contention import UNTHROTTLED, Bystander, assert_fine
from tests.fakes.llm_server import Answer, Fail, LLMServer, Recorded, Reply

EXTRACTED = {"title": "Senior Backend Engineer", "company": "Acme Analytics", "location": "Berlin, Germany"}


def names_response_format(request: Recorded) -> Answer:
    if request.format_type == "json_schema":
        return Fail(500, "response_format json_schema is not supported", None, "internal_server_error")
    return Reply.json(EXTRACTED, delay=0.2)


def schema_unaware(request: Recorded) -> Answer:
    # Whatever was asked, prose around the JSON (the lenient reader takes the object out).
    return Reply("Sure! Here is the JSON:\n" + json.dumps(EXTRACTED) + "\nHope this helps.", delay=0.2)


SERVERS = {"a 500 naming response_format": names_response_format, "a schema-unaware server": schema_unaware}


@pytest.fixture
def settings(data_dir: Path, database_url: str, llm_server: LLMServer) -> Settings:
    return make_settings(
        data_dir,
        DATABASE_URL=database_url,
        **UNTHROTTLED,
        **llm_server.settings_for("openai", LLM_CACHE=False, LLM_MAX_RETRIES=1),
    )


@pytest.mark.parametrize("server", SERVERS)
async def test_a_posting_is_parsed_and_others_write_on(
    server: str, user_a: httpx.AsyncClient, make_user_client: UserClientFactory, llm_server: LLMServer
) -> None:
    llm_server.handler = SERVERS[server]
    bystander = await Bystander(await make_user_client("b@example.com"), "b@example.com").setup()
    for attempt in range(2):
        response, during = await asyncio.gather(
            user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING}), bystander.round()
        )
        assert_fine(during, f"while user A's posting was parsed ({server}, {attempt + 1})")
        assert response.status_code == 201, response.text
        parsed = response.json()
        assert (parsed["title"], parsed["company"]) == ("Senior Backend Engineer", "Acme Analytics")
    if server == "a 500 naming response_format":
        # Refused by name once: the second parse never asks for json_schema again.
        modes = [request.format_type for request in llm_server.chat_requests]
        assert modes.count("json_schema") == 1, modes
