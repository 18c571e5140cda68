"""/health reports whether the AI engine's server answers, without failing the API's own health."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from jobwise.health import EngineProbe
from tests.conftest import AppFactory, client_from
from tests.fakes.llm_server import LLMServer
from tests.processes import free_port

Answer = Callable[[httpx.Request], httpx.Response]

# --- through the app -------------------------------------------------------------------------


async def test_an_llm_server_that_is_down_leaves_the_api_healthy(make_app: AppFactory) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/v1"
    app = await make_app(AI_ENGINE="openai", LLM_BASE_URL=nowhere, LLM_MODEL_FAST="m")
    async with client_from(app) as http:
        response = await http.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy" and body["database"]["status"] == "connected"
    assert body["ai"]["engine"] == "openai"
    assert body["ai"]["status"] == "unreachable"
    assert "LLM_BASE_URL" in body["ai"]["detail"]
    assert nowhere not in response.text  # signed-in users see this too: where the server is stays private


@pytest.mark.parametrize(
    ("provider", "path", "key"),
    [("openai", "/v1/models", "sk-test-key"), ("groq", "/openai/v1/models", "gsk_test_key")],
)
async def test_a_reachable_server_is_asked_for_its_models_once_and_remembered(
    make_app: AppFactory, llm_server: LLMServer, provider: Any, path: str, key: str
) -> None:
    app = await make_app(**llm_server.settings_for(provider))
    async with client_from(app) as http:
        first = (await http.get("/health")).json()
        second = (await http.get("/health")).json()
    assert first["ai"]["status"] == "reachable"
    assert second["ai"] == first["ai"]  # cached: the same check, not a new one
    (probe,) = llm_server.model_list_requests
    assert probe.path == path
    assert probe.headers["authorization"] == f"Bearer {key}"
    assert llm_server.chat_requests == []  # a model list costs no tokens; a chat would


async def test_anonymous_callers_from_elsewhere_never_trigger_a_probe(
    make_app: AppFactory, llm_server: LLMServer
) -> None:
    app = await make_app(**llm_server.settings_for("openai"))
    async with client_from(app, "203.0.113.9") as remote:
        response = await remote.get("/health")
    assert response.json() == {"status": "healthy"}
    assert llm_server.model_list_requests == []


# --- the probe -------------------------------------------------------------------------------


def _probe(answer: Answer, **options: Any) -> tuple[EngineProbe, list[str]]:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return answer(request)

    probe = EngineProbe(
        "http://llm.test/v1/models",
        key_setting="LLM_API_KEY",
        url_setting="LLM_BASE_URL",
        transport=httpx.MockTransport(handler),
        **options,
    )
    return probe, asked


def _raise(error: type[httpx.HTTPError]) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        raise error("no", request=request)  # type: ignore[call-arg]

    return answer


@pytest.mark.parametrize(
    ("answer", "status", "detail"),
    [
        (lambda _: httpx.Response(200, json={"data": []}), "reachable", None),
        (lambda _: httpx.Response(401), "unreachable", "HTTP 401; check LLM_API_KEY"),
        (
            lambda _: httpx.Response(404),
            "unreachable",
            "HTTP 404; check LLM_BASE_URL (it usually ends in /v1)",
        ),
        (lambda _: httpx.Response(503), "unreachable", "HTTP 503; the server has a problem of its own"),
        (_raise(httpx.ConnectError), "unreachable", "cannot connect (ConnectError)"),
        (_raise(httpx.ReadTimeout), "unreachable", "no answer within 2 s; check LLM_BASE_URL"),
    ],
)
async def test_the_probe_says_what_to_check(answer: Answer, status: str, detail: str | None) -> None:
    probe, _ = _probe(answer)
    try:
        result = await probe.status()
    finally:
        await probe.aclose()
    assert result["status"] == status
    if detail is None:
        assert "detail" not in result
    else:
        assert detail in result["detail"]


async def test_the_answer_is_kept_for_the_ttl_and_shared_by_concurrent_callers() -> None:
    now = [100.0]
    probe, asked = _probe(lambda _: httpx.Response(200), ttl=30, clock=lambda: now[0])
    try:
        await asyncio.gather(*(probe.status() for _ in range(5)))
        assert len(asked) == 1
        now[0] += 29.9
        await probe.status()
        assert len(asked) == 1
        now[0] += 0.1
        await probe.status()
        assert len(asked) == 2
    finally:
        await probe.aclose()


async def test_the_offline_engine_has_nothing_to_reach() -> None:
    probe = EngineProbe(None)
    assert await probe.status() == {"status": "offline"}
    await probe.aclose()
