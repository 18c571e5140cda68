"""Sample tests: a 1 MB upload limit (the oversize cases stay small) and users made directly.

The users skip registration and login on purpose: those run Argon2 (~0.2 s each, more on a
busy machine) and are tested in tests/auth; here a user is a row and a token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from jobwise.config import Settings
from jobwise.models import User
from tests.conftest import make_settings

MAX_UPLOAD_SIZE_MB = 1

FastUserFactory = Callable[[str], Awaitable[httpx.AsyncClient]]


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return make_settings(data_dir, MAX_UPLOAD_SIZE_MB=MAX_UPLOAD_SIZE_MB)


@pytest.fixture
async def make_fast_user(app: FastAPI) -> AsyncIterator[FastUserFactory]:
    clients: list[httpx.AsyncClient] = []

    async def factory(email: str) -> httpx.AsyncClient:
        async with app.state.database.write_session() as session, session.begin():
            # Never verified here: these users authenticate with the token below.
            user = User(email=email, password_hash="unused", full_name=email.split("@")[0])
            session.add(user)
            await session.flush()
            user_id = user.id
        token = app.state.token_codec.issue(str(user_id))
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test",
            headers={"Authorization": f"Bearer {token}"},
        )
        clients.append(http)
        return http

    yield factory
    for http in clients:
        await http.aclose()


@pytest.fixture
async def user_a(make_fast_user: FastUserFactory) -> httpx.AsyncClient:
    return await make_fast_user("alice@example.com")


@pytest.fixture
async def user_b(make_fast_user: FastUserFactory) -> httpx.AsyncClient:
    return await make_fast_user("bob@example.com")
