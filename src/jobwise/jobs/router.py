"""/api/v1/jobs: job postings (never background work: that is a task)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from jobwise.ai.dependencies import EngineDep
from jobwise.ai.errors import LLM_ERRORS
from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import PageLimit, PageOffset
from jobwise.errors import raises
from jobwise.jobs import service
from jobwise.jobs.dependencies import OwnedJob
from jobwise.jobs.jsonresume import job_to_json_resume
from jobwise.jobs.schemas import (
    ApplicationStatus,
    JobCreate,
    JobPage,
    JobParse,
    JobParsed,
    JobRead,
    JobStatus,
    JobUpdate,
)
from jobwise.models import Job
from jobwise.rate_limits.dependencies import RATE_LIMITED, rate_limit

router = APIRouter(prefix="/jobs", tags=["Jobs"])


@router.post("", response_model=JobRead, status_code=status.HTTP_201_CREATED)
async def create_job(data: JobCreate, user: CurrentUser, session: SessionDep) -> Job:
    return await service.create_job(session, user, data)


@router.post(
    "/parse",
    response_model=JobParsed,
    status_code=status.HTTP_201_CREATED,
    summary="Parse a pasted job posting and save it",
    dependencies=[Depends(rate_limit("job_parse"))],
    responses=RATE_LIMITED,
)
@raises(service.JobTextUnusable, *LLM_ERRORS)
async def parse_job(data: JobParse, user: CurrentUser, session: SessionDep, engine: EngineDep) -> JobParsed:
    """Reads title, company, location, requirements, benefits, keywords, salary, remote and
    experience level from the text. A title the posting does not state is saved as "Untitled
    position", a company it never names as null, and both are named in `placeholders`; PATCH
    corrects any field. No usable text: 422."""
    outcome = await service.parse_job(session, user, data, engine=engine)
    read = JobRead.model_validate(outcome.job)
    return JobParsed(**read.model_dump(exclude={"placeholders"}), engine=outcome.engine)


@router.get("", response_model=JobPage)
async def list_jobs(
    user: CurrentUser,
    session: SessionDep,
    job_status: Annotated[JobStatus | None, Query(alias="status")] = None,
    application_status: ApplicationStatus | None = None,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> JobPage:
    jobs, total = await service.list_jobs(
        session,
        owner=user,
        status=job_status,
        application_status=application_status,
        limit=limit,
        offset=offset,
    )
    return JobPage(
        items=[JobRead.model_validate(job) for job in jobs], total=total, limit=limit, offset=offset
    )


@router.get("/{job_id}", response_model=JobRead)
async def read_job(job: OwnedJob) -> Job:
    return job


@router.get("/{job_id}/json-resume", summary="The job in JSON Resume's job schema")
async def export_job_json_resume(job: OwnedJob) -> dict[str, Any]:
    return job_to_json_resume(job)


@router.patch("/{job_id}", response_model=JobRead)
async def update_job(data: JobUpdate, job: OwnedJob, session: SessionDep) -> Job:
    return await service.update_job(session, job=job, data=data)


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_job(job: OwnedJob, session: SessionDep) -> None:
    await service.delete_job(session, job=job)
