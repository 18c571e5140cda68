"""One time limit per request or task step, shared by every model call and retry inside it.

LLM_TIMEOUT bounds one HTTP attempt; without a limit around them, a letter (a ranking call and
the letter, each with retries) could take (retries + 1) x timeout twice, far past a proxy's
timeout. A limit is set where the work starts (an API request, one item of an enhancement, the
optional judgement inside a compiled résumé) and read by the LLM client before each attempt and
each backoff: an attempt may wait only for what is left, and a retry that cannot finish in time
is not started. Limits nest: an inner one never extends the outer one.

It is a context variable, so concurrent calls of one request (asyncio tasks copy the context)
share the request's limit, and nothing needs to pass it through the services.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from jobwise.ai.errors import DeadlineExceeded


@dataclass(frozen=True)
class Deadline:
    # time.monotonic() at which the work must be over.
    at: float
    seconds: float
    # The setting that sets this limit, named when it runs out.
    setting: str

    def remaining(self) -> float:
        return self.at - time.monotonic()


_current: ContextVar[Deadline | None] = ContextVar("jobwise_llm_deadline", default=None)


def current() -> Deadline | None:
    return _current.get()


@contextmanager
def time_limit(seconds: float, setting: str) -> Iterator[Deadline]:
    """Model calls inside get at most `seconds` in all (or what an outer limit leaves)."""
    limit = Deadline(at=time.monotonic() + seconds, seconds=seconds, setting=setting)
    outer = _current.get()
    if outer is not None and outer.at <= limit.at:
        limit = outer
    token = _current.set(limit)
    try:
        yield limit
    finally:
        _current.reset(token)


def exceeded(deadline: Deadline, *, where: str, attempts: int, last: str | None = None) -> DeadlineExceeded:
    tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    cause = f"; the last attempt: {last}" if last else ""
    return DeadlineExceeded(
        f"{where} did not answer within this request's time limit of {deadline.seconds:g} s "
        f"({tries}{cause}); if the server is slow rather than failing, raise {deadline.setting}",
        details={"limit_seconds": deadline.seconds, "setting": deadline.setting, "attempts": attempts},
    )


class RequestTimeLimitMiddleware:
    """Every HTTP request's model calls share one limit (pure ASGI: streams pass unbuffered,
    and the streaming task of a response inherits the limit with the context)."""

    def __init__(self, app: ASGIApp, *, seconds: float, setting: str = "LLM_REQUEST_DEADLINE") -> None:
        self.app = app
        self.seconds = seconds
        self.setting = setting

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with time_limit(self.seconds, self.setting):
            await self.app(scope, receive, send)
