"""OwnedGeneration: another user's generation id is a 404, decided here once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.errors import raises
from jobwise.generations import service
from jobwise.models import Generation


@raises(service.GenerationNotFound)
async def get_owned_generation(generation_id: str, user: CurrentUser, session: SessionDep) -> Generation:
    return await service.get_generation(session, owner=user, generation_id=generation_id)


OwnedGeneration = Annotated[Generation, Depends(get_owned_generation)]
