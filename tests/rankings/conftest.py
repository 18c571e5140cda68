"""Ranking tests are not about auth: users get a token without the Argon2 round trip."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import UserClientFactory


@pytest.fixture
async def user_a(make_token_client: UserClientFactory) -> httpx.AsyncClient:
    return await make_token_client("alice@example.com")


@pytest.fixture
async def user_b(make_token_client: UserClientFactory) -> httpx.AsyncClient:
    return await make_token_client("bob@example.com")
