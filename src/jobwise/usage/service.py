"""The totals behind GET /api/v1/usage: overall, since UTC midnight, and by purpose."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from jobwise.ai.usage import utc_midnights
from jobwise.models import LLMUsage
from jobwise.usage.schemas import PurposeUsage, UsageRead, UsageTotals


def _totals_columns() -> tuple[Any, ...]:
    return (
        func.count(),
        func.coalesce(func.sum(LLMUsage.prompt_tokens), 0),
        func.coalesce(func.sum(LLMUsage.completion_tokens), 0),
        func.coalesce(func.sum(case((LLMUsage.outcome == "cached", 1), else_=0)), 0),
        func.coalesce(func.sum(case((LLMUsage.outcome == "error", 1), else_=0)), 0),
        func.coalesce(func.sum(case((LLMUsage.tokens_estimated, 1), else_=0)), 0),
    )


def _totals(
    calls: int, prompt: int, completion: int, cached: int, failed: int, estimated: int
) -> UsageTotals:
    return UsageTotals(
        calls=calls,
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=prompt + completion,
        cached_calls=cached,
        failed_calls=failed,
        estimated_calls=estimated,
    )


async def usage_summary(
    session: AsyncSession, *, user_id: int, daily_budget: int, now: datetime | None = None
) -> UsageRead:
    start, resets_at = utc_midnights(now or datetime.now(UTC))
    rows = await session.execute(
        select(LLMUsage.purpose, *_totals_columns())
        .where(LLMUsage.user_id == user_id)
        .group_by(LLMUsage.purpose)
        .order_by(LLMUsage.purpose)
    )
    by_purpose = [
        PurposeUsage(purpose=purpose, **_totals(*sums).model_dump()) for purpose, *sums in rows.all()
    ]
    overall = _totals(
        *(
            sum(getattr(p, field) for p in by_purpose)
            for field in (
                "calls",
                "prompt_tokens",
                "completion_tokens",
                "cached_calls",
                "failed_calls",
                "estimated_calls",
            )
        )
    )
    today_row = (
        await session.execute(
            select(*_totals_columns()).where(LLMUsage.user_id == user_id, LLMUsage.created_at >= start)
        )
    ).one()
    today = _totals(*today_row)
    return UsageRead(
        overall=overall,
        today=today,
        by_purpose=by_purpose,
        daily_token_budget=daily_budget or None,
        remaining_today=max(0, daily_budget - today.total_tokens) if daily_budget else None,
        resets_at=resets_at,
    )
