"""/api/v1/rankings: how relevant each part of the profile is to a job, and what it lacks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from jobwise.ai.dependencies import EngineDep
from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import PageLimit, PageOffset
from jobwise.errors import raises
from jobwise.jobs.service import JobNotFound
from jobwise.models import JobContentRanking
from jobwise.profiles.service import ProfileNotFound
from jobwise.rankings import service
from jobwise.rankings.dependencies import OwnedRanking
from jobwise.rankings.schemas import RankingCreate, RankingPage, RankingRead
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.schemas import ID_MAX

router = APIRouter(prefix="/rankings", tags=["Rankings"])


@router.post(
    "",
    response_model=RankingRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(rate_limit("ranking"))],
    responses={
        200: {"model": RankingRead, "description": "The job was ranked before; stored or recomputed"},
        **RATE_LIMITED,
    },
)
# An LLM's judgement is optional here: its errors leave the ranking without it (service.compute).
@raises(JobNotFound, ProfileNotFound)
async def rank_job(
    data: RankingCreate, user: CurrentUser, session: SessionDep, engine: EngineDep, response: Response
) -> JobContentRanking:
    """Rank the profile against a job: 201 the first time, 200 after (recomputed only when the
    profile or the job changed since)."""
    ranking, outcome = await service.rank_job(session, owner=user, job_id=data.job_id, engine=engine)
    if outcome != "created":
        response.status_code = status.HTTP_200_OK
    return ranking


@router.get("", response_model=RankingPage)
async def list_rankings(
    user: CurrentUser,
    session: SessionDep,
    job_id: Annotated[str | None, Query(max_length=ID_MAX)] = None,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> RankingPage:
    rows, total = await service.list_rankings(session, owner=user, job_id=job_id, limit=limit, offset=offset)
    return RankingPage(
        items=[RankingRead.model_validate(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.get("/{ranking_id}", response_model=RankingRead)
async def read_ranking(ranking: OwnedRanking) -> JobContentRanking:
    return ranking
