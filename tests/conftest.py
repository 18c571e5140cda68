"""Fixtures: a fresh database per test, the real app through httpx's ASGI transport."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise import migrate
from jobwise.config import Settings
from jobwise.main import create_app

TEST_SECRET = "test-secret-" + "x" * 60
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "JOBWISE_DATA_DIR": data_dir,
        "JWT_SECRET_KEY": TEST_SECRET,
        "MIGRATE_ON_START": False,
        "LOG_LEVEL": "WARNING",
        "AI_ENGINE": "offline",
    }
    values.update(overrides)
    # _env_file=None: a developer's .env must never leak into the tests.
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per session; each test gets a copy of the file (fast and still fresh)."""
    data_dir = tmp_path_factory.mktemp("template")
    migrate.upgrade(make_settings(data_dir))
    return data_dir / "jobwise.db"


@pytest.fixture
def data_dir(tmp_path: Path, migrated_template: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    shutil.copyfile(migrated_template, target / "jobwise.db")
    return target


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return make_settings(data_dir)


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


@pytest.fixture
async def make_user_client(app: FastAPI) -> AsyncIterator[UserClientFactory]:
    """Registers a user, logs in and returns a client that sends the bearer token."""
    clients: list[httpx.AsyncClient] = []
    counter = 0

    async def factory(email: str | None = None, password: str = "correct horse battery") -> httpx.AsyncClient:
        nonlocal counter
        counter += 1
        email = email or f"user{counter}@example.com"
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        clients.append(http)
        registered = await http.post(
            "/auth/register", json={"email": email, "password": password, "full_name": f"User {counter}"}
        )
        assert registered.status_code == 201, registered.text
        token = await http.post("/auth/login", json={"email": email, "password": password})
        assert token.status_code == 200, token.text
        http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        return http

    yield factory
    for http in clients:
        await http.aclose()


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
