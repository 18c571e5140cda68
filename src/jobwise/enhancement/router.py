"""/api/v1/enhancement: start a run, follow it, read past runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, status
from sse_starlette import EventSourceResponse

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import DatabaseDep, PageLimit, PageOffset, SettingsDep
from jobwise.enhancement import service
from jobwise.enhancement.dependencies import OwnedEnhancementRun
from jobwise.enhancement.schemas import (
    EnhancementJobPage,
    EnhancementJobRead,
    EnhancementStatus,
    TriggerResponse,
    run_read,
    status_read,
)
from jobwise.errors import raises
from jobwise.profiles.service import ProfileNotFound
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit
from jobwise.tasks.dependencies import TaskSubmitterDep

router = APIRouter(prefix="/enhancement", tags=["Enhancement"])


@router.post(
    "/trigger",
    response_model=TriggerResponse,
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(rate_limit("enhancement"))],
    responses=RATE_LIMITED,
)
@raises(ProfileNotFound, service.NothingToEnhance, service.EnhancementInProgress)
async def trigger_enhancement(
    user: CurrentUser, session: SessionDep, settings: SettingsDep, submit: TaskSubmitterDep
) -> TriggerResponse:
    run = await service.trigger(session, owner=user, max_attempts=settings.TASK_MAX_ATTEMPTS, submit=submit)
    return TriggerResponse(
        job_id=run.id,
        message=f"Enhancement queued; follow it at /api/v1/enhancement/jobs/{run.id}/events",
    )


@router.get("/status", response_model=EnhancementStatus)
@raises(service.EnhancementRunNotFound)
async def enhancement_status(user: CurrentUser, session: SessionDep) -> EnhancementStatus:
    return status_read(await service.latest_run(session, owner=user))


@router.get("/jobs", response_model=EnhancementJobPage)
async def list_enhancement_jobs(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> EnhancementJobPage:
    runs, total = await service.list_runs(session, owner=user, limit=limit, offset=offset)
    return EnhancementJobPage(items=[run_read(run) for run in runs], total=total, limit=limit, offset=offset)


@router.get("/jobs/{job_id}", response_model=EnhancementJobRead)
async def read_enhancement_job(run: OwnedEnhancementRun) -> EnhancementJobRead:
    return run_read(run)


@router.get(
    "/jobs/{job_id}/events",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-Sent Events"}},
)
async def enhancement_job_events(
    run: OwnedEnhancementRun,
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    last_event_id: Annotated[int | None, Header(ge=0, le=1_000_000)] = None,
) -> EventSourceResponse:
    """Each step as it starts (`progress`), then `completed` or `failed` with the whole run.

    Send `Last-Event-ID` to resume after the last event you received.
    """
    events = service.stream_events(
        database,
        run_id=run.id,
        after=last_event_id or 0,
        poll_seconds=settings.ENHANCEMENT_EVENTS_POLL_SECONDS,
        disconnected=request.is_disconnected,
    )
    return EventSourceResponse(events)
