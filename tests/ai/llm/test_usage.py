"""Usage rows per call, GET /api/v1/usage, the daily token budget, and the response cache."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text

from jobwise.ai.engine import CallContext, EnhanceItem
from jobwise.ai.errors import LLMUnavailable, TokenBudgetExceeded
from jobwise.ai.llm.engine import LLMEngine
from jobwise.ai.usage import UsageEntry, UsageRecorder, utc_midnights
from jobwise.config import DEFAULT_LLM_DAILY_TOKEN_BUDGET
from jobwise.models import AICacheEntry, LLMUsage
from tests.ai.llm.conftest import AppFactory
from tests.ai.llm.test_engine import HONEST, POSTING, letter_request
from tests.conftest import assert_error
from tests.fakes.llm_server import Fail, LLMServer, Reply


async def usage_rows(app: FastAPI) -> list[LLMUsage]:
    engine: LLMEngine = app.state.engine
    await engine.drain()
    async with app.state.database.read_session() as session:
        return list(await session.scalars(select(LLMUsage).order_by(LLMUsage.id)))


async def test_each_call_is_recorded_with_purpose_model_tokens_latency_and_outcome(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.latency = 0.05
    llm_server.handler = lambda request: (
        Reply.json(HONEST, prompt_tokens=300, completion_tokens=90)
        if "job_posting" in request.user and "Title:" not in request.user
        else Reply("Dear team.", prompt_tokens=500, completion_tokens=200)
    )
    ctx = CallContext(user_id=user_id)
    await llm_app.state.engine.parse_job(POSTING, ctx=ctx)
    await llm_app.state.engine.write_cover_letter(letter_request(), ctx=ctx)
    parse, letter = await usage_rows(llm_app)
    assert (parse.user_id, parse.purpose, parse.engine, parse.model) == (
        user_id,
        "parse_job",
        "openai",
        "fast-model",
    )
    assert (parse.prompt_tokens, parse.completion_tokens, parse.calls, parse.outcome) == (300, 90, 1, "ok")
    assert parse.latency_ms >= 50
    assert parse.error_code is None
    assert (letter.purpose, letter.model, letter.prompt_tokens, letter.completion_tokens) == (
        "cover_letter",
        "quality-model",
        500,
        200,
    )
    assert parse.created_at.tzinfo is not None


async def test_a_failed_call_is_recorded_too(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.handler = lambda _: Fail.server_error()
    with pytest.raises(LLMUnavailable):
        await llm_app.state.engine.rerank_evidence(
            "Python", ["Built a Python service."], ctx=CallContext(user_id=user_id)
        )
    (row,) = await usage_rows(llm_app)
    assert (row.purpose, row.outcome, row.error_code) == ("rerank_evidence", "error", "llm_server_error")


async def test_a_streamed_letter_is_recorded_with_its_usage(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.script(Reply("Dear team, hello.", prompt_tokens=50, completion_tokens=5))
    stream = llm_app.state.engine.stream_cover_letter(letter_request(), ctx=CallContext(user_id=user_id))
    assert "".join([chunk async for chunk in stream]) == "Dear team, hello."
    (row,) = await usage_rows(llm_app)
    assert (row.purpose, row.prompt_tokens, row.completion_tokens, row.outcome) == (
        "cover_letter",
        50,
        5,
        "ok",
    )


async def test_a_stream_the_reader_abandons_is_recorded_as_cancelled(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.script(Reply("Dear team, " + "word " * 200, chunk_size=10))
    stream = llm_app.state.engine.stream_cover_letter(letter_request(), ctx=CallContext(user_id=user_id))
    assert await anext(stream)
    await stream.aclose()  # the client went away
    (row,) = await usage_rows(llm_app)
    assert (row.purpose, row.outcome, row.error_code) == ("cover_letter", "error", "cancelled")


async def test_usage_is_written_even_while_the_request_holds_the_write_lock(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    """A POST request's session holds SQLite's write lock from its first query; the usage row waits
    for it instead of deadlocking the request, and lands once the request commits (or fails)."""
    _, user_id = llm_user
    llm_server.handler = lambda _: Reply.json({"text": "Better."})
    async with llm_app.state.database.write_session() as request_session:
        await request_session.execute(text("SELECT 1"))  # BEGIN IMMEDIATE on SQLite
        started = time.perf_counter()
        await llm_app.state.engine.enhance_texts(
            [EnhanceItem(id="1", kind="bullet", text="Did things.")], {}, ctx=CallContext(user_id=user_id)
        )
        assert time.perf_counter() - started < 5
        await request_session.rollback()  # the request failed after the AI step
    (row,) = await usage_rows(llm_app)
    assert row.purpose == "enhance_bullet"


async def test_get_usage_shows_totals_today_and_by_purpose(
    llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    http, user_id = llm_user
    yesterday = datetime.now(UTC) - timedelta(days=1, hours=1)
    async with llm_app.state.database.write_session() as session, session.begin():
        for purpose, prompt, completion, outcome, when, estimated in [
            ("parse_job", 100, 20, "ok", yesterday, False),
            ("parse_job", 0, 0, "cached", datetime.now(UTC), False),
            ("parse_job", 200, 40, "ok", datetime.now(UTC), False),
            ("cover_letter", 500, 300, "ok", datetime.now(UTC), True),
            ("cover_letter", 0, 0, "error", datetime.now(UTC), False),
        ]:
            session.add(
                LLMUsage(
                    user_id=user_id,
                    purpose=purpose,
                    engine="openai",
                    model="m",
                    prompt_tokens=prompt,
                    completion_tokens=completion,
                    calls=1,
                    latency_ms=10,
                    outcome=outcome,
                    created_at=when,
                    tokens_estimated=estimated,
                )
            )
    response = await http.get("/api/v1/usage")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["overall"] == {
        "calls": 5,
        "prompt_tokens": 800,
        "completion_tokens": 360,
        "total_tokens": 1160,
        "cached_calls": 1,
        "failed_calls": 1,
        "estimated_calls": 1,
    }
    assert body["today"]["calls"] == 4
    assert body["today"]["total_tokens"] == 1040
    by_purpose = {row["purpose"]: row for row in body["by_purpose"]}
    assert by_purpose["parse_job"]["total_tokens"] == 360
    assert by_purpose["cover_letter"]["failed_calls"] == 1
    # An LLM engine without LLM_DAILY_TOKEN_BUDGET gets the default budget.
    assert body["daily_token_budget"] == DEFAULT_LLM_DAILY_TOKEN_BUDGET
    assert body["remaining_today"] == DEFAULT_LLM_DAILY_TOKEN_BUDGET - 1040
    assert datetime.fromisoformat(body["resets_at"]) == utc_midnights(datetime.now(UTC))[1]


async def test_usage_is_per_user_and_needs_a_token(
    llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int], llm_server: LLMServer
) -> None:
    llm_server.handler = lambda _: Reply.json({"text": "Better."})
    await llm_app.state.engine.enhance_texts(
        [EnhanceItem(id="1", kind="bullet", text="x")], {}, ctx=CallContext(user_id=None)
    )
    await llm_app.state.engine.drain()
    http, _ = llm_user
    assert (await http.get("/api/v1/usage")).json()["overall"]["calls"] == 0
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=llm_app), base_url="http://test"
    ) as anonymous:
        assert_error(await anonymous.get("/api/v1/usage"), 401)


async def test_a_spent_daily_budget_is_a_429_until_utc_midnight(
    llm_server: LLMServer, make_llm_app: AppFactory
) -> None:
    app = await make_llm_app(LLM_DAILY_TOKEN_BUDGET=1000)
    async with app.state.database.write_session() as session, session.begin():
        from jobwise.models import User

        user = User(email="b@example.com", password_hash="!", full_name="B")
        session.add(user)
        await session.flush()
        user_id, token = user.id, app.state.token_codec.issue(user.id, user.token_key)
    llm_server.handler = lambda _: Reply.json({"text": "Better."}, prompt_tokens=700, completion_tokens=400)
    ctx = CallContext(user_id=user_id)
    item = [EnhanceItem(id="1", kind="bullet", text="Did things.")]
    await app.state.engine.enhance_texts(item, {}, ctx=ctx)  # 1100 tokens: the budget is now spent
    # Counted at once, before the usage row is even written.
    with pytest.raises(TokenBudgetExceeded) as caught:
        await app.state.engine.enhance_texts(item, {}, ctx=ctx)
    error = caught.value
    assert error.status_code == 429
    midnight = utc_midnights(datetime.now(UTC))[1]
    assert error.details["resets_at"] == midnight
    assert 0 < int(error.headers["Retry-After"]) <= 24 * 3600
    assert abs(int(error.headers["Retry-After"]) - (midnight - datetime.now(UTC)).total_seconds()) < 5
    assert "LLM_DAILY_TOKEN_BUDGET" in error.message
    assert len(llm_server.requests) == 1  # the refused call never reached the server
    # Other users are not affected.
    await app.state.engine.enhance_texts(item, {}, ctx=CallContext(user_id=None))
    # GET /usage reports the rows written; the usage rows are written in the background.
    await app.state.engine.drain()

    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    http.headers["Authorization"] = f"Bearer {token}"
    async with http:
        body = (await http.get("/api/v1/usage")).json()
    assert (body["daily_token_budget"], body["remaining_today"]) == (1000, 0)


async def test_an_llm_engine_without_a_configured_budget_enforces_the_default(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    async with llm_app.state.database.write_session() as session, session.begin():
        session.add(
            LLMUsage(
                user_id=user_id,
                purpose="cover_letter",
                engine="openai",
                model="m",
                prompt_tokens=DEFAULT_LLM_DAILY_TOKEN_BUDGET,
                completion_tokens=0,
                calls=1,
                latency_ms=10,
                outcome="ok",
            )
        )
    with pytest.raises(TokenBudgetExceeded):
        await llm_app.state.engine.enhance_texts(
            [EnhanceItem(id="1", kind="bullet", text="Did things.")], {}, ctx=CallContext(user_id=user_id)
        )
    assert llm_server.requests == []


async def test_identical_deterministic_requests_are_answered_from_the_cache(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.handler = lambda _: Reply.json(HONEST)
    engine: LLMEngine = llm_app.state.engine
    ctx = CallContext(user_id=user_id)
    first, first_usage = await engine.parse_job(POSTING, ctx=ctx)
    await engine.drain()
    second, second_usage = await engine.parse_job(POSTING, ctx=ctx)
    assert second == first
    assert len(llm_server.requests) == 1
    assert (first_usage.cached, second_usage.cached) == (False, True)
    rows = await usage_rows(llm_app)
    assert [(r.outcome, r.prompt_tokens) for r in rows] == [("ok", first_usage.prompt_tokens), ("cached", 0)]
    async with llm_app.state.database.read_session() as session:
        (entry,) = list(await session.scalars(select(AICacheEntry)))
    assert len(entry.key) == 64 and entry.purpose == "parse_job" and entry.model == "fast-model"
    # A different posting is a different request.
    await engine.parse_job(POSTING + "\nApply by Friday.", ctx=ctx)
    assert len(llm_server.requests) == 2


async def test_the_cache_serves_even_when_the_budget_is_spent(
    llm_server: LLMServer, make_llm_app: AppFactory
) -> None:
    app = await make_llm_app(LLM_DAILY_TOKEN_BUDGET=10)
    llm_server.handler = lambda _: Reply.json(HONEST, prompt_tokens=50, completion_tokens=50)
    await app.state.engine.parse_job(POSTING, ctx=CallContext(user_id=None))
    await app.state.engine.drain()
    async with app.state.database.write_session() as session, session.begin():
        from jobwise.models import User

        user = User(email="c@example.com", password_hash="!", full_name="C")
        session.add(user)
        await session.flush()
        session.add(
            LLMUsage(
                user_id=user.id,
                purpose="x",
                engine="openai",
                model="m",
                prompt_tokens=99,
                completion_tokens=0,
                calls=1,
                latency_ms=1,
                outcome="ok",
            )
        )
        user_id = user.id
    parsed, usage = await app.state.engine.parse_job(POSTING, ctx=CallContext(user_id=user_id))
    assert usage.cached and parsed.title == HONEST["title"]


async def test_creative_requests_are_never_cached(llm_server: LLMServer, llm_app: FastAPI) -> None:
    llm_server.handler = lambda _: Reply("A letter.")
    engine: LLMEngine = llm_app.state.engine
    for _ in range(2):
        await engine.write_cover_letter(letter_request(), ctx=CallContext())
        await engine.drain()
    assert len(llm_server.requests) == 2


async def test_the_cache_can_be_switched_off(llm_server: LLMServer, make_llm_app: AppFactory) -> None:
    app = await make_llm_app(LLM_CACHE=False)
    llm_server.handler = lambda _: Reply.json(HONEST)
    await asyncio.gather(*(app.state.engine.parse_job(POSTING, ctx=CallContext()) for _ in range(2)))
    await app.state.engine.drain()
    await app.state.engine.parse_job(POSTING, ctx=CallContext())
    assert len(llm_server.requests) == 3


async def test_a_stream_without_usage_counts_against_the_budget(
    llm_server: LLMServer, make_llm_app: AppFactory
) -> None:
    """llama.cpp sends no usage in streams: the tokens are estimated from the text, marked as
    estimates, and spend the budget all the same (they counted as 0 before)."""
    app = await make_llm_app(LLM_DAILY_TOKEN_BUDGET=1000)
    async with app.state.database.write_session() as session, session.begin():
        from jobwise.models import User

        user = User(email="d@example.com", password_hash="!", full_name="D")
        session.add(user)
        await session.flush()
        user_id, token = user.id, app.state.token_codec.issue(user.id, user.token_key)
    llm_server.reports_usage = False
    letter = "Dear team, " + "I built payment systems in Python. " * 120  # about 1,000 tokens
    llm_server.handler = lambda _: Reply(letter, chunk_size=50)
    ctx = CallContext(user_id=user_id)
    streamed = "".join(
        [chunk async for chunk in app.state.engine.stream_cover_letter(letter_request(), ctx=ctx)]
    )
    assert streamed == letter
    with pytest.raises(TokenBudgetExceeded):
        await app.state.engine.write_cover_letter(letter_request(), ctx=ctx)
    assert len(llm_server.requests) == 1
    row, refused = await usage_rows(app)
    assert (refused.outcome, refused.error_code) == ("error", "token_budget_exceeded")
    assert row.tokens_estimated is True
    assert row.completion_tokens == -(-len(letter) // 4)
    assert row.prompt_tokens > 100
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    http.headers["Authorization"] = f"Bearer {token}"
    async with http:
        today = (await http.get("/api/v1/usage")).json()["today"]
    assert today["estimated_calls"] == 1
    assert today["total_tokens"] == row.prompt_tokens + row.completion_tokens


async def test_reported_usage_is_not_marked_as_an_estimate(
    llm_server: LLMServer, llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    llm_server.script(Reply("Dear team, hello.", prompt_tokens=50, completion_tokens=5))
    stream = llm_app.state.engine.stream_cover_letter(letter_request(), ctx=CallContext(user_id=user_id))
    _ = [chunk async for chunk in stream]
    (row,) = await usage_rows(llm_app)
    assert (row.prompt_tokens, row.completion_tokens, row.tokens_estimated) == (50, 5, False)


class _GatedReads:
    """The app's database, with each read session held until `gate` opens (a read under way)."""

    def __init__(self, database: Any, gate: asyncio.Event) -> None:
        self._database = database
        self._gate = gate
        self.reads = 0

    @contextlib.asynccontextmanager
    async def read_session(self) -> AsyncIterator[Any]:
        self.reads += 1
        await self._gate.wait()
        async with self._database.read_session() as session:
            yield session

    def write_session(self) -> Any:
        return self._database.write_session()


def _entry(user_id: int, tokens: int) -> UsageEntry:
    return UsageEntry(
        user_id=user_id,
        purpose="enhance_bullet",
        engine="openai",
        model="fast-model",
        prompt_tokens=tokens,
        completion_tokens=0,
        calls=1,
        latency_ms=1,
        outcome="ok",
    )


async def test_budget_checks_made_at_once_share_one_read_of_the_total(
    llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    """An enhancement starts a dozen calls together: one query of the user's total, not one each."""
    _, user_id = llm_user
    gate = asyncio.Event()
    reads = _GatedReads(llm_app.state.database, gate)
    recorder = UsageRecorder(reads, daily_budget=1000)  # type: ignore[arg-type]
    checks = [asyncio.create_task(recorder.tokens_today(user_id)) for _ in range(12)]
    await asyncio.sleep(0.01)
    gate.set()
    assert await asyncio.gather(*checks) == [0] * 12
    assert reads.reads == 1
    # Once it is over, the next check reads afresh.
    await recorder.tokens_today(user_id)
    assert reads.reads == 2


async def test_a_call_recorded_while_a_shared_read_is_under_way_is_counted_by_those_who_join_it(
    llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    gate = asyncio.Event()
    reads = _GatedReads(llm_app.state.database, gate)
    recorder = UsageRecorder(reads, daily_budget=1000)  # type: ignore[arg-type]
    first = asyncio.create_task(recorder.tokens_today(user_id))
    await asyncio.sleep(0.01)  # the read has begun and waits at the gate
    recorder.record(_entry(user_id, 600))
    second = asyncio.create_task(recorder.tokens_today(user_id))
    await asyncio.sleep(0.01)
    gate.set()
    # It joined the read, and counts what came after the read began: never missed (and counted
    # twice, strict, if its row was also committed before the query ran, as here).
    assert await second >= 600
    await first
    assert reads.reads == 1
    await recorder.drain()
    assert await recorder.tokens_today(user_id) == 600  # written now, and counted once


async def test_a_caller_that_gives_up_does_not_cancel_the_read_others_wait_for(
    llm_app: FastAPI, llm_user: tuple[httpx.AsyncClient, int]
) -> None:
    _, user_id = llm_user
    gate = asyncio.Event()
    reads = _GatedReads(llm_app.state.database, gate)
    recorder = UsageRecorder(reads, daily_budget=1000)  # type: ignore[arg-type]
    leaving = asyncio.create_task(recorder.tokens_today(user_id))
    staying = asyncio.create_task(recorder.tokens_today(user_id))
    await asyncio.sleep(0.01)
    leaving.cancel()
    gate.set()
    assert await staying == 0
    assert leaving.cancelled()
    assert reads.reads == 1
