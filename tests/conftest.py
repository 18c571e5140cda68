"""Fixtures: a fresh database per test, the real app through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource
from sqlalchemy.engine import make_url

from jobwise import migrate
from jobwise.config import Settings
from jobwise.main import create_app
from tests.fakes.llm_server import LLMServer, llm_server, llm_server_session  # noqa: F401 (fixtures for every folder)
from tests.processes import pg_admin

TEST_SECRET = "test-secret-" + "x" * 60
# What the tests read, with its licences and sources (tests/data/*/SOURCES.md).
TEST_DATA = Path(__file__).resolve().parent / "data"


class IsolatedSettings(Settings):
    """Settings from the arguments only: no environment variables, no .env file.

    A developer's GROQ_API_KEY or DATABASE_URL must never change what a test does.
    """

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "JOBWISE_DATA_DIR": data_dir,
        "JWT_SECRET_KEY": TEST_SECRET,
        "MIGRATE_ON_START": False,
        "LOG_LEVEL": "WARNING",
        "AI_ENGINE": "offline",
        # Tests that need background tasks turn the worker on (tests/tasks, tests/enhancement).
        "TASK_WORKER_ENABLED": False,
        # A test that enables the worker runs it in the test's own process, where it can see it.
        "TASK_WORKER_PROCESS": False,
        # Thousands of apps start in the suite; a served process opens its connections at start.
        "SQLITE_WARM_CONNECTIONS": 0,
    }
    values.update(overrides)
    return IsolatedSettings(**values)


# `make test` runs the suite on SQLite, then again with JOBWISE_TEST_BACKEND=postgresql when
# JOBWISE_TEST_DATABASE_URL names a PostgreSQL server (each test gets its own database).
BACKEND = os.environ.get("JOBWISE_TEST_BACKEND", "sqlite")
POSTGRES_URL = os.environ.get("JOBWISE_TEST_DATABASE_URL", "")
if BACKEND == "postgresql" and not POSTGRES_URL:
    raise pytest.UsageError("JOBWISE_TEST_BACKEND=postgresql needs JOBWISE_TEST_DATABASE_URL")


def pg_url(database: str) -> str:
    url = make_url(POSTGRES_URL).set(drivername="postgresql+asyncpg", database=database)
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """Migrate once per session; each test gets a copy (fast, and still a fresh database).

    SQLite: the path of a migrated file. PostgreSQL: the name of a migrated template database.
    """
    data_dir = tmp_path_factory.mktemp("template")
    if BACKEND != "postgresql":
        migrate.upgrade(make_settings(data_dir))
        yield data_dir / "jobwise.db"
        return
    template = f"jobwise_tpl_{os.getpid()}"
    asyncio.run(
        pg_admin(
            POSTGRES_URL,
            f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
            f'CREATE DATABASE "{template}"',
        )
    )
    migrate.upgrade(make_settings(data_dir, DATABASE_URL=pg_url(template)))
    yield template
    asyncio.run(pg_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))


@pytest.fixture
def data_dir(tmp_path: Path, migrated_template: Path | str) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    if isinstance(migrated_template, Path):
        shutil.copyfile(migrated_template, target / "jobwise.db")
    return target


@pytest.fixture
async def database_url(migrated_template: Path | str) -> AsyncIterator[str]:
    """ "" for SQLite (the file in data_dir), or a fresh PostgreSQL database for this test."""
    if isinstance(migrated_template, Path):
        yield ""
        return
    name = f"jobwise_t_{uuid.uuid4().hex[:16]}"
    await pg_admin(POSTGRES_URL, f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
    yield pg_url(name)
    await pg_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    return make_settings(data_dir, DATABASE_URL=database_url)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


UserClientFactory = Callable[..., Awaitable[httpx.AsyncClient]]


DEFAULT_PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def default_password_hash() -> str:
    # Hashed once per session: Argon2 costs ~0.2 s, and most tests are not about passwords.
    from pwdlib import PasswordHash

    return PasswordHash.recommended().hash(DEFAULT_PASSWORD)


async def insert_user(
    app: FastAPI, email: str, *, password_hash: str = "!unusable", full_name: str = "Lin"
) -> str:
    """A user row inserted directly (no Argon2) and its bearer token, from the app's own codec."""
    from jobwise.models import User

    async with app.state.database.write_session() as session, session.begin():
        user = User(email=email, password_hash=password_hash, full_name=full_name)
        session.add(user)
        await session.flush()
    token: str = app.state.token_codec.issue(user.id, user.token_key)
    return token


@pytest.fixture
async def llm_app(
    data_dir: Path,
    database_url: str,
    llm_server: LLMServer,  # noqa: F811 (the fixture, imported above for every folder)
) -> AsyncIterator[FastAPI]:
    """The real app, started, its engine pointed at the test LLM server (tests/fakes/llm_server.py)."""
    settings = make_settings(data_dir, DATABASE_URL=database_url, **llm_server.settings_for("openai"))
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def make_user_client(app: FastAPI, default_password_hash: str) -> AsyncIterator[UserClientFactory]:
    """A user who can log in with DEFAULT_PASSWORD, and a client that sends their bearer token.

    The row is inserted directly and the token comes from the app's codec, which skips two Argon2
    computations per user; tests/auth exercises the real register and login routes.
    """
    clients: list[httpx.AsyncClient] = []
    counter = 0

    async def factory(email: str | None = None) -> httpx.AsyncClient:
        nonlocal counter
        counter += 1
        email = (email or f"user{counter}-{uuid.uuid4().hex[:6]}@example.com").lower()
        token = await insert_user(
            app, email, password_hash=default_password_hash, full_name=f"User {counter}"
        )
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        clients.append(http)
        http.headers["Authorization"] = f"Bearer {token}"
        return http

    yield factory
    for http in clients:
        await http.aclose()


@pytest.fixture
def make_token_client(make_user_client: UserClientFactory) -> UserClientFactory:
    """The name some folders use for make_user_client (both skip Argon2 the same way)."""
    return make_user_client


@pytest.fixture
async def user_a(make_user_client: UserClientFactory) -> httpx.AsyncClient:
    return await make_user_client("alice@example.com")


@pytest.fixture
async def user_b(make_user_client: UserClientFactory) -> httpx.AsyncClient:
    return await make_user_client("bob@example.com")


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """Every 4xx uses one envelope: {"error": {"code", "message", "details"}}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message", "details"} <= set(body["error"]), body
    assert body["error"]["message"], body
    if code is not None:
        assert body["error"]["code"] == code, body
    error: dict[str, Any] = body["error"]
    return error


# --- an app with settings changed, and a client from a chosen address --------------------------

AppFactory = Callable[..., Awaitable[FastAPI]]


@pytest.fixture
async def make_app(data_dir: Path, database_url: str) -> AsyncIterator[AppFactory]:
    """The app on the test's database with some settings changed (a limit made small)."""
    async with AsyncExitStack() as stack:

        async def factory(**overrides: Any) -> FastAPI:
            app = create_app(make_settings(data_dir, DATABASE_URL=database_url, **overrides))
            await stack.enter_async_context(app.router.lifespan_context(app))
            return app

        yield factory


def client_from(app: FastAPI, address: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client of the app that connects from `address`, as the throttle sees it."""
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")
