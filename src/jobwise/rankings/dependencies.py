"""OwnedRanking: another user's ranking id is a 404, decided here once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import SessionDep
from jobwise.errors import raises
from jobwise.models import JobContentRanking
from jobwise.rankings import service


@raises(service.RankingNotFound)
async def get_owned_ranking(ranking_id: str, user: CurrentUser, session: SessionDep) -> JobContentRanking:
    return await service.get_ranking(session, owner=user, ranking_id=ranking_id)


OwnedRanking = Annotated[JobContentRanking, Depends(get_owned_ranking)]
