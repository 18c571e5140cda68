"""/api/v1/jobs: job postings (never background work: that is a task)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from jobwise.ai.dependencies import EngineDep
from jobwise.ai.errors import LLM_ERRORS
from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.dependencies import PageLimit, PageOffset
from jobwise.errors import PreconditionFailed, raises
from jobwise.http_cache import NOT_MODIFIED, check_if_match, conditional_json, content_etag
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


def _body(job: Job) -> str:
    # The representation is its own version: its hash is the ETag (jobs have no version column).
    return JobRead.model_validate(job).model_dump_json()


@router.get("/{job_id}", response_model=JobRead, responses=NOT_MODIFIED)
async def read_job(request: Request, job: OwnedJob) -> Response:
    """The job, with an `ETag`: send it in If-None-Match for a 304 when nothing changed, and in
    If-Match on PATCH to refuse (412) a change made from a stale copy."""
    return conditional_json(request, _body(job))


@router.get("/{job_id}/json-resume", summary="The job in JSON Resume's job schema", responses=NOT_MODIFIED)
async def export_job_json_resume(request: Request, job: OwnedJob) -> Response:
    rendered = JSONResponse(jsonable_encoder(job_to_json_resume(job))).body
    return conditional_json(request, bytes(rendered))


@router.patch("/{job_id}", response_model=JobRead)
@raises(PreconditionFailed)
async def update_job(request: Request, data: JobUpdate, job: OwnedJob, session: SessionDep) -> Response:
    """Change some fields; with If-Match naming an older ETag than the job's, 412 and no change."""
    check_if_match(request, content_etag(_body(job)), what="This job")
    return conditional_json(request, _body(await service.update_job(session, job=job, data=data)))


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_job(job: OwnedJob, session: SessionDep) -> None:
    await service.delete_job(session, job=job)
