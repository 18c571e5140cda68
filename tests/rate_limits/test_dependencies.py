"""rate_limit(action) on the expensive routes: 429 with Retry-After past the limit, per user,
reset by the next window, and exact under concurrency (one process or several on one database)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from jobwise.config import Settings
from jobwise.main import API_ROUTERS, create_app
from jobwise.models import Job, RateLimitCounter
from jobwise.rate_limits.dependencies import rate_limit
from jobwise.rate_limits.service import ACTIONS, Action
from tests.conftest import UserClientFactory, assert_error, make_settings
from tests.documents.test_router import new_document
from tests.rankings.crafted import create_job, create_profile
from tests.rate_limits.conftest import Clock
from tests.samples import files

LIMIT = 2
POSTING = "Backend Engineer at Acme\nRemote. Build APIs in Python and PostgreSQL."
LIMITED_ROUTES: dict[str, Action] = {
    "POST /api/v1/jobs/parse": "job_parse",
    "POST /api/v1/enhancement/trigger": "enhancement",
    "POST /api/v1/rankings": "ranking",
    "POST /api/v1/generations": "generation",
    "GET /api/v1/documents/{document_id}/export": "export",
    "POST /api/v1/samples": "upload",
    "POST /api/v1/profiles/import": "upload",
    "GET /api/v1/documents/{document_id}/ats-check": "export",
}


@pytest.fixture
def settings(data_dir: Path, database_url: str, request: pytest.FixtureRequest) -> Settings:
    """Every limit at LIMIT per 60 seconds, unless a test passes its own (indirect parametrize)."""
    limits = {spec.setting: LIMIT for spec in ACTIONS.values()}
    overrides: dict[str, Any] = getattr(request, "param", {})
    return make_settings(
        data_dir, DATABASE_URL=database_url, RATE_LIMIT_WINDOW_SECONDS=60, **{**limits, **overrides}
    )


Call = Callable[[], Awaitable[httpx.Response]]


async def _parse(client: httpx.AsyncClient) -> Call:
    return lambda: client.post("/api/v1/jobs/parse", json={"raw_text": POSTING})


async def _trigger(client: httpx.AsyncClient) -> Call:
    await create_profile(client)
    return lambda: client.post("/api/v1/enhancement/trigger")


async def _rank(client: httpx.AsyncClient) -> Call:
    await create_profile(client)
    job_id = await create_job(client)
    return lambda: client.post("/api/v1/rankings", json={"job_id": job_id})


async def _generate(client: httpx.AsyncClient) -> Call:
    await create_profile(client)
    job_id = await create_job(client)
    return lambda: client.post("/api/v1/generations", json={"job_id": job_id, "document_type": "resume"})


async def _export(client: httpx.AsyncClient) -> Call:
    document = await new_document(client)
    return lambda: client.get(f"/api/v1/documents/{document['id']}/export", params={"format": "txt"})


async def _upload(client: httpx.AsyncClient) -> Call:
    content = files.RESUME_TEXT.encode()
    return lambda: client.post(
        "/api/v1/samples",
        files={"file": ("resume.txt", content, "text/plain")},
        data={"document_type": "resume_sample"},
    )


PREPARE: dict[Action, Callable[[httpx.AsyncClient], Awaitable[Call]]] = {
    "job_parse": _parse,
    "enhancement": _trigger,
    "ranking": _rank,
    "generation": _generate,
    "export": _export,
    "upload": _upload,
}


@pytest.mark.parametrize("action", list(PREPARE))
async def test_each_limited_route_answers_429_with_retry_after_past_its_limit(
    action: Action, clock: Clock, user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    call = await PREPARE[action](user_a)
    allowed = [await call() for _ in range(LIMIT)]
    # The first one does the work; later ones may meet a rule of the route (a run already
    # queued is a 409), but none is refused by the limit.
    assert allowed[0].status_code < 300, allowed[0].text
    assert all(response.status_code != 429 for response in allowed), [r.text for r in allowed]

    refused = await call()
    error = assert_error(refused, 429, "rate_limited")
    assert refused.headers["Retry-After"] == "45"
    setting = ACTIONS[action].setting
    assert error["message"].startswith(f"Too many {ACTIONS[action].what}: at most {LIMIT} every 60 seconds")
    assert setting in error["message"] and "try again in 45 seconds" in error["message"]
    assert error["details"] == {
        "action": action,
        "limit": LIMIT,
        "window_seconds": 60,
        "retry_after": 45,
        "resets_at": "2031-03-04T09:01:00+00:00",
    }

    # Another user has a limit of their own.
    other = await (await PREPARE[action](user_b))()
    assert other.status_code < 300, other.text


async def test_a_refused_parse_stores_nothing(clock: Clock, app: FastAPI, user_a: httpx.AsyncClient) -> None:
    for _ in range(LIMIT):
        assert (await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING})).status_code == 201
    assert_error(await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING}), 429)
    async with app.state.database.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(Job)) == LIMIT
        # Refusals are not counted: the window's counter stops at the limit.
        assert list(await session.scalars(select(RateLimitCounter.hits))) == [LIMIT]


async def test_the_limit_resets_when_the_window_ends_and_old_windows_are_pruned(
    clock: Clock, app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    async def parse() -> httpx.Response:
        return await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING})

    for _ in range(LIMIT):
        assert (await parse()).status_code == 201
    assert (await user_a.post("/api/v1/rankings", json={"job_id": "none"})).status_code == 404
    clock.advance(44)
    limited = await parse()
    assert_error(limited, 429)
    assert limited.headers["Retry-After"] == "1"

    clock.advance(1)  # the next window
    assert (await parse()).status_code == 201
    async with app.state.database.read_session() as session:
        rows = (await session.execute(select(RateLimitCounter.action, RateLimitCounter.window_start))).all()
    # The parse counter of the past window is gone; the ranking counter waits for its own next window.
    assert sorted((action, start.minute) for action, start in rows) == [("job_parse", 1), ("ranking", 0)]


@pytest.mark.parametrize("settings", [{"RATE_LIMIT_JOB_PARSES": 0}], indirect=True)
async def test_a_limit_of_zero_turns_it_off(clock: Clock, app: FastAPI, user_a: httpx.AsyncClient) -> None:
    for _ in range(LIMIT + 3):
        assert (await user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING})).status_code == 201
    async with app.state.database.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(RateLimitCounter)) == 0


@pytest.mark.parametrize("settings", [{"RATE_LIMIT_JOB_PARSES": 10}], indirect=True)
async def test_fifty_parallel_requests_with_a_limit_of_ten_let_exactly_ten_through(
    clock: Clock, user_a: httpx.AsyncClient
) -> None:
    responses = await asyncio.gather(
        *(user_a.post("/api/v1/jobs/parse", json={"raw_text": POSTING}) for _ in range(50))
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] * 10 + [429] * 40, [r.text for r in responses if r.status_code >= 500]
    jobs = (await user_a.get("/api/v1/jobs", params={"limit": 100})).json()
    assert jobs["total"] == 10


@pytest.fixture
async def second_app(settings: Settings, app: FastAPI) -> AsyncIterator[FastAPI]:
    """Another app on the same database: its own engine and pool, as another process has."""
    other = create_app(settings)
    other.state.rate_limiter.clock = app.state.rate_limiter.clock
    async with other.router.lifespan_context(other):
        yield other


@pytest.mark.parametrize("settings", [{"RATE_LIMIT_JOB_PARSES": 10}], indirect=True)
async def test_two_apps_on_one_database_share_the_limit(
    clock: Clock, second_app: FastAPI, make_user_client: UserClientFactory
) -> None:
    first = await make_user_client()
    transport = httpx.ASGITransport(app=second_app)
    headers = first.headers  # the same user, signed in on the other app
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as second:
        responses = await asyncio.gather(
            *(
                client.post("/api/v1/jobs/parse", json={"raw_text": POSTING})
                for _ in range(25)
                for client in (first, second)
            )
        )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] * 10 + [429] * 40, [r.text for r in responses if r.status_code >= 500]


def test_every_action_guards_its_route_and_nothing_else() -> None:
    guards = {rate_limit(action): action for action in ACTIONS}
    found: dict[str, Action] = {}
    for router in API_ROUTERS:  # every router under /api/v1, where the expensive routes are
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for dependency in route.dependencies:
                if dependency.dependency in guards:
                    for method in route.methods or ():
                        found[f"{method} /api/v1{route.path}"] = guards[dependency.dependency]
    assert found == LIMITED_ROUTES


def test_the_limited_routes_document_their_429_and_retry_after(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for label in LIMITED_ROUTES:
        method, path = label.split(" ", 1)
        documented = paths[path][method.lower()]["responses"]["429"]
        assert "Retry-After" in documented["headers"], label
        assert documented["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorEnvelope"
        }
        assert "rate_limited" in documented["x-error-codes"], label
