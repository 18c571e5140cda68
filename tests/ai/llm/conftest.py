"""Fixtures for the LLM engine: clients for both SDKs and an app whose engine is the test server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from fastapi import FastAPI

from jobwise.ai.engine import CallContext, EngineInfo, ParsedJob, Salary, Usage
from jobwise.ai.llm.base import RetryPolicy, SDKChatClient
from jobwise.ai.llm.engine import LLMEngine, ModelChoice
from jobwise.ai.llm.groq import GroqClient
from jobwise.ai.llm.openai_compatible import OpenAICompatibleClient
from jobwise.ai.prompts import PACKAGED_DIR, load_prompts
from jobwise.main import create_app
from tests.conftest import make_settings
from tests.fakes.llm_server import LLMServer

Provider = Literal["openai", "groq"]
FAST_POLICY = RetryPolicy(max_retries=2, backoff=0.01, max_backoff=0.05)


def make_client(
    server: LLMServer, provider: Provider, *, timeout: float = 5, policy: RetryPolicy = FAST_POLICY
) -> SDKChatClient:
    if provider == "groq":
        return GroqClient(
            api_key="gsk_test_key", base_url=server.groq_base_url, timeout=timeout, policy=policy
        )
    return OpenAICompatibleClient(
        base_url=server.openai_base_url, api_key="sk-test-key", timeout=timeout, policy=policy
    )


ClientFactory = Callable[..., SDKChatClient]


@pytest.fixture(params=["openai", "groq"])
def provider(request: pytest.FixtureRequest) -> Provider:
    value: Provider = request.param
    return value


@pytest.fixture
async def make_llm_client(llm_server: LLMServer, provider: Provider) -> AsyncIterator[ClientFactory]:
    """Builds a client of the parametrised SDK for the test server; closes them all afterwards."""
    made: list[SDKChatClient] = []

    def factory(**kwargs: Any) -> SDKChatClient:
        client = make_client(llm_server, provider, **kwargs)
        made.append(client)
        return client

    yield factory
    for client in made:
        await client.aclose()


@pytest.fixture
async def llm_client(make_llm_client: ClientFactory) -> SDKChatClient:
    return make_llm_client()


AppFactory = Callable[..., Awaitable[FastAPI]]


@pytest.fixture
async def make_llm_app(data_dir: Path, database_url: str, llm_server: LLMServer) -> AsyncIterator[AppFactory]:
    """Starts the real app with its engine pointed at the test server (one app per test)."""
    contexts: list[Any] = []

    async def factory(provider: Provider = "openai", **overrides: Any) -> FastAPI:
        settings = make_settings(
            data_dir, DATABASE_URL=database_url, **llm_server.settings_for(provider, **overrides)
        )
        application = create_app(settings)
        context = application.router.lifespan_context(application)
        await context.__aenter__()
        contexts.append(context)
        return application

    yield factory
    for context in reversed(contexts):
        await context.__aexit__(None, None, None)


@pytest.fixture
async def llm_app(make_llm_app: AppFactory) -> FastAPI:
    return await make_llm_app()


@pytest.fixture
def engine(llm_app: FastAPI) -> LLMEngine:
    engine = llm_app.state.engine
    assert isinstance(engine, LLMEngine)
    return engine


@pytest.fixture
async def llm_user(llm_app: FastAPI) -> AsyncIterator[tuple[httpx.AsyncClient, int]]:
    """A user of the LLM app (no Argon2: a token from the app's codec) and their id."""
    from jobwise.models import User

    async with llm_app.state.database.write_session() as session, session.begin():
        user = User(email="ann@example.com", password_hash="!unusable", full_name="Ann Example")
        session.add(user)
        await session.flush()
        user_id, token = user.id, llm_app.state.token_codec.issue(user.id, user.token_key)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=llm_app), base_url="http://test") as http:
        http.headers["Authorization"] = f"Bearer {token}"
        yield http, user_id


def ctx_for(user_id: int | None = None) -> CallContext:
    return CallContext(user_id=user_id)


@dataclass
class DeterministicParse:
    """Stands in for the offline engine: what the rules would find in test_engine.POSTING."""

    job: ParsedJob = field(
        default_factory=lambda: ParsedJob(
            title="Senior Backend Engineer",
            company="Acme Analytics",
            location="Berlin, Germany",
            requirements=["5+ years of Python experience"],
            benefits=["30 days of paid vacation"],
            keywords=["Python", "PostgreSQL", "Kubernetes", "data platform"],
            salary=Salary(min=85000, max=100000, currency="EUR", period="year"),
            salary_range="EUR 85,000 - 100,000 per year",
            remote="Hybrid",
        )
    )
    calls: int = 0

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="offline", is_llm=False)

    async def parse_job(self, raw_text: str, *, ctx: CallContext) -> tuple[ParsedJob, Usage]:
        self.calls += 1
        return self.job, Usage(engine="offline")


@pytest.fixture
async def bare_engine(llm_server: LLMServer) -> AsyncIterator[LLMEngine]:
    """An engine without a database (no usage, no cache) and a stand-in deterministic parser."""
    engine = LLMEngine(
        make_client(llm_server, "openai"),
        prompts=load_prompts(PACKAGED_DIR),
        models=ModelChoice("fast-model", "quality-model", "LLM_MODEL_FAST", "LLM_MODEL_QUALITY"),
        concurrency=3,
        fallback=DeterministicParse(),
    )
    yield engine
    await engine.aclose()
