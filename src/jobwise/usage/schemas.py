from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class UsageTotals(BaseModel):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    # Answered from the cache: no tokens spent.
    cached_calls: int = 0
    failed_calls: int = 0
    # Calls whose server reported no token usage: their tokens are estimated from the text's
    # length (about 4 characters a token) and count against the budget all the same.
    estimated_calls: int = 0


class PurposeUsage(UsageTotals):
    purpose: str


class UsageRead(BaseModel):
    overall: UsageTotals
    # Since the last UTC midnight: what the daily budget counts.
    today: UsageTotals
    by_purpose: list[PurposeUsage]
    # LLM_DAILY_TOKEN_BUDGET, or null when there is none.
    daily_token_budget: int | None
    remaining_today: int | None
    resets_at: datetime
