"""Both SDK adapters against the test server: paths, streaming, retries, errors, format fallback."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import pytest

from jobwise.ai.errors import (
    LLMInvalidOutput,
    LLMModelUnavailable,
    LLMRateLimited,
    LLMRequestRejected,
    LLMUnavailable,
)
from jobwise.ai.llm.base import RetryPolicy
from jobwise.ai.llm.client import ChatMessage, ChatRequest, JsonFormat, StreamStats
from jobwise.ai.llm.groq import GroqClient
from jobwise.ai.llm.openai_compatible import OpenAICompatibleClient
from jobwise.errors import JobWiseError
from tests.ai.llm.conftest import ClientFactory, Provider
from tests.fakes.llm_server import Fail, LLMServer, Raw, Recorded, Reply

SCHEMA = JsonFormat(
    name="answer",
    schema={
        "type": "object",
        "properties": {"answer": {"type": "string"}},
        "required": ["answer"],
        "additionalProperties": False,
    },
)


def request(model: str = "fast-model", **kwargs: object) -> ChatRequest:
    values: dict[str, object] = {
        "messages": (ChatMessage("system", "Be brief."), ChatMessage("user", "Say hello.")),
        "model": model,
        "max_tokens": 64,
        "model_setting": "LLM_MODEL_FAST",
    }
    values.update(kwargs)
    return ChatRequest(**values)  # type: ignore[arg-type]


async def test_each_sdk_requests_its_own_path_with_the_key(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    await make_llm_client().complete(request())
    (sent,) = llm_server.requests
    expected = {"groq": "/openai/v1/chat/completions", "openai": "/v1/chat/completions"}[provider]
    assert sent.path == expected
    key = {"groq": "gsk_test_key", "openai": "sk-test-key"}[provider]
    assert sent.headers["authorization"] == f"Bearer {key}"
    assert sent.body["max_tokens"] == 64
    assert sent.body["model"] == "fast-model"


async def test_answer_usage_and_finish_reason_are_read(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Reply("Hello.", prompt_tokens=11, completion_tokens=3))
    result = await make_llm_client().complete(request())
    assert (result.content, result.finish_reason, result.mode) == ("Hello.", "stop", "text")
    assert (result.prompt_tokens, result.completion_tokens, result.attempts) == (11, 3, 1)


async def test_streaming_yields_the_text_in_chunks_and_the_usage(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    llm_server.script(
        Reply("A streamed answer, in pieces.", chunk_size=5, prompt_tokens=9, completion_tokens=6)
    )
    stats = StreamStats()
    chunks = [chunk async for chunk in make_llm_client().stream(request(), stats)]
    assert len(chunks) > 3
    assert "".join(chunks) == "A streamed answer, in pieces."
    assert (stats.prompt_tokens, stats.completion_tokens, stats.finish_reason) == (9, 6, "stop")
    sent = llm_server.requests[0]
    assert sent.stream
    # OpenAI-compatible servers are asked for usage in the last chunk; Groq sends it in x_groq.
    assert ("stream_options" in sent.body) == (provider == "openai")


async def test_calls_one_after_another_keep_one_connection(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    """A stream is read to its end after [DONE], so its connection goes back to the pool: left
    unread, it was closed, and each call to a hosted API paid for a new TLS handshake."""
    client = make_llm_client()
    llm_server.script(Reply("One.", chunk_size=2), Reply("Two.", chunk_size=2), Reply("Three."))
    await client.complete(request())
    "".join([chunk async for chunk in client.stream(request(), StreamStats())])
    await client.complete(request())
    first, second, third = llm_server.requests
    assert first.client is not None
    assert first.client == second.client == third.client


async def test_stream_failure_before_the_first_chunk_is_retried(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.server_error(), Reply("second time lucky"))
    stats = StreamStats()
    text = "".join([chunk async for chunk in make_llm_client().stream(request(), stats)])
    assert text == "second time lucky"
    assert len(llm_server.requests) == 2


async def test_a_slow_server_times_out_with_a_503_naming_the_timeout_setting(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    llm_server.script(Reply("too late", delay=3))
    client = make_llm_client(timeout=0.2, policy=RetryPolicy(max_retries=0))
    started = time.perf_counter()
    with pytest.raises(LLMUnavailable) as caught:
        await client.complete(request())
    assert time.perf_counter() - started < 2
    assert caught.value.status_code == 503
    assert caught.value.code == "llm_timeout"
    assert "timed out" in caught.value.message
    assert {"groq": "GROQ_TIMEOUT", "openai": "LLM_TIMEOUT"}[provider] in caught.value.message


async def test_a_timeout_is_retried(llm_server: LLMServer, make_llm_client: ClientFactory) -> None:
    llm_server.script(Reply("too late", delay=3), Reply("in time"))
    result = await make_llm_client(timeout=0.3).complete(request())
    assert result.content == "in time"
    assert result.attempts == 2


@pytest.mark.parametrize("in_ms", [False, True])
async def test_429_waits_as_long_as_retry_after_says(
    llm_server: LLMServer, make_llm_client: ClientFactory, in_ms: bool
) -> None:
    llm_server.script(Fail.rate_limited(0.3, ms=in_ms), Reply("after the wait"))
    started = time.perf_counter()
    result = await make_llm_client().complete(request())
    elapsed = time.perf_counter() - started
    assert result.content == "after the wait"
    assert result.attempts == 2
    # The backoff alone would be about 0.01 s: the wait is the server's.
    assert elapsed >= 0.3


async def test_429_that_persists_becomes_a_429_with_retry_after(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Fail.rate_limited(0.05)
    with pytest.raises(LLMRateLimited) as caught:
        await make_llm_client().complete(request())
    assert caught.value.status_code == 429
    assert caught.value.headers["Retry-After"] == "1"
    assert len(llm_server.requests) == 3  # the first try and max_retries=2


async def test_a_retry_after_longer_than_the_policy_allows_is_passed_on_at_once(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.rate_limited(120))
    started = time.perf_counter()
    with pytest.raises(LLMRateLimited) as caught:
        await make_llm_client().complete(request())
    assert time.perf_counter() - started < 1
    assert caught.value.headers["Retry-After"] == "120"
    assert len(llm_server.requests) == 1


async def test_500_then_success(llm_server: LLMServer, make_llm_client: ClientFactory) -> None:
    llm_server.script(Fail.server_error(), Fail(502, "Bad gateway"), Reply("recovered"))
    result = await make_llm_client().complete(request())
    assert (result.content, result.attempts) == ("recovered", 3)


async def test_500_every_time_is_a_503_after_the_retries(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.handler = lambda _: Fail.server_error("the GPU caught fire")
    with pytest.raises(LLMUnavailable) as caught:
        await make_llm_client().complete(request())
    assert caught.value.code == "llm_server_error"
    assert "the GPU caught fire" in caught.value.message
    assert len(llm_server.requests) == 3


@pytest.mark.parametrize("status", [400, 403, 409, 413, 422])
async def test_other_4xx_are_never_retried(
    llm_server: LLMServer, make_llm_client: ClientFactory, status: int
) -> None:
    llm_server.handler = lambda _: Fail(status, "No, and asking again will not help")
    with pytest.raises(LLMRequestRejected) as caught:
        await make_llm_client().complete(request())
    assert len(llm_server.requests) == 1
    assert caught.value.status_code == 503
    assert "asking again will not help" in caught.value.message


async def test_a_refused_key_names_the_key_setting(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    llm_server.script(Fail(401, "Invalid API Key", "invalid_api_key"))
    with pytest.raises(LLMRequestRejected) as caught:
        await make_llm_client().complete(request())
    assert caught.value.code == "llm_auth_failed"
    assert {"groq": "GROQ_API_KEY", "openai": "LLM_API_KEY"}[provider] in caught.value.message
    assert len(llm_server.requests) == 1


async def test_an_unknown_model_names_the_setting_to_change(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.known_models = {"fast-model"}
    with pytest.raises(LLMModelUnavailable) as caught:
        await make_llm_client().complete(
            request("llama-3.1-70b-versatile", model_setting="GROQ_MODEL_QUALITY")
        )
    assert caught.value.status_code == 503
    assert "llama-3.1-70b-versatile" in caught.value.message
    assert "set GROQ_MODEL_QUALITY" in caught.value.message
    assert len(llm_server.requests) == 1


async def test_a_decommissioned_model_names_the_setting_to_change(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.decommissioned("llama-3.1-8b-instant"))
    with pytest.raises(LLMModelUnavailable) as caught:
        await make_llm_client().complete(request("llama-3.1-8b-instant", model_setting="GROQ_MODEL_FAST"))
    assert "decommissioned" in caught.value.message
    assert "set GROQ_MODEL_FAST" in caught.value.message


async def test_a_wrong_base_url_is_a_clear_404(llm_server: LLMServer) -> None:
    client = OpenAICompatibleClient(
        base_url=llm_server.url + "/wrong", timeout=2, policy=RetryPolicy(max_retries=0)
    )
    try:
        # The server answers 404 for paths that are not chat completions.
        llm_server.handler = lambda _: Fail(404, "no route")
        with pytest.raises(LLMRequestRejected) as caught:
            await client.complete(request())
    finally:
        await client.aclose()
    assert caught.value.code == "llm_endpoint_not_found"
    assert "LLM_BASE_URL" in caught.value.message


async def test_nothing_listening_is_a_503_naming_the_url_setting(provider: Provider) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    policy = RetryPolicy(max_retries=1, backoff=0.01)
    url = f"http://127.0.0.1:{port}"
    client = (
        GroqClient(api_key="k", base_url=url, timeout=2, policy=policy)
        if provider == "groq"
        else OpenAICompatibleClient(base_url=url + "/v1", timeout=2, policy=policy)
    )
    try:
        with pytest.raises(LLMUnavailable) as caught:
            await client.complete(request())
    finally:
        await client.aclose()
    assert caught.value.code == "llm_unreachable"
    assert {"groq": "GROQ_BASE_URL", "openai": "LLM_BASE_URL"}[provider] in caught.value.message


async def test_json_schema_is_asked_for_first_in_strict_form(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Reply('{"answer": "hi"}'))
    result = await make_llm_client().complete(request(json_format=SCHEMA))
    assert result.mode == "json_schema"
    sent = llm_server.requests[0].response_format
    assert sent == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": SCHEMA.schema, "strict": True},
    }


async def test_json_schema_rejected_with_500_falls_back_and_remembers(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    """llama-cpp-python's server answers json_schema with a 500; JSON mode works."""
    llm_server.reject_json_schema = True
    llm_server.handler = lambda _: Reply('{"answer": "hi"}')
    client = make_llm_client()
    first = await client.complete(request(json_format=SCHEMA))
    second = await client.complete(request(json_format=SCHEMA))
    fallback = {"openai": "json_object_schema", "groq": "json_object"}[provider]
    assert first.mode == second.mode == fallback
    formats = [r.format_type for r in llm_server.requests]
    # One probe, then straight to the fallback: the refusal is remembered.
    assert formats == ["json_schema", "json_object", "json_object"]
    if provider == "openai":
        # llama.cpp constrains decoding with the schema given next to JSON mode.
        assert llm_server.requests[1].response_format == {"type": "json_object", "schema": SCHEMA.schema}
    # Without server-side enforcement the schema goes into the prompt.
    assert '"answer"' in llm_server.requests[1].system


async def test_json_schema_rejected_with_400_falls_back(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.bad_request("response_format `json_schema` is not supported with this model"))
    llm_server.handler = lambda _: Reply('{"answer": "hi"}')
    client = make_llm_client()
    assert (await client.complete(request(json_format=SCHEMA))).mode != "json_schema"
    assert "json_schema" in client.unsupported_modes["fast-model"]


async def test_a_server_refusing_the_schema_field_gets_plain_json_mode(llm_server: LLMServer) -> None:
    client = OpenAICompatibleClient(base_url=llm_server.openai_base_url, timeout=2, policy=RetryPolicy())
    llm_server.script(
        Fail.bad_request("Invalid value: 'json_schema'. Supported values are: 'json_object' and 'text'."),
        Fail.bad_request("Unknown parameter: 'response_format.schema'."),
    )
    llm_server.handler = lambda _: Reply('{"answer": "hi"}')
    try:
        result = await client.complete(request(json_format=SCHEMA))
    finally:
        await client.aclose()
    assert result.mode == "json_object"
    assert llm_server.requests[-1].response_format == {"type": "json_object"}


async def test_a_flaky_500_does_not_mark_json_schema_unsupported(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.server_error(), Fail.server_error())
    llm_server.handler = lambda _: Reply('{"answer": "hi"}')
    client = make_llm_client()
    result = await client.complete(request(json_format=SCHEMA))
    # The simpler mode failed as well, so the server was failing, not refusing the format.
    assert result.mode == "json_schema"
    assert not client.unsupported_modes["fast-model"]
    assert [r.format_type for r in llm_server.requests] == ["json_schema", "json_object", "json_schema"]


async def test_a_refused_reasoning_effort_is_dropped_and_remembered(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(Fail.bad_request("`reasoning_effort` is not supported with this model"))
    client = make_llm_client()
    await client.complete(request(reasoning_effort="low"))
    await client.complete(request(reasoning_effort="low"))
    sent = [("reasoning_effort" in r.body) for r in llm_server.requests]
    assert sent == [True, False, False]


async def test_max_tokens_is_swapped_when_the_server_asks_for_max_completion_tokens(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.script(
        Fail.bad_request("Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead.")
    )
    await make_llm_client().complete(request())
    retried = llm_server.requests[1].body
    assert retried["max_completion_tokens"] == 64
    assert "max_tokens" not in retried


# -- a server that refuses a mode by name, slowly ----------------------------------------------

# What llama-cpp-python's server answers to response_format json_schema.
REFUSED_BY_NAME = Fail(500, "Unsupported response_format type: 'json_schema'", None, "internal_server_error")
FALLBACK = {"openai": "json_object_schema", "groq": "json_object"}


async def test_a_500_naming_response_format_is_a_refusal_remembered_at_once(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    llm_server.handler = lambda r: (
        REFUSED_BY_NAME if r.format_type == "json_schema" else Reply('{"answer": "hi"}')
    )
    client = make_llm_client()
    first = await client.complete(request(json_format=SCHEMA))
    second = await client.complete(request(json_format=SCHEMA))
    assert first.mode == second.mode == FALLBACK[provider]
    assert "json_schema" in client.unsupported_modes["fast-model"]
    assert [r.format_type for r in llm_server.requests] == ["json_schema", "json_object", "json_object"]


async def test_a_refused_mode_then_a_slow_fallback_ends_in_a_timeout_naming_the_setting(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    """The issue's run: json_schema refused with a 500, the fallback too slow for the timeout. The
    answer names the timeout and its setting, not the irrelevant 500, and json_schema is not
    asked for again."""

    def slow_server(r: Recorded) -> Fail | Reply:
        if r.format_type == "json_schema":
            return REFUSED_BY_NAME
        return Reply('{"answer": "hi"}', delay=3)

    llm_server.handler = slow_server
    client = make_llm_client(timeout=0.3, policy=RetryPolicy(max_retries=1, backoff=0.01))
    with pytest.raises(LLMUnavailable) as caught:
        await client.complete(request(json_format=SCHEMA))
    error = caught.value
    assert error.code == "llm_timeout"
    assert "timed out" in error.message and "500" not in error.message
    assert {"groq": "GROQ_TIMEOUT", "openai": "LLM_TIMEOUT"}[provider] in error.message
    assert [r.format_type for r in llm_server.requests] == ["json_schema", "json_object", "json_object"]
    assert "json_schema" in client.unsupported_modes["fast-model"]


async def test_timeouts_on_the_way_are_named_whatever_the_last_failure(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    """A bare 500 on json_schema is probed with the next mode; that probe times out, so the
    refusal is unproven and json_schema is asked again. The 503 still names the timeout."""
    llm_server.handler = lambda r: (
        Fail.server_error() if r.format_type == "json_schema" else Reply('{"answer": "hi"}', delay=3)
    )
    client = make_llm_client(timeout=0.3, policy=RetryPolicy(max_retries=1, backoff=0.01))
    with pytest.raises(LLMUnavailable) as caught:
        await client.complete(request(json_format=SCHEMA))
    assert caught.value.code == "llm_server_error"
    assert "1 of them timed out after 0.3 s" in caught.value.message
    assert "LLM_TIMEOUT" in caught.value.message or "GROQ_TIMEOUT" in caught.value.message
    assert caught.value.details["timeouts"] == 1


async def test_a_refusal_met_by_one_call_steers_the_retries_of_concurrent_calls(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    """Call B waits out a 429 on json_schema; meanwhile call A learns that json_schema is refused.
    B's retry uses the fallback instead of asking for json_schema again."""
    b_is_waiting = threading.Event()

    def server(r: Recorded) -> Fail | Reply:
        if r.format_type == "json_schema" and r.user == "B" and not b_is_waiting.is_set():
            b_is_waiting.set()
            return Fail.rate_limited(0.4)
        if r.format_type == "json_schema":
            return REFUSED_BY_NAME
        return Reply('{"answer": "hi"}')

    llm_server.handler = server
    client = make_llm_client()

    async def call(who: str) -> str:
        messages = (ChatMessage("system", "Be brief."), ChatMessage("user", who))
        return (await client.complete(request(json_format=SCHEMA, messages=messages))).mode

    b = asyncio.create_task(call("B"))
    assert await asyncio.to_thread(b_is_waiting.wait, 5)
    assert await call("A") == FALLBACK[provider]
    assert await b == FALLBACK[provider]
    formats_of_b = [r.format_type for r in llm_server.requests if r.user == "B"]
    assert formats_of_b == ["json_schema", "json_object"]
    # And every call from now on starts with the fallback.
    await client.complete(request(json_format=SCHEMA))
    assert llm_server.requests[-1].format_type == "json_object"


async def test_the_memory_is_per_model(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    """One server may constrain one model's output and not another's (Groq's strict models)."""
    llm_server.handler = lambda r: (
        REFUSED_BY_NAME
        if r.format_type == "json_schema" and r.model == "fast-model"
        else Reply('{"answer": "hi"}')
    )
    client = make_llm_client()
    assert (await client.complete(request(json_format=SCHEMA))).mode == FALLBACK[provider]
    assert (await client.complete(request("quality-model", json_format=SCHEMA))).mode == "json_schema"


# -- a 200 whose body is not a chat completion ------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        Raw('{"choices": [{"message": {"content": "cut off'),
        Raw("<html><body>Please sign in</body></html>", content_type="text/html"),
        Raw('{"error": {"message": "model is loading"}}'),
        Raw("", content_type="text/plain"),
    ],
    ids=["truncated-json", "html-page", "error-in-a-200", "empty"],
)
async def test_a_200_that_is_not_a_chat_completion_is_an_invalid_answer_at_once(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider, body: Raw
) -> None:
    llm_server.script(body)
    client = make_llm_client()
    with pytest.raises(LLMInvalidOutput) as caught:
        await client.complete(request(json_format=SCHEMA))
    error = caught.value
    assert error.status_code == 503
    assert error.code == "llm_malformed_response"
    assert "not a chat completion" in error.message
    assert {"groq": "GROQ_BASE_URL", "openai": "LLM_BASE_URL"}[provider] in error.message
    # Asking again would get the same page: not retried, and no format is marked unsupported.
    assert len(llm_server.requests) == 1
    assert not any(client.unsupported_modes.values())


@pytest.mark.parametrize(
    "body",
    [
        Raw("data: {not json\n\n", content_type="text/event-stream"),
        Raw('{"id": "chatcmpl-1"}'),
    ],
    ids=["event-not-json", "no-events"],
)
async def test_a_stream_that_is_not_a_chat_completion_stream_is_an_invalid_answer(
    llm_server: LLMServer, make_llm_client: ClientFactory, body: Raw
) -> None:
    llm_server.script(body)
    with pytest.raises(LLMInvalidOutput) as caught:
        _ = [chunk async for chunk in make_llm_client().stream(request(), StreamStats())]
    assert caught.value.code == "llm_malformed_response"
    assert len(llm_server.requests) == 1


def _chunk(text: str) -> str:
    return json.dumps(
        {"model": "m", "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    )


async def test_a_stream_is_read_as_the_sse_format_says(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    # Comments (keep-alives) are skipped, an event's data may span lines, "[DONE]" ends it.
    body = (
        ": keep-alive\n\n"
        f"data: {_chunk('Hello')}\n\n"
        'data: {"model": "m", "choices": [{"index": 0,\ndata: "delta": {"content": ", world"}}]}\n\n'
        "data: [DONE]\n\n"
        f"data: {_chunk('never read')}\n\n"
    )
    llm_server.script(Raw(body, content_type="text/event-stream"))
    text = "".join([chunk async for chunk in make_llm_client().stream(request(), StreamStats())])
    assert text == "Hello, world"


@pytest.mark.parametrize(
    "failure",
    [
        'event: error\ndata: {"error": {"message": "model crashed"}}\n\n',
        'data: {"error": {"message": "model crashed"}}\n\n',
    ],
    ids=["error-event", "error-in-a-chunk"],
)
async def test_a_server_failing_mid_answer_is_a_broken_off_stream(
    llm_server: LLMServer, make_llm_client: ClientFactory, failure: str
) -> None:
    body = f"data: {_chunk('The start')}\n\n" + failure
    llm_server.script(Raw(body, content_type="text/event-stream"))
    received: list[str] = []
    with pytest.raises(JobWiseError) as caught:
        async for chunk in make_llm_client().stream(request(), StreamStats()):
            received.append(chunk)
    assert received == ["The start"]
    assert "model crashed" in caught.value.message


# -- usage the server does not report ---------------------------------------------------------


async def test_a_stream_without_usage_is_counted_as_an_estimate(
    llm_server: LLMServer, make_llm_client: ClientFactory, provider: Provider
) -> None:
    llm_server.reports_usage = False
    text = "A streamed answer that the server sends without any usage."
    llm_server.script(Reply(text, chunk_size=5))
    stats = StreamStats()
    assert "".join([chunk async for chunk in make_llm_client().stream(request(), stats)]) == text
    assert stats.usage_estimated and not stats.usage_reported
    assert stats.completion_tokens == -(-len(text) // 4)
    # The prompt: both messages' characters / 4, plus a few tokens a message for the template.
    assert stats.prompt_tokens == -(-len("Be brief.") // 4) + -(-len("Say hello.") // 4) + 8
    if provider == "openai":
        # Asked for, though this server ignores it.
        assert llm_server.requests[0].body["stream_options"] == {"include_usage": True}


async def test_a_stream_the_reader_abandons_is_counted_too(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    # Usage comes in the last chunk; a reader who leaves early never gets it.
    llm_server.script(Reply("word " * 200, chunk_size=10))
    stats = StreamStats()
    stream = make_llm_client().stream(request(), stats)
    assert await anext(stream)
    await stream.aclose()
    assert stats.usage_estimated
    assert stats.prompt_tokens > 0 and stats.completion_tokens > 0


async def test_an_answer_without_usage_is_counted_as_an_estimate(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.reports_usage = False
    llm_server.script(Reply("x" * 40))
    result = await make_llm_client().complete(request())
    assert result.usage_estimated
    assert (result.prompt_tokens, result.completion_tokens) == (3 + 3 + 8, 10)


async def test_reported_usage_is_not_estimated(llm_server: LLMServer, make_llm_client: ClientFactory) -> None:
    llm_server.script(Reply("Hello.", prompt_tokens=11, completion_tokens=3))
    stats = StreamStats()
    _ = [chunk async for chunk in make_llm_client().stream(request(), stats)]
    assert (stats.prompt_tokens, stats.completion_tokens, stats.usage_estimated) == (11, 3, False)
