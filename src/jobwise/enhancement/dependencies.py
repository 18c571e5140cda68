"""OwnedEnhancementJob: the one place that decides whether a job id belongs to the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.enhancement import service
from jobwise.errors import raises
from jobwise.models import EnhancementJob


@raises(service.EnhancementJobNotFound)
async def get_owned_enhancement_job(job_id: str, user: CurrentUser, session: SessionDep) -> EnhancementJob:
    return await service.get_job(session, owner=user, job_id=job_id)


OwnedEnhancementJob = Annotated[EnhancementJob, Depends(get_owned_enhancement_job)]
