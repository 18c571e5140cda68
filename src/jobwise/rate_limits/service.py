"""Per-user rate limits, counted in the database so they hold across API processes.

A fixed window per user and action. One statement counts and decides:

    INSERT ... VALUES (user, action, window, 1)
    ON CONFLICT DO UPDATE SET hits = hits + 1 WHERE hits < limit
    RETURNING hits

A row back means the request is let through; none means the window is full (and nothing was
written). The database serialises concurrent upserts of one row (SQLite: the write lock;
PostgreSQL: the row lock, re-reading the latest version), so however many requests arrive at
once, in however many processes, exactly `limit` of them get a row back. Works on SQLite 3.35+
and PostgreSQL 9.5+.

The request that opens a new window deletes the user's older windows of that action: counters
never pile up (at most one row per user and action stays behind), and only one request per
window does it, so pruning never contends with itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final, Literal

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.config import Settings
from jobwise.errors import TooManyRequests
from jobwise.models import RateLimitCounter, utcnow

Action = Literal["job_parse", "enhancement", "ranking", "generation", "export", "upload"]


@dataclass(frozen=True)
class LimitedAction:
    what: str  # completes "Too many ..." in the 429's message
    setting: str  # the setting that holds its limit per window


# Every limited action, named once: the routes declare Depends(rate_limit(<key>)).
ACTIONS: Final[Mapping[Action, LimitedAction]] = {
    "job_parse": LimitedAction("job postings parsed", "RATE_LIMIT_JOB_PARSES"),
    "enhancement": LimitedAction("enhancement runs started", "RATE_LIMIT_ENHANCEMENTS"),
    "ranking": LimitedAction("rankings", "RATE_LIMIT_RANKINGS"),
    "generation": LimitedAction("resumes and cover letters generated", "RATE_LIMIT_GENERATIONS"),
    "export": LimitedAction("document exports", "RATE_LIMIT_EXPORTS"),
    "upload": LimitedAction("sample uploads", "RATE_LIMIT_UPLOADS"),
}


class RateLimited(TooManyRequests):
    code = "rate_limited"


def window_bounds(now: datetime, seconds: int) -> tuple[datetime, datetime]:
    """The fixed window `now` falls in; windows are aligned to the epoch, the same in every process."""
    start = datetime.fromtimestamp(math.floor(now.timestamp() / seconds) * seconds, UTC)
    return start, start + timedelta(seconds=seconds)


@dataclass
class RateLimiter:
    """The limits the app was started with, and the clock they are counted by (tests move it)."""

    limits: Mapping[Action, int]
    window_seconds: int
    clock: Callable[[], datetime] = field(default=utcnow)

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        return cls(
            limits={action: int(getattr(settings, spec.setting)) for action, spec in ACTIONS.items()},
            window_seconds=settings.RATE_LIMIT_WINDOW_SECONDS,
        )

    async def hit(self, session: AsyncSession, *, user_id: int, action: Action) -> None:
        """Count one request, or raise RateLimited (with Retry-After) if the window is full.

        Writes: run it in a short transaction of its own, never one held across slow work.
        """
        limit = self.limits[action]
        if limit <= 0:  # turned off
            return
        now = self.clock()
        start, end = window_bounds(now, self.window_seconds)
        hits = await _count(session, user_id=user_id, action=action, window_start=start, limit=limit)
        if hits is None:
            spec = ACTIONS[action]
            retry_after = max(1, math.ceil((end - now).total_seconds()))
            raise RateLimited(
                f"Too many {spec.what}: at most {limit} every {self.window_seconds} seconds "
                f"({spec.setting}); try again in {retry_after} seconds",
                headers={"Retry-After": str(retry_after)},
                details={
                    "action": action,
                    "limit": limit,
                    "window_seconds": self.window_seconds,
                    "retry_after": retry_after,
                    "resets_at": end,
                },
            )
        if hits == 1:  # this request opened the window: the user's older ones are done with
            await session.execute(
                delete(RateLimitCounter).where(
                    RateLimitCounter.user_id == user_id,
                    RateLimitCounter.action == action,
                    RateLimitCounter.window_start < start,
                )
            )


async def _count(
    session: AsyncSession, *, user_id: int, action: str, window_start: datetime, limit: int
) -> int | None:
    """The window's hits after counting this request, or None when it is already full."""
    values = {"user_id": user_id, "action": action, "window_start": window_start, "hits": 1}
    key = [RateLimitCounter.user_id, RateLimitCounter.action, RateLimitCounter.window_start]
    one_more = {"hits": RateLimitCounter.hits + 1}
    room_left = RateLimitCounter.hits < limit
    dialect = session.get_bind().dialect.name
    # The two dialects spell the upsert alike but as different classes.
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        on_postgresql = postgresql.insert(RateLimitCounter).values(values)
        statement = on_postgresql.on_conflict_do_update(index_elements=key, set_=one_more, where=room_left)
    elif dialect == "sqlite":
        on_sqlite = sqlite.insert(RateLimitCounter).values(values)
        statement = on_sqlite.on_conflict_do_update(index_elements=key, set_=one_more, where=room_left)
    else:  # pragma: no cover (JobWise runs on SQLite and PostgreSQL only)
        raise NotImplementedError(f"rate limits need SQLite or PostgreSQL, not {dialect}")
    hits: int | None = await session.scalar(statement.returning(RateLimitCounter.hits))
    return hits
