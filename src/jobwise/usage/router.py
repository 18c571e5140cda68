"""/api/v1/usage: the current user's LLM usage (totals, today, by purpose) and daily budget."""

from __future__ import annotations

from fastapi import APIRouter

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import SettingsDep
from jobwise.usage import service
from jobwise.usage.schemas import UsageRead

router = APIRouter(tags=["AI"])


@router.get("/usage", response_model=UsageRead)
async def read_usage(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> UsageRead:
    return await service.usage_summary(session, user_id=user.id, daily_budget=settings.llm_daily_token_budget)
