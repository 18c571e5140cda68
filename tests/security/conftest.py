from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from jobwise.main import create_app
from tests.conftest import make_settings

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
