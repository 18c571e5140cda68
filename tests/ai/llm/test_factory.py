"""Engine choice from the settings, start-up refusals, and /health naming the engine and models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from jobwise.ai.factory import choose_engine, open_engine
from jobwise.ai.llm.engine import LLMEngine
from jobwise.ai.llm.groq import GroqClient
from jobwise.ai.llm.openai_compatible import OpenAICompatibleClient
from jobwise.config import ConfigurationError
from jobwise.main import create_app
from tests.ai.llm.conftest import AppFactory
from tests.conftest import make_settings
from tests.fakes.llm_server import LLMServer, Reply


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, "offline"),
        ({"GROQ_API_KEY": "gsk_x"}, "groq"),
        ({"LLM_BASE_URL": "http://localhost:11434/v1"}, "openai"),
        # Groq wins when both are configured; AI_ENGINE decides over both.
        ({"GROQ_API_KEY": "gsk_x", "LLM_BASE_URL": "http://localhost:11434/v1"}, "groq"),
        ({"AI_ENGINE": "offline", "GROQ_API_KEY": "gsk_x"}, "offline"),
        ({"AI_ENGINE": "openai", "GROQ_API_KEY": "gsk_x", "LLM_BASE_URL": "http://x/v1"}, "openai"),
        ({"AI_ENGINE": "groq"}, "groq"),
    ],
)
def test_the_engine_is_chosen_from_the_settings(
    tmp_path: Path, settings: dict[str, Any], expected: str
) -> None:
    assert choose_engine(make_settings(tmp_path, **{"AI_ENGINE": "", **settings})) == expected


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"AI_ENGINE": "groq"}, "AI_ENGINE=groq needs GROQ_API_KEY"),
        ({"AI_ENGINE": "openai"}, "needs LLM_BASE_URL"),
        ({"AI_ENGINE": "openai", "LLM_BASE_URL": "http://localhost:8080/v1"}, "set LLM_MODEL_FAST"),
        (
            {"AI_ENGINE": "openai", "LLM_BASE_URL": "localhost:8080", "LLM_MODEL_FAST": "m"},
            "LLM_BASE_URL must be",
        ),
    ],
)
def test_an_engine_that_cannot_work_stops_the_start(
    tmp_path: Path, settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        create_app(make_settings(tmp_path, **settings))


async def test_one_model_name_serves_both_tiers(tmp_path: Path, llm_server: LLMServer) -> None:
    settings = make_settings(
        tmp_path, **llm_server.settings_for("openai", LLM_MODEL_FAST="", LLM_MODEL_QUALITY="qwen2.5:7b")
    )
    app = create_app(settings)
    engine = app.state.engine
    assert isinstance(engine, LLMEngine)
    assert (engine.info.model_fast, engine.info.model_quality) == ("qwen2.5:7b", "qwen2.5:7b")
    await engine.aclose()


async def test_openai_itself_is_used_with_only_a_key(tmp_path: Path) -> None:
    app = create_app(
        make_settings(tmp_path, AI_ENGINE="openai", LLM_API_KEY="sk-x", LLM_MODEL_FAST="gpt-4o-mini")
    )
    engine = app.state.engine
    assert isinstance(engine, LLMEngine)
    assert isinstance(engine.client, OpenAICompatibleClient)
    assert engine.client.base_url == "https://api.openai.com/v1"
    await engine.aclose()


@pytest.mark.parametrize("provider", ["openai", "groq"])
async def test_health_names_the_engine_and_models(make_llm_app: AppFactory, provider: str) -> None:
    app = await make_llm_app(provider)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        body = (await http.get("/health")).json()
    assert body["ai"] == {
        "engine": provider,
        "llm": True,
        "models": {"fast": "fast-model", "quality": "quality-model"},
        "status": "reachable",  # the server answered /health's probe (tests/test_health.py)
        "checked_at": body["ai"]["checked_at"],
    }
    expected = GroqClient if provider == "groq" else OpenAICompatibleClient
    assert isinstance(app.state.engine.client, expected)


async def test_the_groq_engine_defaults_to_the_gpt_oss_models(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, AI_ENGINE="", GROQ_API_KEY="gsk_x"))
    assert app.state.ai_status == {
        "engine": "groq",
        "llm": True,
        "models": {"fast": "openai/gpt-oss-20b", "quality": "openai/gpt-oss-120b"},
    }
    await app.state.engine.aclose()


async def test_the_offline_default_says_so_on_health(client: httpx.AsyncClient) -> None:
    body = (await client.get("/health")).json()
    assert body["ai"]["engine"] == "offline"
    assert body["ai"]["llm"] is False
    assert body["ai"]["models"] is None


async def test_open_engine_serves_a_process_without_the_app(
    data_dir: Path, database_url: str, llm_server: LLMServer
) -> None:
    """`jobwise worker` and benchmarks open the engine on their own and close it afterwards."""
    llm_server.handler = lambda _: Reply.json({"text": "Better."})
    settings = make_settings(data_dir, DATABASE_URL=database_url, **llm_server.settings_for("groq"))
    async with open_engine(settings) as engine:
        assert isinstance(engine, LLMEngine)
        assert engine.info.name == "groq"
        from jobwise.ai.engine import CallContext, EnhanceItem

        (result,) = await engine.enhance_texts(
            [EnhanceItem(id="1", kind="bullet", text="x")], {}, ctx=CallContext()
        )
    assert result.text == "Better."
