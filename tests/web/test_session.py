"""The browser session's rules, without a browser: CSRF tokens bound to a live session, where a
person may be sent back to after signing in, and what the JSON API makes of the cookie."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from jobwise.auth.security import TokenCodec
from jobwise.web.pages import is_local_path
from jobwise.web.session import CSRF_HEADER, SESSION_COOKIE, WEB_PREFIX, csrf_token
from tests.conftest import DEFAULT_PASSWORD, UserClientFactory


def test_a_csrf_token_fits_one_nonce_and_one_session_only() -> None:
    codec = TokenCodec("s" * 64, "HS256", timedelta(hours=1), "jobwise", "jobwise-api")
    token = csrf_token(codec, nonce="n1", session_token="session-a")
    assert token == csrf_token(codec, nonce="n1", session_token="session-a")
    assert token != csrf_token(codec, nonce="n2", session_token="session-a")
    assert token != csrf_token(codec, nonce="n1", session_token="session-b")
    other_secret = TokenCodec("t" * 64, "HS256", timedelta(hours=1), "jobwise", "jobwise-api")
    assert token != csrf_token(other_secret, nonce="n1", session_token="session-a")


@pytest.mark.parametrize(
    ("path", "local"),
    [
        ("/app/jobs", True),
        ("/app/", True),
        ("//evil.example/app/", False),
        ("https://evil.example/app/", False),
        ("/api/v1/profiles/me", False),
        ("/app\\..\\evil", False),
    ],
)
def test_only_pages_of_the_client_are_places_to_return_to(path: str, local: bool) -> None:
    assert is_local_path(path) is local


async def test_signing_in_never_redirects_to_another_site(
    client: httpx.AsyncClient, make_user_client: UserClientFactory
) -> None:
    await make_user_client("ada@example.com")
    page = await client.get(f"{WEB_PREFIX}/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {"csrf_token": token.group(1), "email": "ada@example.com", "password": DEFAULT_PASSWORD}
    response = await client.post(f"{WEB_PREFIX}/sign-in", data={**form, "next": "//evil.example/app/"})
    assert response.status_code == 303
    assert response.headers["location"] == f"{WEB_PREFIX}/"
    assert SESSION_COOKIE in response.cookies


async def test_the_json_api_answers_a_cookie_with_401(
    app: FastAPI, make_user_client: UserClientFactory
) -> None:
    owner = await make_user_client()
    token = owner.headers["Authorization"].removeprefix("Bearer ")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        for path in ("/api/v1/profiles/me", "/auth/me", "/api/v1/jobs"):
            response = await http.get(path, headers={"Cookie": f"{SESSION_COOKIE}={token}"})
            assert response.status_code == 401, path


async def test_an_unsafe_request_without_a_token_is_403_before_anything_runs(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/app/sign-in", "/app/create-account", "/app/profile/summary", "/app/samples"):
        response = await client.post(path, data={"email": "a@example.com"})
        assert response.status_code == 403, path
        response = await client.post(path, headers={CSRF_HEADER: "made-up"})
        assert response.status_code == 403, path
