"""Usage per user and call, recorded as calls end, and the daily token budget it is checked against.

The totals a person reads (GET /api/v1/usage) are the usage feature's (jobwise/usage/)."""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.errors import TokenBudgetExceeded
from jobwise.background_writes import BackgroundWrites
from jobwise.db import Database
from jobwise.models import LLMUsage


@dataclass(frozen=True)
class UsageEntry:
    user_id: int | None
    purpose: str
    engine: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    calls: int
    latency_ms: int
    outcome: str  # ok | cached | error
    error_code: str | None = None
    # The server reported no usage (llama.cpp in streams): the counts are JobWise's estimate.
    tokens_estimated: bool = False

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class _Total:
    """One read of a user's tokens today: the rows written, the rows pending then, and how many
    tokens this process had recorded then."""

    used: int
    pending: int
    recorded: int


def utc_midnights(now: datetime) -> tuple[datetime, datetime]:
    """The start of today (UTC) and of tomorrow, when the daily budget resets."""
    start = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


class UsageRecorder:
    """Records usage in its own short transactions and enforces LLM_DAILY_TOKEN_BUDGET."""

    def __init__(self, database: Database, *, daily_budget: int = 0) -> None:
        self._writes = BackgroundWrites(database)
        self._database = database
        self.daily_budget = daily_budget
        # Tokens of rows not yet written, so the budget counts calls that just finished.
        self._unwritten: dict[int, int] = defaultdict(int)
        # Tokens this process has recorded per user, ever: what a shared read (below) missed.
        self._recorded: dict[int, int] = defaultdict(int)
        # One read of a user's total at a time: an enhancement starts a dozen calls at once, and
        # a query each was a third of its event loop's work (cProfile of the worker).
        self._reading: dict[tuple[int, datetime], asyncio.Future[_Total]] = {}

    def record(self, entry: UsageEntry) -> None:
        if entry.user_id is not None:
            self._unwritten[entry.user_id] += entry.tokens
            self._recorded[entry.user_id] += entry.tokens

        async def write(session: AsyncSession) -> None:
            session.add(
                LLMUsage(
                    user_id=entry.user_id,
                    purpose=entry.purpose,
                    engine=entry.engine,
                    model=entry.model[:200],
                    prompt_tokens=entry.prompt_tokens,
                    completion_tokens=entry.completion_tokens,
                    calls=entry.calls,
                    latency_ms=entry.latency_ms,
                    outcome=entry.outcome,
                    error_code=entry.error_code,
                    tokens_estimated=entry.tokens_estimated,
                )
            )

        def written() -> None:
            # Only once the row is committed (or lost), so the budget never misses these tokens.
            if entry.user_id is not None:
                self._unwritten[entry.user_id] -= entry.tokens
                if self._unwritten[entry.user_id] <= 0:
                    del self._unwritten[entry.user_id]

        self._writes.submit(write, what=f"usage of {entry.purpose}", finally_=written)

    async def drain(self) -> None:
        await self._writes.drain()

    async def tokens_today(self, user_id: int, *, now: datetime | None = None) -> int:
        start, _ = utc_midnights(now or datetime.now(UTC))
        recorded = self._recorded.get(user_id, 0)
        key = (user_id, start)
        reading = self._reading.get(key)
        if reading is None:
            reading = asyncio.ensure_future(self._read_total(user_id, start))
            self._reading[key] = reading
            reading.add_done_callback(lambda done: self._read_over(key, done))
        total = await asyncio.shield(reading)
        # A caller that joined a read already under way adds what was recorded since it began.
        return total.used + total.pending + max(0, recorded - total.recorded)

    async def _read_total(self, user_id: int, start: datetime) -> _Total:
        # Read before the query: a row committed while the query runs leaves the pending count
        # only after it committed, so it may count twice (briefly strict) but never not at all.
        pending = max(0, self._unwritten.get(user_id, 0))
        recorded = self._recorded.get(user_id, 0)
        async with self._database.read_session() as session:
            used = await session.scalar(
                select(func.coalesce(func.sum(LLMUsage.prompt_tokens + LLMUsage.completion_tokens), 0)).where(
                    LLMUsage.user_id == user_id, LLMUsage.created_at >= start
                )
            )
        return _Total(used=int(used or 0), pending=pending, recorded=recorded)

    def _read_over(self, key: tuple[int, datetime], done: asyncio.Future[_Total]) -> None:
        if self._reading.get(key) is done:
            del self._reading[key]
        if not done.cancelled():
            done.exception()  # retrieved here: every caller may have gone before it failed

    async def check_budget(self, user_id: int | None, *, now: datetime | None = None) -> None:
        if not self.daily_budget or user_id is None:
            return
        now = now or datetime.now(UTC)
        used = await self.tokens_today(user_id, now=now)
        if used < self.daily_budget:
            return
        _, resets_at = utc_midnights(now)
        wait = max(1, math.ceil((resets_at - now).total_seconds()))
        raise TokenBudgetExceeded(
            f"Today's AI token budget ({self.daily_budget} tokens, LLM_DAILY_TOKEN_BUDGET) is spent "
            f"({used} used); it resets at {resets_at.isoformat().replace('+00:00', 'Z')}",
            headers={"Retry-After": str(wait)},
            details={"budget": self.daily_budget, "used": used, "resets_at": resets_at},
        )
