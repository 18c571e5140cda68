"""What every request meets before a route: body limits, parsing limits and response headers."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI

from jobwise.main import create_app
from tests.conftest import AppFactory, assert_error, client_from, make_settings


async def test_a_huge_chunked_body_is_refused_before_it_is_read(client: httpx.AsyncClient) -> None:
    sent = 0

    async def two_hundred_megabytes() -> AsyncIterator[bytes]:
        nonlocal sent
        chunk = b" " * (1024 * 1024)
        for _ in range(200):
            sent += len(chunk)
            yield chunk

    response = await client.post(
        "/auth/login", content=two_hundred_megabytes(), headers={"content-type": "application/json"}
    )
    body = assert_error(response, 413, "payload_too_large")
    assert body["details"]["max_bytes"] == 1024 * 1024
    assert sent <= 3 * 1024 * 1024  # stopped at the limit, not after 200 MB


async def test_a_declared_length_over_the_limit_is_refused_at_once(user_a: httpx.AsyncClient) -> None:
    big = b'{"title": "' + b"x" * (1024 * 1024) + b'"}'
    response = await user_a.post("/api/v1/jobs", content=big, headers={"content-type": "application/json"})
    assert_error(response, 413, "payload_too_large")


async def test_the_body_limit_is_a_setting(make_app: AppFactory) -> None:
    app = await make_app(MAX_JSON_BODY_MB=0.001)
    async with client_from(app) as http:
        response = await http.post("/auth/login", json={"email": "a@example.com", "password": "x" * 2000})
    assert_error(response, 413, "payload_too_large")


async def test_deeply_nested_json_is_a_clear_4xx(user_a: httpx.AsyncClient) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    for path in ("/auth/login", "/api/v1/jobs", "/api/v1/profiles/me/json-resume"):
        method = "PUT" if path.endswith("json-resume") else "POST"
        response = await user_a.request(
            method, path, content=deep.encode(), headers={"content-type": "application/json"}
        )
        assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
        assert "error" in response.json()


async def test_responses_say_nosniff_and_login_says_no_store(client: httpx.AsyncClient) -> None:
    await client.post(
        "/auth/register",
        json={"email": "a@example.com", "password": "correct horse battery", "full_name": "A"},
    )
    login = await client.post(
        "/auth/login", json={"email": "a@example.com", "password": "correct horse battery"}
    )
    assert login.headers["Cache-Control"] == "no-store"
    assert login.headers["X-Content-Type-Options"] == "nosniff"
    missing = await client.get("/api/v1/jobs")
    assert missing.headers["X-Content-Type-Options"] == "nosniff"


async def test_health_tells_anonymous_remote_callers_only_the_status(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    async with client_from(app, "203.0.113.9") as remote:
        anonymous = (await remote.get("/health")).json()
        signed_in = (await remote.get("/health", headers=dict(user_a.headers))).json()
        forged = (await remote.get("/health", headers={"Authorization": "Bearer not.a.token"})).json()
    assert anonymous == {"status": "healthy"}
    assert forged == {"status": "healthy"}
    assert {"version", "database", "ai", "tasks"} <= signed_in.keys()
    local = (await user_a.get("/health", headers={"Authorization": ""})).json()
    assert "database" in local  # the operator, on the machine itself


async def test_the_data_directory_and_database_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        data_dir = tmp_path / "fresh"
        app = create_app(make_settings(data_dir, MIGRATE_ON_START=True))
        async with app.router.lifespan_context(app), client_from(app) as http:
            await http.post(
                "/auth/register",
                json={"email": "a@example.com", "password": "correct horse battery", "full_name": "A"},
            )
    finally:
        os.umask(previous)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for file in data_dir.iterdir():
        if file.is_file():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        else:
            assert stat.S_IMODE(file.stat().st_mode) == 0o700, file
