"""Settings: the daily token budget's default follows the engine (0 is "no limit" only when said),
and .env.example lists every setting, each with its default."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from jobwise.ai.factory import close_engine, create_ai_engine
from jobwise.ai.prompts import load_configured_prompts
from jobwise.config import DEFAULT_LLM_DAILY_TOKEN_BUDGET, Settings
from jobwise.db import create_database
from tests.conftest import make_settings

EXAMPLE = Path(__file__).resolve().parents[1] / ".env.example"

GROQ = {"AI_ENGINE": "", "GROQ_API_KEY": "gsk_x"}
OPENAI = {"AI_ENGINE": "", "LLM_BASE_URL": "http://localhost:11434/v1"}


@pytest.mark.parametrize(
    ("settings", "budget"),
    [
        # The offline engine spends no tokens: nothing to limit.
        ({"AI_ENGINE": "offline"}, 0),
        ({"AI_ENGINE": "offline", "GROQ_API_KEY": "gsk_x"}, 0),
        # An LLM engine, chosen or configured, has a budget unless one is given.
        (GROQ, DEFAULT_LLM_DAILY_TOKEN_BUDGET),
        (OPENAI, DEFAULT_LLM_DAILY_TOKEN_BUDGET),
        ({"AI_ENGINE": "openai"}, DEFAULT_LLM_DAILY_TOKEN_BUDGET),
        ({**GROQ, "LLM_DAILY_TOKEN_BUDGET": 5000}, 5000),
        # 0 means no limit, but only when set explicitly.
        ({**OPENAI, "LLM_DAILY_TOKEN_BUDGET": 0}, 0),
        ({**OPENAI, "LLM_DAILY_TOKEN_BUDGET": "0"}, 0),
        # An empty value (`LLM_DAILY_TOKEN_BUDGET=` in a .env file) is the default.
        ({**OPENAI, "LLM_DAILY_TOKEN_BUDGET": ""}, DEFAULT_LLM_DAILY_TOKEN_BUDGET),
        ({**OPENAI, "LLM_DAILY_TOKEN_BUDGET": " "}, DEFAULT_LLM_DAILY_TOKEN_BUDGET),
    ],
)
def test_the_daily_token_budget_defaults_on_with_an_llm_engine(
    tmp_path: Path, settings: dict[str, Any], budget: int
) -> None:
    assert make_settings(tmp_path, **settings).llm_daily_token_budget == budget


class _DotenvOnly(Settings):
    """Settings from a .env file only: the developer's environment must not change the test."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, dotenv_settings)


def test_the_example_env_file_holds_the_defaults() -> None:
    # Copying .env.example to .env must change nothing: in particular it must not turn the
    # default token budget off or loosen a rate limit.
    example = _DotenvOnly(_env_file=EXAMPLE)
    defaults = _DotenvOnly(_env_file=None)
    assert example.model_dump() == defaults.model_dump()
    assert example.LLM_DAILY_TOKEN_BUDGET is None


def _listed(text: str) -> list[str]:
    """The names .env.example sets; the commented-out worked examples are not settings."""
    return re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE)


def test_the_example_env_file_lists_every_setting_once() -> None:
    # Both ways: a setting added to the class must be documented, and a name the class does
    # not know (a typo, a removed setting) would be silently ignored (extra="ignore").
    listed = _listed(EXAMPLE.read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(set(listed)), "a setting is listed twice"
    assert set(listed) == set(Settings.model_fields)


async def test_the_worked_ollama_example_builds_an_engine_without_a_key(tmp_path: Path) -> None:
    # The commented example, uncommented, is what a newcomer pastes: no key, and the engine starts.
    text = EXAMPLE.read_text(encoding="utf-8")
    example = dict(re.findall(r"^#\s+([A-Z][A-Z0-9_]*)=(\S+)", text, flags=re.MULTILINE))
    assert example["LLM_BASE_URL"].endswith(":11434/v1") and "LLM_API_KEY" not in example
    settings = make_settings(tmp_path, **{**example, "AI_ENGINE": ""})
    assert settings.ai_engine == "openai"
    database = create_database(settings)
    try:
        engine = create_ai_engine(settings, database=database, prompts=load_configured_prompts(settings))
        assert engine.info.as_status()["models"] == {
            "fast": example["LLM_MODEL_FAST"],
            "quality": example["LLM_MODEL_QUALITY"],
        }
        await close_engine(engine)
    finally:
        await database.dispose()
