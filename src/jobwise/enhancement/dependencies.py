"""OwnedEnhancementRun: the one place that decides whether a run (the API's job) is the user's."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.enhancement import service
from jobwise.errors import raises
from jobwise.models import EnhancementRun


@raises(service.EnhancementRunNotFound)
async def get_owned_enhancement_run(job_id: str, user: CurrentUser, session: SessionDep) -> EnhancementRun:
    return await service.get_run(session, owner=user, run_id=job_id)


OwnedEnhancementRun = Annotated[EnhancementRun, Depends(get_owned_enhancement_run)]
