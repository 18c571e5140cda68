"""rate_limit(action): the dependency a limited route declares, and the 429 it documents.

A route opts in with `dependencies=[Depends(rate_limit("job_parse"))]` and `responses=RATE_LIMITED`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, Request

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep, commit
from jobwise.dependencies import DatabaseDep
from jobwise.errors import ERROR_ENVELOPE_SCHEMA, raises
from jobwise.rate_limits.service import Action, RateLimited, RateLimiter


async def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]


@cache  # one function per action, so FastAPI sees the same dependency wherever it is declared
def rate_limit(action: Action) -> Callable[..., Coroutine[Any, Any, None]]:
    async def check(
        user: CurrentUser, session: SessionDep, database: DatabaseDep, limiter: RateLimiterDep
    ) -> None:
        # The count is committed in a short transaction of its own, before the route's work: it
        # must stand even if the request then fails, and must not hold SQLite's write lock
        # through an LLM call. Authentication read the user in the request's transaction, which
        # on SQLite holds that lock already; it has written nothing, so end it first.
        await commit(session)
        async with database.write_session() as own, own.begin():
            await limiter.hit(own, user_id=user.id, action=action)

    check.__name__ = check.__qualname__ = f"rate_limit_{action}"
    return raises(RateLimited)(check)


RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "Over the user's limit for this kind of request (a RATE_LIMIT_* setting)",
        "headers": {
            "Retry-After": {"description": "Seconds until the limit resets", "schema": {"type": "integer"}}
        },
        "content": {"application/json": {"schema": ERROR_ENVELOPE_SCHEMA}},
    }
}
