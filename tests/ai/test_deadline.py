"""One time limit per request or task step: what ai/deadline.py promises on its own."""

from __future__ import annotations

import asyncio

from jobwise.ai import deadline as deadlines
from jobwise.ai.errors import LLMUnavailable


def test_no_limit_is_set_outside_a_request() -> None:
    assert deadlines.current() is None


def test_an_inner_limit_never_extends_the_outer_one() -> None:
    with deadlines.time_limit(1, "OUTER") as outer:
        with deadlines.time_limit(60, "INNER") as inner:
            assert inner is outer
            assert deadlines.current() is outer
        with deadlines.time_limit(0.5, "SHORTER") as shorter:
            assert shorter.setting == "SHORTER" and shorter.remaining() <= 0.5
        assert deadlines.current() is outer
    assert deadlines.current() is None


async def test_concurrent_calls_of_one_request_share_its_limit() -> None:
    with deadlines.time_limit(5, "LLM_REQUEST_DEADLINE") as limit:

        async def seen() -> deadlines.Deadline | None:
            return deadlines.current()

        assert list(await asyncio.gather(seen(), asyncio.create_task(seen()))) == [limit, limit]


def test_running_out_names_the_setting_that_sets_the_limit() -> None:
    with deadlines.time_limit(3, "LLM_JUDGEMENT_DEADLINE") as limit:
        error = deadlines.exceeded(limit, where="the LLM server", attempts=2, last="HTTP 500 boom")
    assert isinstance(error, LLMUnavailable) and error.status_code == 503
    assert error.code == "llm_deadline_exceeded"
    assert "3 s" in error.message and "LLM_JUDGEMENT_DEADLINE" in error.message
    assert "HTTP 500 boom" in error.message
