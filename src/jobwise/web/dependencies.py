"""What the browser's routes depend on besides the session (web/session.py)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import cache
from typing import Annotated, Any

from fastapi import Depends

from jobwise.db import SessionDep, commit
from jobwise.dependencies import DatabaseDep, SettingsDep
from jobwise.documents import service as documents
from jobwise.jobs import service as jobs
from jobwise.models import Document, Job, Profile
from jobwise.profiles import service as profiles
from jobwise.rate_limits.dependencies import RateLimiterDep
from jobwise.rate_limits.service import Action
from jobwise.storage import Storage
from jobwise.web.session import WebUser


@cache  # one function per action, as rate_limits.dependencies does for the API
def rate_limit(action: Action) -> Callable[..., Coroutine[Any, Any, None]]:
    """The API's per-user limit for `action`: the browser is no way around it."""

    async def check(
        user: WebUser, session: SessionDep, database: DatabaseDep, limiter: RateLimiterDep
    ) -> None:
        # As for the API: counted in a transaction of its own, which stands even if the work fails.
        await commit(session)
        async with database.write_session() as own, own.begin():
            await limiter.hit(own, user_id=user.id, action=action)

    check.__name__ = check.__qualname__ = f"web_rate_limit_{action}"
    return check


async def get_storage(settings: SettingsDep) -> Storage:
    return Storage.from_settings(settings)


StorageDep = Annotated[Storage, Depends(get_storage)]


async def get_full_profile_or_none(user: WebUser, session: SessionDep) -> Profile | None:
    """The profile with its items, or None before the person has made one."""
    if await profiles.find_profile(session, owner=user) is None:
        return None
    return await profiles.get_full_profile(session, owner=user)


FullProfileOrNone = Annotated[Profile | None, Depends(get_full_profile_or_none)]


async def get_owned_job(job_id: str, user: WebUser, session: SessionDep) -> Job:
    """The job if it is the signed-in person's; another person's job is a 404, like a missing one."""
    return await jobs.get_job(session, owner=user, job_id=job_id)


OwnedJob = Annotated[Job, Depends(get_owned_job)]


async def get_owned_document(document_id: str, user: WebUser, session: SessionDep) -> Document:
    return await documents.get_document(session, owner=user, document_id=document_id)


OwnedDocument = Annotated[Document, Depends(get_owned_document)]
