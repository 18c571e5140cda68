"""OwnedJob: the one place that decides whether a job id belongs to the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.errors import raises
from jobwise.jobs import service
from jobwise.models import Job


@raises(service.JobNotFound)
async def get_owned_job(job_id: str, user: CurrentUser, session: SessionDep) -> Job:
    return await service.get_job(session, owner=user, job_id=job_id)


OwnedJob = Annotated[Job, Depends(get_owned_job)]
