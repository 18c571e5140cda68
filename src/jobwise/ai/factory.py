"""Which engine runs the AI steps, chosen once from the settings at start.

AI_ENGINE=offline|groq|openai decides when set; otherwise a GROQ_API_KEY means Groq, an
LLM_BASE_URL means an OpenAI-compatible server, and with neither the offline engine runs. A
choice that cannot work (Groq without a key, a server without a model name) stops the start.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from jobwise.ai.engine import Engine, EngineName
from jobwise.ai.llm.base import RetryPolicy
from jobwise.ai.llm.cache import ResponseCache
from jobwise.ai.llm.client import LLMClient
from jobwise.ai.llm.engine import LLMEngine, ModelChoice
from jobwise.ai.llm.groq import GroqClient
from jobwise.ai.llm.openai_compatible import OpenAICompatibleClient
from jobwise.ai.offline import OfflineEngine
from jobwise.ai.prompts import PromptLibrary, load_configured_prompts
from jobwise.ai.usage import UsageRecorder
from jobwise.config import ConfigurationError, Settings
from jobwise.db import Database, create_database

logger = logging.getLogger("jobwise.ai")

OPENAI_URL = "https://api.openai.com/v1"


def choose_engine(settings: Settings) -> EngineName:
    # Decided in the settings, which also need it (the default daily token budget).
    return settings.ai_engine


def create_ai_engine(settings: Settings, *, database: Database, prompts: PromptLibrary) -> Engine:
    name = choose_engine(settings)
    # Also the LLM engine's fallback: a parsed job keeps its values where the model's are unsupported.
    offline = OfflineEngine()
    if name == "offline":
        return offline
    client, models = _client(settings, name)
    engine = LLMEngine(
        client,
        prompts=prompts,
        models=models,
        recorder=UsageRecorder(database, daily_budget=settings.llm_daily_token_budget),
        cache=ResponseCache(database) if settings.LLM_CACHE else None,
        concurrency=settings.LLM_CONCURRENCY,
        reasoning_effort_fast=settings.LLM_REASONING_EFFORT_FAST or None,
        fallback=offline,
        server=f"{name}:{_base_url(client)}",
        max_output_tokens=settings.LLM_MAX_OUTPUT_TOKENS,
    )
    logger.info("AI engine: %s (fast: %s, quality: %s)", name, models.fast, models.quality)
    return engine


@asynccontextmanager
async def open_engine(settings: Settings, *, database: Database | None = None) -> AsyncIterator[Engine]:
    """The engine for a process without the app (`jobwise worker`, benchmarks), closed on exit.

    Without a database one is opened for usage and cache rows and disposed of afterwards.
    """
    own = database is None
    database = database or create_database(settings)
    engine = create_ai_engine(settings, database=database, prompts=load_configured_prompts(settings))
    try:
        yield engine
    finally:
        try:
            await close_engine(engine)
        finally:
            if own:
                await database.dispose()


async def close_engine(engine: Engine) -> None:
    """Let an engine finish its pending writes and close its connections (the LLM engine has some)."""
    if isinstance(engine, LLMEngine):
        await engine.aclose()


def _client(settings: Settings, name: EngineName) -> tuple[LLMClient, ModelChoice]:
    if name == "groq":
        if not settings.GROQ_API_KEY:
            raise ConfigurationError(
                "AI_ENGINE=groq needs GROQ_API_KEY (create one at https://console.groq.com/keys), "
                "or set AI_ENGINE=offline"
            )
        policy = RetryPolicy(
            max_retries=settings.GROQ_MAX_RETRIES, backoff=settings.LLM_RETRY_BACKOFF_SECONDS
        )
        groq_client = GroqClient(
            api_key=settings.GROQ_API_KEY,
            base_url=_checked_url(settings.GROQ_BASE_URL, "GROQ_BASE_URL"),
            timeout=settings.GROQ_TIMEOUT,
            policy=policy,
        )
        return groq_client, ModelChoice(
            fast=settings.GROQ_MODEL_FAST,
            quality=settings.GROQ_MODEL_QUALITY,
            fast_setting="GROQ_MODEL_FAST",
            quality_setting="GROQ_MODEL_QUALITY",
        )
    base_url = settings.LLM_BASE_URL
    if not base_url:
        if not settings.LLM_API_KEY:
            raise ConfigurationError(
                "AI_ENGINE=openai needs LLM_BASE_URL (for example http://localhost:11434/v1 for Ollama "
                "or http://localhost:8080/v1 for llama.cpp), or LLM_API_KEY for OpenAI itself"
            )
        base_url = OPENAI_URL
    fast = settings.LLM_MODEL_FAST or settings.LLM_MODEL_QUALITY
    quality = settings.LLM_MODEL_QUALITY or settings.LLM_MODEL_FAST
    if not fast or not quality:
        raise ConfigurationError(
            "The OpenAI-compatible engine needs a model: set LLM_MODEL_FAST and LLM_MODEL_QUALITY "
            "to model names the server at LLM_BASE_URL serves (one of them is enough)"
        )
    policy = RetryPolicy(max_retries=settings.LLM_MAX_RETRIES, backoff=settings.LLM_RETRY_BACKOFF_SECONDS)
    openai_client = OpenAICompatibleClient(
        base_url=_checked_url(base_url, "LLM_BASE_URL"),
        api_key=settings.LLM_API_KEY,
        timeout=settings.LLM_TIMEOUT,
        policy=policy,
    )
    return openai_client, ModelChoice(
        fast=fast,
        quality=quality,
        fast_setting="LLM_MODEL_FAST" if settings.LLM_MODEL_FAST else "LLM_MODEL_QUALITY",
        quality_setting="LLM_MODEL_QUALITY" if settings.LLM_MODEL_QUALITY else "LLM_MODEL_FAST",
    )


def _checked_url(url: str, setting: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"{setting} must be an http:// or https:// URL, not {url!r}")
    return url.rstrip("/")


def _base_url(client: LLMClient) -> str:
    return str(getattr(client, "base_url", ""))
