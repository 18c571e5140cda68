"""The LLM clients under a time limit: a hanging or failing server costs at most the limit, and
servers that go on generating for a client that left are asked for streams."""

from __future__ import annotations

import asyncio
import time

import pytest

from jobwise.ai.deadline import time_limit
from jobwise.ai.errors import DeadlineExceeded, LLMUnavailable
from jobwise.ai.llm.base import RetryPolicy
from jobwise.ai.llm.client import ChatMessage, ChatRequest, JsonFormat, StreamStats
from tests.ai.llm.conftest import ClientFactory, Provider
from tests.fakes.llm_server import Fail, LLMServer, Reply

HANG = 60.0
REQUEST = ChatRequest(messages=(ChatMessage("user", "Hello"),), model="test-model", max_tokens=64)
STRUCTURED = ChatRequest(
    messages=(ChatMessage("user", "Hello"),),
    model="test-model",
    max_tokens=64,
    json_format=JsonFormat("answer", {"type": "object", "properties": {"a": {"type": "string"}}}),
)


async def test_a_hanging_server_is_given_up_when_the_limit_runs_out(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Reply("late", delay=HANG)
    client = make_llm_client(timeout=HANG)
    started = time.monotonic()
    with time_limit(0.5, "LLM_REQUEST_DEADLINE"), pytest.raises(DeadlineExceeded) as raised:
        await client.complete(REQUEST)
    assert time.monotonic() - started < 3
    assert "LLM_REQUEST_DEADLINE" in raised.value.message and "LLM_TIMEOUT" not in raised.value.message


async def test_no_retry_starts_that_cannot_finish_in_time(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Fail.server_error("the GPU is on fire")
    client = make_llm_client(policy=RetryPolicy(max_retries=5, backoff=2, max_backoff=2))
    started = time.monotonic()
    with time_limit(0.5, "LLM_REQUEST_DEADLINE"), pytest.raises(LLMUnavailable) as raised:
        await client.complete(REQUEST)
    # The backoff (at least 1 s) does not fit: the server's own failure is the answer, at once.
    assert time.monotonic() - started < 0.5
    assert "the GPU is on fire" in raised.value.message
    assert len(llm_server.chat_requests) == 1


async def test_without_a_limit_each_attempt_has_the_whole_timeout(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Reply("slow but fine", delay=0.3)
    client = make_llm_client(timeout=5)
    assert (await client.complete(REQUEST)).content == "slow but fine"


async def test_a_streamed_answer_stops_at_the_limit(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    # One chunk of text, then nothing: the stream is open and only the limit ends it.
    llm_server.handler = lambda _: Reply("x" * 16, chunk_size=8, stall_after=1)
    client = make_llm_client(timeout=HANG)
    stats = StreamStats()
    received: list[str] = []
    started = time.monotonic()
    with time_limit(0.5, "LLM_REQUEST_DEADLINE"), pytest.raises(DeadlineExceeded):
        async for text in client.stream(REQUEST, stats):
            received.append(text)
    assert time.monotonic() - started < 3
    assert received == ["x" * 8]
    # The reader left: what the server produced is still counted (as an estimate).
    assert stats.completion_tokens > 0
    await until_abandoned(llm_server)


@pytest.mark.parametrize("provider", ["openai"])
async def test_a_collected_answer_abandoned_at_the_limit_closes_the_stream(
    provider: Provider, llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Reply.json({"a": "b" * 40}, chunk_size=8, stall_after=1)
    client = make_llm_client(timeout=HANG)
    with time_limit(0.5, "LLM_TASK_STEP_DEADLINE"), pytest.raises(DeadlineExceeded) as raised:
        await client.complete(STRUCTURED)
    assert "LLM_TASK_STEP_DEADLINE" in raised.value.message
    # The server learns that nobody is listening, and stops (llama.cpp frees its slot).
    await until_abandoned(llm_server)


async def until_abandoned(server: LLMServer) -> None:
    for _ in range(250):
        if server.abandoned_streams:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the server never saw the client leave")


@pytest.mark.parametrize("provider", ["openai", "groq"])
async def test_only_local_servers_are_asked_for_streams(
    provider: Provider, llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Reply.json({"a": "b"})
    result = await make_llm_client().complete(STRUCTURED)
    assert result.content == '{"a": "b"}'
    (sent,) = llm_server.chat_requests
    # llama.cpp and Ollama go on generating for a client that left a plain request; Groq does not
    # need it, and its non-streamed answers carry exact usage.
    assert sent.stream is (provider == "openai")
    assert result.prompt_tokens > 0 and result.completion_tokens > 0
