"""Ownership, decided once per resource: another user's item is a 404, like a missing one."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from jobwise.auth.dependencies import CurrentUser
from jobwise.db import READ_METHODS, SessionDep
from jobwise.errors import PreconditionFailed, raises
from jobwise.http_cache import check_if_match
from jobwise.models import Education, Experience, Profile, Project
from jobwise.profiles import read_model, service


@raises(PreconditionFailed)
async def check_profile_version(request: Request, user: CurrentUser, session: SessionDep) -> None:
    """A change to the profile or any of its items made from a stale copy (If-Match) is a 412."""
    if request.method in READ_METHODS or "if-match" not in request.headers:
        return
    view = await read_model.stored_view(session, user.id)
    if view is not None:
        check_if_match(request, view.etag, what="Your profile")


@raises(service.ProfileNotFound)
async def get_current_profile(user: CurrentUser, session: SessionDep) -> Profile:
    return await service.get_profile(session, owner=user)


@raises(service.ExperienceNotFound)
async def get_owned_experience(experience_id: str, user: CurrentUser, session: SessionDep) -> Experience:
    return await service.get_experience(session, owner=user, experience_id=experience_id)


@raises(service.ProjectNotFound)
async def get_owned_project(project_id: str, user: CurrentUser, session: SessionDep) -> Project:
    return await service.get_project(session, owner=user, project_id=project_id)


@raises(service.EducationNotFound)
async def get_owned_education(education_id: str, user: CurrentUser, session: SessionDep) -> Education:
    return await service.get_education(session, owner=user, education_id=education_id)


CurrentProfile = Annotated[Profile, Depends(get_current_profile)]
OwnedExperience = Annotated[Experience, Depends(get_owned_experience)]
OwnedProject = Annotated[Project, Depends(get_owned_project)]
OwnedEducation = Annotated[Education, Depends(get_owned_education)]
